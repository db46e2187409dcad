package io.callsight.calls;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.DatabaseTest;
import io.callsight.common.Fixtures;
import io.callsight.common.Uploads;
import io.callsight.common.XlsTwin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * An Excel twin of a CSV file (the .xlsx written by openpyxl, the .xls derived from it: fixtures/workbooks) gives
 * the CSV's batch: the same rows read, every accepted row of the first upload a duplicate in the next ones, the
 * same rejects on the same lines (line = sheet row); date cells and numeric id cells stored as the CSV's text is.
 * Calls (streamed), service metrics and leads (read whole), body and multipart; a named sheet; an unknown one.
 */
@QuarkusTest
class WorkbookUploadTest extends DatabaseTest {

    @Inject
    AgroalDataSource dataSource;

    private static JsonPath body(String path, String contentType, byte[] content) {
        return ok(Fixtures.asIs(contentType).body(content).when().post(path));
    }

    private static JsonPath multipart(String path, String fileName, byte[] content) {
        return ok(given().multiPart("file", fileName, content).when().post(path));
    }

    private static JsonPath ok(Response r) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return r.jsonPath();
    }

    /** Every reject as "line|field|reason", in order. */
    private static List<String> rejects(JsonPath r) {
        List<Map<String, Object>> rejects = r.getList("rejects");
        return rejects.stream().map(j -> j.get("line") + "|" + j.get("field") + "|" + j.get("reason")).toList();
    }

    @Test
    void aCallWorkbookGivesTheBatchOfItsCsvTwin() throws SQLException {
        byte[] xlsx = Fixtures.bytes("workbooks/calls.xlsx");
        JsonPath first = body("/api/ingest/calls?charset=windows-1252", Uploads.XLSX, xlsx); // charset ignored
        assertThat(first.getInt("rowsRead")).isEqualTo(6);
        assertThat(first.getInt("accepted")).isEqualTo(4);
        List<String> rejects = rejects(first);
        assertThat(rejects).hasSize(2);
        assertThat(rejects.get(0)).startsWith("5|lead_id|"); // row 4 of the sheet is empty: line = row
        assertThat(rejects.get(1)).startsWith("7|dial_time|");
        try (Connection c = dataSource.getConnection()) {
            assertThat(CallsSql.strings(c, "SELECT c.call_id || '|' || l.lead_id || '|' || to_char(c.dial_time AT TIME "
                    + "ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '|' || c.agent_call_duration_s || '|' || c.connected "
                    + "|| '|' || ag.name FROM call c JOIN lead l ON l.lead_key = c.lead_key JOIN agent ag ON "
                    + "ag.agent_key = c.agent_key WHERE c.call_id IN ('xl-1', 'xl-2', 'xl-4', 'xl-6') ORDER BY c.call_id"))
                    .containsExactly("xl-1|100234|2024-03-01 09:00:00|125|true|Müller, José",
                            "xl-2|100235|2024-03-01 09:05:30|0|false|Zoë O’Brien",
                            "xl-4|100236|2024-03-02 14:00:00|61.5|true|Zoë O’Brien",
                            "xl-6|100238|2024-03-02 15:30:00|45|true|Zoë O’Brien");
        }
        JsonPath csv = body("/api/ingest/calls", "text/csv", Fixtures.bytes("workbooks/calls.csv"));
        JsonPath xls = multipart("/api/ingest/calls", "calls.xls", XlsTwin.of(xlsx));
        for (JsonPath twin : List.of(csv, xls)) {
            assertThat(twin.getInt("rowsRead")).isEqualTo(6);
            assertThat(twin.getInt("accepted")).isZero();
            assertThat(twin.getInt("duplicates")).isEqualTo(4);
            assertThat(rejects(twin)).isEqualTo(rejects);
        }
    }

    @Test
    void aNamedSheetIsReadAndAnUnknownOneIsRefusedByName() throws SQLException {
        byte[] xlsx = Fixtures.bytes("workbooks/calls.xlsx");
        JsonPath second = multipart("/api/ingest/calls?sheet=second shift", "calls.xlsx", xlsx);
        assertThat(second.getInt("rowsRead")).isEqualTo(2);
        assertThat(second.getInt("accepted")).isEqualTo(2);
        try (Connection c = dataSource.getConnection()) {
            assertThat(CallsSql.strings(c, "SELECT call_id FROM call WHERE call_id IN ('xl-7', 'xl-8') ORDER BY 1"))
                    .containsExactly("xl-7", "xl-8");
        }
        for (byte[] workbook : List.of(xlsx, XlsTwin.of(xlsx))) {
            Response r = Fixtures.asIs(Uploads.XLSX).body(workbook).when().post("/api/ingest/service-metrics?sheet=Summary");
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(400);
            assertThat(r.jsonPath().getString("error")).isEqualTo("The metric file has no sheet named 'Summary': its "
                    + "sheets are 'Calls', 'Second shift'");
        }
        Response calls = Fixtures.asIs(Uploads.XLSX).body(xlsx).when().post("/api/ingest/calls?sheet=Summary");
        assertThat(calls.statusCode()).as(calls.asString()).isEqualTo(400);
        assertThat(calls.jsonPath().getString("error")).contains("no sheet named 'Summary'", "'Calls', 'Second shift'");
    }

    @Test
    void aServiceMetricWorkbookGivesTheBatchOfItsCsvTwin() {
        byte[] xlsx = Fixtures.bytes("workbooks/service-metrics-vancouver-format.xlsx");
        String path = "/api/ingest/service-metrics?source=vancouver-311";
        JsonPath first = multipart(path, "levels.xlsx", xlsx);
        assertThat(first.getInt("rowsRead")).isEqualTo(5);
        assertThat(first.getInt("accepted")).as(first.prettify()).isEqualTo(3); // 91.2% read as 0.912
        List<String> rejects = rejects(first);
        assertThat(rejects).containsExactly("4|offered|negative count", "6|asa_seconds|not a number");
        JsonPath csv = body(path, "text/csv", Fixtures.bytes("workbooks/service-metrics-vancouver-format.csv"));
        JsonPath xls = body(path, Uploads.XLS, XlsTwin.of(xlsx));
        for (JsonPath twin : List.of(csv, xls)) {
            assertThat(twin.getInt("rowsRead")).isEqualTo(5);
            assertThat(twin.getInt("accepted")).isZero();
            assertThat(twin.getInt("duplicates")).as("the same values (a percent cell, a date cell): %s", twin.prettify())
                    .isEqualTo(3);
            assertThat(rejects(twin)).isEqualTo(rejects);
        }
    }

    @Test
    void aLeadWorkbookGivesTheBatchOfItsCsvTwin() throws SQLException {
        byte[] xlsx = Fixtures.bytes("workbooks/leads.xlsx");
        JsonPath first = body("/api/ingest/leads?source=workbook-test", Uploads.XLSX, xlsx);
        assertThat(first.getInt("rowsRead")).isEqualTo(9);
        assertThat(first.getInt("inserted")).isEqualTo(8);
        List<String> rejects = rejects(first);
        assertThat(rejects).containsExactly("11|email_hash|not a hex hash (SHA-1 is 40 hex digits)");
        try (Connection c = dataSource.getConnection()) {
            assertThat(CallsSql.strings(c, "SELECT l.lead_id || '|' || to_char(d.delivered_at AT TIME ZONE 'UTC', "
                    + "'YYYY-MM-DD HH24:MI:SS') FROM lq_delivery d JOIN lead l ON l.lead_key = d.lead_key "
                    + "WHERE l.lead_id IN ('XL-L-0001', 'XL-L-0008') ORDER BY 1"))
                    .containsExactly("XL-L-0001|2024-03-01 16:15:01", "XL-L-0008|2024-03-03 17:15:08");
        }
        JsonPath csv = body("/api/ingest/leads?source=workbook-test", "text/csv", Fixtures.bytes("workbooks/leads.csv"));
        JsonPath xls = multipart("/api/ingest/leads?source=workbook-test", "leads.xls", XlsTwin.of(xlsx));
        for (JsonPath twin : List.of(csv, xls)) {
            assertThat(twin.getInt("rowsRead")).isEqualTo(9);
            assertThat(twin.getInt("inserted")).isZero();
            assertThat(twin.getInt("updated")).isZero();
            assertThat(twin.getInt("unchanged")).isEqualTo(8);
            assertThat(rejects(twin)).isEqualTo(rejects);
        }
    }
}
