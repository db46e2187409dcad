package io.callsight.compliance;

import static io.callsight.common.Auth.asToken;
import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.callsight.common.Auth;
import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The do-not-call upload as the page sends it: a file with or without a header, invalid entries reported one by one
 * with their line and value, the same file again changing nothing, and the numbers kept out of the audit log.
 * Numbers 415-555-01xx are this class's own.
 */
@QuarkusTest
class DoNotCallUploadTest extends DatabaseTest {

    private static JsonPath upload(String body) {
        return given().contentType("text/csv").queryParam("fileName", "dnc-test.csv").body(body).when()
                .post("/api/compliance/do-not-call").then().statusCode(200).extract().jsonPath();
    }

    private static boolean listed(String number) {
        return GraphQL.query("query($n: String!) { onDoNotCallList(number: $n) }", Map.of("n", number))
                .getBoolean("data.onDoNotCallList");
    }

    @Test
    void aFileWithoutHeaderReportsEachInvalidLineWithItsLineAndValueAndLoadsAgainWithoutChange() {
        // US formats, a blank line (skipped, still counted as a line), a duplicate, two refused lines
        String file = "(415) 555-0101\n415.555.0102\n\n1-415-555-0103\nnot a number\n+1 415 555 0101\n555-0107\n";
        JsonPath first = upload(file);
        assertThat(first.getInt("rowsRead")).isEqualTo(6);
        assertThat(first.getInt("added")).isEqualTo(3);
        assertThat(first.getInt("alreadyListed")).as("the repeated 0101").isEqualTo(1);
        assertThat(first.getInt("rejected")).isEqualTo(2);
        assertThat(first.getList("invalid.line", Integer.class)).containsExactly(5, 7);
        assertThat(first.getList("invalid.value", String.class)).containsExactly("not a number", "555-0107");
        assertThat(first.getList("invalid.reason", String.class)).containsExactly("not a phone number",
                "no area code (a local number matches no call)");
        assertThat(first.getList("rejects", String.class)).as("the older field is unchanged")
                .containsExactly("line 5, phone: not a phone number",
                        "line 7, phone: no area code (a local number matches no call)");
        assertThat(listed("+14155550103")).isTrue();

        JsonPath again = upload(file);
        assertThat(again.getInt("added")).isZero();
        assertThat(again.getInt("alreadyListed")).isEqualTo(4);
        assertThat(again.getList("invalid.line", Integer.class)).containsExactly(5, 7);
    }

    @Test
    void aHeaderNamesTheColumnAndTheApiReportsPositions() {
        JsonPath withHeader = upload("name,Phone Number\nAnn,415 555 0104\nBob,\nCid,12\n");
        assertThat(withHeader.getInt("added")).isEqualTo(1);
        assertThat(withHeader.getList("invalid.line", Integer.class)).containsExactly(3, 4);
        assertThat(withHeader.getList("invalid.value", String.class)).containsExactly("", "12");
        assertThat(withHeader.getList("invalid.reason", String.class)).containsExactly("missing phone number",
                "not a phone number");
        given().contentType("text/csv").body("name\nAnn\n").when().post("/api/compliance/do-not-call").then()
                .statusCode(400);

        JsonPath api = GraphQL.query("mutation($n: [String!]!) { addDoNotCall(numbers: $n) { added alreadyListed "
                + "rejects invalid { line value reason } } }", Map.of("n", List.of("415-555-0105", "x1", "415-555-0104")));
        assertThat(api.getInt("data.addDoNotCall.added")).isEqualTo(1);
        assertThat(api.getInt("data.addDoNotCall.alreadyListed")).isEqualTo(1);
        assertThat(api.getList("data.addDoNotCall.invalid.line", Integer.class)).containsExactly(2);
        assertThat(api.getList("data.addDoNotCall.invalid.value", String.class)).containsExactly("x1");
        assertThat(api.getString("data.addDoNotCall.rejects[0]")).startsWith("numbers[1]: not a phone number");

        // the list cannot be read back through the audit log either
        JsonPath audit = GraphQL.query("{ auditLog(first: 5, action: \"addDoNotCall\") { edges { node { target detail } } } }");
        assertThat(audit.getString("data.auditLog.edges[0].node.detail")).contains("3 numbers, not logged")
                .doesNotContain("0105");

        GraphQL.query("mutation { createUser(username: \"dnc-analyst\", password: \"dnc-password-1\", role: ANALYST) { id } }");
        asToken(Auth.token("dnc-analyst", "dnc-password-1")).contentType("text/csv").body("415 555 0106\n").when()
                .post("/api/compliance/do-not-call").then().statusCode(403);
        assertThat(listed("415 555 0106")).isFalse();
    }
}
