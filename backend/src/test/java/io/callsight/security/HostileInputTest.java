package io.callsight.security;

import static io.callsight.common.Auth.anonymous;
import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.callsight.common.GraphQL;
import io.callsight.common.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.function.BiFunction;

/**
 * Hostile input: SQL and GraphQL injection strings in every argument, filter and text field of
 * every operation (generated from the served schema), oversized and over-deep queries, malformed
 * JSON and CSV. Each gets a clear, coded error or a harmless answer; nothing leaks a stack trace
 * and the data stays intact.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
class HostileInputTest {

    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1",
            "x'); DROP TABLE call; --",
            "\") { __typename } } mutation { revokeApiKey(id: \"1\") { id } } #",
            "MX-ADV-A' UNION SELECT password_hash FROM app_user --",
            "\u202e\u0000-nul");

    private static final Set<String> CLEAN_CODES = Set.of("FORBIDDEN", "NOT_FOUND", "BAD_INPUT");

    private SchemaOperations schema;

    @BeforeEach
    void load() {
        AccessFixture.load();
        schema = new SchemaOperations(GraphQL.query(SchemaOperations.INTROSPECTION));
    }

    /** All calls stored, as the reports count them. */
    private static long totalCalls() {
        List<Number> totals = GraphQL.query("{ campaignPerformance { totalCalls } }")
                .getList("data.campaignPerformance.totalCalls");
        return totals.stream().mapToLong(Number::longValue).sum();
    }

    @Test
    void injectionStringsInEveryArgumentAreData() {
        long callsBefore = totalCalls();
        int keysBefore = GraphQL.query("{ apiKeys { id revokedAt } }").getList("data.apiKeys").size();
        List<Object> revokedBefore = GraphQL.query("{ apiKeys { id revokedAt } }")
                .getList("data.apiKeys.findAll { it.revokedAt != null }.id");
        for (String injection : INJECTIONS) {
            String literal = SchemaOperations.string(injection);
            List<SchemaOperations.Operation> ops = new ArrayList<>();
            BiFunction<String, SchemaOperations.TypeRef, String> chooser = new BiFunction<>() {
                @Override
                public String apply(String name, SchemaOperations.TypeRef t) {
                    if ("INPUT_OBJECT".equals(t.kind())) {
                        return schema.inputObject(t.name(), 0, this);
                    }
                    if ("SCALAR".equals(t.kind()) && (t.name().equals("String") || t.name().equals("ID"))) {
                        return t.list() ? "[" + literal + "]" : literal;
                    }
                    if ("SCALAR".equals(t.kind()) && (t.name().equals("BigInteger") || t.name().equals("Int"))
                            && !name.equals("first")) {
                        return t.list() ? "[999999999]" : "999999999";
                    }
                    return null;
                }
            };
            schema.queries().forEach(f -> ops.add(schema.operation("query", f, chooser)));
            schema.mutations().forEach(f -> ops.add(schema.operation("mutation", f, chooser)));
            for (var op : ops) {
                JsonPath r = given().contentType(ContentType.JSON).body(Map.of("query", op.document()))
                        .when().post("/graphql").then().statusCode(200).extract().jsonPath();
                List<String> codes = r.getList("errors.extensions.code");
                List<String> messages = r.getList("errors.message");
                assertThat(messages == null ? List.of() : messages).as("%s", op.document())
                        .doesNotContain("System error");
                assertThat(CLEAN_CODES).as("%s: %s", op.document(), r.prettify())
                        .containsAll(codes == null ? List.of() : codes);
                assertThat(r.prettify()).as("%s", op.document()).doesNotContain("$2a$").doesNotContain("at io.callsight")
                        .doesNotContain("SQLState").doesNotContain("org.postgresql").doesNotContain("java.lang");
            }
        }
        // nothing was dropped, revoked or changed
        assertThat(totalCalls()).isEqualTo(callsBefore);
        assertThat(GraphQL.query("{ apiKeys { id revokedAt } }").getList("data.apiKeys.findAll { it.revokedAt != null }.id"))
                .containsExactlyInAnyOrderElementsOf(revokedBefore);
        assertThat(GraphQL.query("{ apiKeys { id } }").getList("data.apiKeys").size()).isGreaterThanOrEqualTo(keysBefore);
    }

    @Test
    void graphQLInjectionThroughVariablesStaysAString() {
        String evil = "\"]}) { campaignId } } mutation { createUser(username: \"evil\", password: \"evilevil1\", "
                + "role: ADMIN) { id } } #";
        JsonPath r = GraphQL.query("query($c: [String]) { campaignPerformance(filter: {campaignIds: $c}) { campaignId } "
                + "calls(filter: {advertiserIds: $c, leadStatuses: $c}) { edges { node { callId } } } }",
                Map.of("c", List.of(evil)));
        assertThat(r.getList("data.campaignPerformance")).isEmpty();
        assertThat(r.getList("data.calls.edges")).isEmpty();
        assertThat(GraphQL.query("{ users { username } }").getList("data.users.username")).doesNotContain("evil");
    }

    @Test
    void oversizedAndOverDeepQueriesGetAClearError() {
        String huge = "{ me { username } }" + " ".repeat(300_000);
        given().contentType(ContentType.JSON).body(Map.of("query", huge)).when().post("/graphql").then()
                .statusCode(413).body("errors[0].extensions.code", equalTo("BAD_INPUT"))
                .body("errors[0].message", containsString("too large"));
        // depth: nested selections through the schema's own types
        String deep = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { "
                + "ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } } } } } }";
        JsonPath d = given().contentType(ContentType.JSON).body(Map.of("query", deep)).when().post("/graphql").then()
                .statusCode(200).extract().jsonPath();
        assertThat(d.getString("errors[0].message")).containsIgnoringCase("depth");
        assertThat(d.getString("data")).isNull();
        // complexity: many aliased fields
        StringBuilder wide = new StringBuilder("{ ");
        for (int i = 0; i < 700; i++) {
            wide.append("a").append(i).append(": me { username } ");
        }
        JsonPath w = given().contentType(ContentType.JSON).body(Map.of("query", wide.append("}").toString()))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertThat(w.getString("errors[0].message")).containsIgnoringCase("complexity");
    }

    @Test
    void malformedJsonAndCsvAreRefusedClearly() {
        var g = given().contentType(ContentType.JSON).body("{\"query\": \"{ me { username } }\"").when()
                .post("/graphql").then().extract();
        assertThat(g.statusCode()).isIn(200, 400);
        assertThat(g.jsonPath().getString("errors[0].message")).isNotBlank();
        assertThat(g.jsonPath().getString("data")).isNull();
        assertThat(g.asString()).doesNotContain("at io.").doesNotContain("java.lang");
        anonymous().contentType(ContentType.JSON).body("{\"username\": \"admin\", \"password\": ").when()
                .post("/api/auth/login").then().statusCode(400).body("code", equalTo("BAD_INPUT"));
        given().contentType(ContentType.JSON).body("[{\"Call ID\": \"j1\", ").when().post("/api/ingest/calls").then()
                .statusCode(400).body("code", equalTo("BAD_INPUT"));
        // a CSV with an unterminated quote and binary garbage: rejected rows with their line, never a 500
        String csv = "Call ID,Lead ID,Campaign ID,Call Status,Call Dial Time\n"
                + "bad-1,L1,C1,\"Answered,2025-01-01 10:00:00\n"
                + "\u0001\u0002\u00ff,,,,\n";
        var res = given().contentType("text/csv").body(csv).when().post("/api/ingest/calls").then().extract();
        assertThat(res.statusCode()).isIn(200, 400);
        assertThat(res.asString()).doesNotContain("Exception");
        if (res.statusCode() == 200) {
            assertThat(res.jsonPath().getInt("accepted")).isZero();
            assertThat(res.jsonPath().getInt("rejected")).isPositive();
        }
    }
}
