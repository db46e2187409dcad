package io.callsight.security;

import static io.callsight.common.Auth.asKey;
import static io.callsight.common.Auth.asToken;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.callsight.common.Auth;
import io.callsight.common.CsvReader;
import io.callsight.common.DatabaseTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The call list export ({@code GET /api/calls/export.csv}) streams exactly what the GraphQL call list shows each role:
 * an ADVERTISER its own calls, an ANALYST the numbers masked, an ADMIN everything in full; the filter is the calls
 * query's.
 */
@QuarkusTest
class CallExportTest extends DatabaseTest {

    private static final String FILTER = "campaignIds=MX-CMP-A&campaignIds=MX-CMP-B";

    @BeforeEach
    void load() {
        AccessFixture.load();
    }

    /** call_id, campaign_id, from_number, to_number of every call the export holds, in its order. */
    private static List<String> export(RequestSpecification who, String query) throws IOException {
        Response r = who.when().get("/api/calls/export.csv?" + query);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        assertThat(r.header("Content-Disposition")).startsWith("attachment; filename=\"calls-");
        String body = r.asString();
        assertThat(body).startsWith("\uFEFFcall_id,lead_id,campaign_id,");
        List<String> rows = new ArrayList<>();
        try (CsvReader csv = new CsvReader(new StringReader(body), ',')) {
            List<String> header = csv.next().fields();
            CsvReader.Row row;
            while ((row = csv.next()) != null) {
                List<String> f = row.fields();
                rows.add(String.join("|", f.get(0), f.get(header.indexOf("campaign_id")),
                        unguarded(f.get(header.indexOf("from_number"))), unguarded(f.get(header.indexOf("to_number")))));
            }
        }
        return rows;
    }

    /** A cell without the formula guard's apostrophe ({@link io.callsight.common.CsvWriter}). */
    private static String unguarded(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0 ? cell.substring(1) : cell;
    }

    /** The same four fields from the GraphQL call list, newest first. */
    private static List<String> graphql(RequestSpecification who) {
        Map<String, Object> request = Map.of("query", "{ calls(filter: {campaignIds: [\"MX-CMP-A\", \"MX-CMP-B\"]}, first: 100) "
                + "{ edges { node { callId campaignId fromNumber toNumber } } } }");
        List<Map<String, String>> nodes = who.contentType(ContentType.JSON).body(request).when().post("/graphql").then()
                .statusCode(200).extract().jsonPath().getList("data.calls.edges.node");
        return nodes.stream().map(n -> String.join("|", n.get("callId"), n.get("campaignId"), n.get("fromNumber"),
                n.get("toNumber"))).toList();
    }

    @Test
    void eachRoleExportsWhatItsCallListShows() throws IOException {
        List<String> admin = export(asKey(Auth.ADMIN_KEY), FILTER);
        assertThat(admin).hasSize(6).isEqualTo(graphql(asKey(Auth.ADMIN_KEY)));
        assertThat(admin).anyMatch(r -> r.contains("+15559990001"));

        List<String> analyst = export(asToken(AccessFixture.analystToken()), FILTER);
        assertThat(analyst).hasSize(6).isEqualTo(graphql(asToken(AccessFixture.analystToken())));
        assertThat(String.join("\n", analyst)).doesNotContain("+15559990001", "+15551110001");
        // a masked number is not a plain number: a spreadsheet would read "+1******0001" as a formula, so it is guarded
        String analystCsv = asToken(AccessFixture.analystToken()).when().get("/api/calls/export.csv?" + FILTER).asString();
        assertThat(analystCsv).contains(",'+1******0001,").doesNotContain(",+1******");

        List<String> advertiser = export(asToken(AccessFixture.advertiserToken()), FILTER);
        assertThat(advertiser).hasSize(3).isEqualTo(graphql(asToken(AccessFixture.advertiserToken())));
        AccessFixture.B_MARKERS.forEach(m -> assertThat(String.join("\n", advertiser)).doesNotContain(m));
    }

    @Test
    void theFilterNarrowsTheExportAndABadOneIsRefused() throws IOException {
        assertThat(export(asKey(Auth.ADMIN_KEY), "campaignIds=MX-CMP-B&callStatuses=answered"))
                .hasSize(2).allMatch(r -> r.startsWith("mx-call-b"));
        Response bad = asKey(Auth.ADMIN_KEY).when().get("/api/calls/export.csv?from=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.jsonPath().getString("error")).startsWith("from must be an ISO-8601 time with offset");
        Auth.anonymous().when().get("/api/calls/export.csv").then().statusCode(401);
    }

    /** A download link for the export, asked as {@code who}: the URL the browser opens without any header. */
    private static String link(RequestSpecification who, String path) {
        Response r = who.contentType(ContentType.JSON).body(Map.of("path", path)).when().post("/api/auth/download-link");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return r.jsonPath().getString("url");
    }

    @Test
    void aDownloadLinkOpensTheExportWithoutAHeaderForItsUserOnly() throws IOException {
        String analystLink = link(asToken(AccessFixture.analystToken()), "/api/calls/export.csv?" + FILTER);
        assertThat(analystLink).startsWith("/api/calls/export.csv?" + FILTER + "&dl=");
        // the browser opens the link itself: no Authorization header; the analyst's masking holds
        List<String> viaLink = export(Auth.anonymous(), analystLink.substring(analystLink.indexOf('?') + 1));
        assertThat(viaLink).isEqualTo(export(asToken(AccessFixture.analystToken()), FILTER));
        assertThat(String.join("\n", viaLink)).doesNotContain("+15559990001");
        String advertiserLink = link(asToken(AccessFixture.advertiserToken()), "/api/calls/export.csv?" + FILTER);
        assertThat(export(Auth.anonymous(), advertiserLink.substring(advertiserLink.indexOf('?') + 1))).hasSize(3);

        String token = java.net.URLDecoder.decode(analystLink.substring(analystLink.indexOf("dl=") + 3),
                java.nio.charset.StandardCharsets.UTF_8);
        // a link is no login token, and opens nothing else
        Auth.asToken(token).when().get("/api/calls/export.csv").then().statusCode(401);
        Response graphql = Auth.anonymous().queryParam("dl", token).contentType(ContentType.JSON)
                .body(Map.of("query", "{ dataAsOf }")).when().post("/graphql");
        assertThat(graphql.jsonPath().getString("errors[0].extensions.code")).as(graphql.asString()).isEqualTo("UNAUTHENTICATED");
        // forged or damaged: refused
        Auth.anonymous().when().get(analystLink.substring(0, analystLink.length() - 4) + "AAAA").then().statusCode(401);
        // only the exports have links
        Response other = asToken(AccessFixture.analystToken()).contentType(ContentType.JSON)
                .body(Map.of("path", "/graphql")).when().post("/api/auth/download-link");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.jsonPath().getString("error")).startsWith("path must be one of");
        Auth.anonymous().contentType(ContentType.JSON).body(Map.of("path", "/api/calls/export.csv"))
                .when().post("/api/auth/download-link").then().statusCode(401);
    }
}
