package io.callsight.leadquality;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.callsight.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.TreeMap;

/**
 * The real files in testdata/lead-quality end to end: leads.parquet and the five CRM snapshots as they are.
 *
 * How the expected numbers were established independently of this code: a Python script (csv module)
 * read the five CSVs by their own headers, skipped the `-----` row, applied the stage rule (Dispo Sale >
 * Demo true > Set true or an appointment date), kept per lead number its row of the latest snapshot
 * (report dates given below); then, the counting unit being our delivered lead, it gave each of the
 * parquet's 4,364 hash pairs (no pair repeated; the first row's pair is also data_1.csv's first row,
 * checked by eye) the furthest stage over the lead numbers' rows carrying its pair, and counted the
 * lead numbers whose pair is none of ours apart; it also counted per file the rows with Demo true and
 * Set false, with a city under two states, and hash pairs under several lead numbers.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeadQualityRealFilesTest extends DatabaseTest {

    static final String SOURCE = "seed-real";
    static final Path DIR = TestData.file("lead-quality");
    /** File -> report date: the files are daily snapshots whose number grows with time. */
    static final Map<String, String> FILES = Map.of("data_1.csv", "2023-02-01", "data_10.csv", "2023-02-10",
            "data_11.csv", "2023-02-11", "data_13.csv", "2023-02-13", "data_16.csv", "2023-02-16");

    @Test
    @Order(1)
    void deliveredLeadsFromParquet() throws Exception {
        JsonPath r = given().contentType("application/octet-stream").body(Files.readAllBytes(DIR.resolve("leads.parquet")))
                .queryParam("source", SOURCE).when().post("/api/ingest/leads").then().log().ifValidationFails().statusCode(200)
                .extract().jsonPath();
        assertThat(r.getString("source")).isEqualTo(SOURCE);
        assertThat(r.getString("format")).isEqualTo("parquet");
        assertThat(r.getInt("rowsRead")).isEqualTo(4364);
        assertThat(r.getInt("rejected")).isZero();
        assertThat(r.getInt("inserted") + r.getInt("updated") + r.getInt("unchanged")).isEqualTo(4364);
        // Again: nothing changes.
        JsonPath again = given().contentType("application/octet-stream").body(Files.readAllBytes(DIR.resolve("leads.parquet")))
                .queryParam("source", SOURCE).when().post("/api/ingest/leads").then().statusCode(200).extract().jsonPath();
        assertThat(again.getInt("unchanged")).isEqualTo(4364);
    }

    @Test
    @Order(2)
    void fiveSnapshotsLoadWithTheirQualityChecks() throws Exception {
        for (String file : List.of("data_1.csv", "data_10.csv", "data_11.csv", "data_13.csv", "data_16.csv")) {
            given().contentType("text/csv").body(Files.readAllBytes(DIR.resolve("crm-snapshots").resolve(file)))
                    .queryParam("source", SOURCE).queryParam("reportDate", FILES.get(file)).queryParam("fileName", file)
                    .when().post("/api/ingest/crm-snapshots").then().log().ifValidationFails().statusCode(200)
                    .body("alreadyLoaded", equalTo(false));
        }
        JsonPath snapshots = GraphQL.query("{ crmSnapshots(source: \"" + SOURCE + "\") { id reportDate rowsRead rowsLoaded sentinelRows unreadableValues } }");
        assertThat(snapshots.getList("data.crmSnapshots.rowsLoaded", Integer.class)).containsExactly(3785, 3729, 3709, 3728, 3720);
        assertThat(snapshots.getList("data.crmSnapshots.sentinelRows", Integer.class)).containsExactly(0, 1, 1, 1, 1);
        // ZIP "0" (2 rows in data_1, 4 in the others) cannot be a ZIP code; `location` "|" is simply empty.
        assertThat(snapshots.getList("data.crmSnapshots.unreadableValues", Integer.class)).containsExactly(2, 4, 4, 4, 4);
        List<String> ids = snapshots.getList("data.crmSnapshots.id", String.class);

        Map<String, Map<String, Object>> first = QualityReports.checks(ids.get(0));
        assertThat(first.get("duplicate_leads")).containsEntry("count", 28).containsEntry("severity", "ERROR");
        assertThat(first.get("city_in_several_states")).containsEntry("count", 2);
        assertThat(first.get("demo_without_set")).containsEntry("count", 0);
        assertThat(first.get("missing_job_status")).containsEntry("count", 3662);
        assertThat(first.get("schema_drift")).containsEntry("count", 0);
        assertThat(first.get("unreadable_values.ZIP")).containsEntry("count", 2);
        assertThat(QualityReports.examples(first, "unreadable_values.ZIP").get(0)).isEqualTo("line 2560: '0' not a ZIP code (too few digits)");

        Map<String, Map<String, Object>> tenth = QualityReports.checks(ids.get(1));
        assertThat(tenth.get("sentinel_rows")).containsEntry("count", 1);
        assertThat(tenth.get("duplicate_leads")).containsEntry("count", 30);
        assertThat(QualityReports.examples(tenth, "schema_drift")).anyMatch(e -> e.startsWith("reordered:"));

        Map<String, Map<String, Object>> eleventh = QualityReports.checks(ids.get(2));
        assertThat(QualityReports.examples(eleventh, "schema_drift")).contains("renamed: CITY -> CityName", "re-encoded: Demo 0/1 -> True/False");

        Map<String, Map<String, Object>> thirteenth = QualityReports.checks(ids.get(3));
        assertThat(QualityReports.examples(thirteenth, "schema_drift")).contains("added: location");

        // data_16: Set is 0 on every row while 807 rows keep an appointment date and 553 a demo.
        Map<String, Map<String, Object>> last = QualityReports.checks(ids.get(4));
        assertThat(last.get("demo_without_set")).containsEntry("count", 553).containsEntry("severity", "ERROR");
        assertThat(last.get("appointment_date_without_set")).containsEntry("count", 807);
        assertThat(last.get("distribution_shift")).containsEntry("severity", "ERROR");
        assertThat(QualityReports.examples(last, "distribution_shift")).anyMatch(e -> e.startsWith("Set = true: 21.6% -> 0.0%"));
        assertThat(last.get("duplicate_leads")).containsEntry("count", 31);
    }

    @Test
    @Order(3)
    void funnelCountsOurDeliveredLeadsNotLeadNumbersOrSnapshotRows() {
        // 4,168 report lead numbers, 35 of them a second number for a person already counted and 43 matching none
        // of our leads: the funnel counts our 4,364 delivered leads, 4,090 of them found in the report.
        JsonPath latest = GraphQL.query("{ leadQualityFunnel(filter: {source: \"" + SOURCE + "\"}) { deliveredLeads matchedLeads "
                + "appointmentsSet demos sales conversionRate demoRate saleRate unmatchedReportLeads } }");
        Map<String, Object> row = latest.getMap("data.leadQualityFunnel[0]");
        assertThat(row).containsEntry("deliveredLeads", 4364).containsEntry("matchedLeads", 4090)
                .containsEntry("appointmentsSet", 879).containsEntry("demos", 593).containsEntry("sales", 130)
                .containsEntry("unmatchedReportLeads", 43);
        assertThat(((Number) row.get("conversionRate")).doubleValue()).isCloseTo(879.0 / 4364, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(((Number) row.get("demoRate")).doubleValue()).isCloseTo(593.0 / 879, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(((Number) row.get("saleRate")).doubleValue()).isCloseTo(130.0 / 4364, org.assertj.core.data.Offset.offset(1e-9));

        JsonPath asOf = GraphQL.query("{ leadQualityFunnel(filter: {source: \"" + SOURCE + "\", asOf: \"2023-02-12\"}) "
                + "{ deliveredLeads matchedLeads appointmentsSet demos sales unmatchedReportLeads } }");
        assertThat(asOf.getMap("data.leadQualityFunnel[0]")).containsEntry("deliveredLeads", 4364)
                .containsEntry("matchedLeads", 3962).containsEntry("appointmentsSet", 850).containsEntry("demos", 575)
                .containsEntry("sales", 129).containsEntry("unmatchedReportLeads", 37);

        JsonPath first = GraphQL.query("{ leadQualityFunnel(filter: {source: \"" + SOURCE + "\", asOf: \"2023-02-01\"}) "
                + "{ deliveredLeads matchedLeads appointmentsSet demos sales unmatchedReportLeads } }");
        assertThat(first.getMap("data.leadQualityFunnel[0]")).containsEntry("deliveredLeads", 4364).containsEntry("matchedLeads", 3729)
                .containsEntry("appointmentsSet", 803).containsEntry("demos", 531).containsEntry("sales", 116)
                .containsEntry("unmatchedReportLeads", 27);

        // A report attribute in the filter scopes to the leads whose (furthest) report row has it.
        JsonPath wa = GraphQL.query("{ leadQualityFunnel(filter: {source: \"" + SOURCE + "\", states: [\"wa\"]}) "
                + "{ deliveredLeads matchedLeads appointmentsSet demos sales unmatchedReportLeads } }");
        assertThat(wa.getMap("data.leadQualityFunnel[0]")).containsEntry("deliveredLeads", 1225).containsEntry("matchedLeads", 1225)
                .containsEntry("appointmentsSet", 271).containsEntry("demos", 187).containsEntry("sales", 48)
                .containsEntry("unmatchedReportLeads", 13);

        // Groups partition the units: every delivered lead (unmatched ones under no state) and unmatched lead number once.
        JsonPath byState = GraphQL.query("{ leadQualityFunnel(filter: {source: \"" + SOURCE + "\"}, groupBy: [STATE]) "
                + "{ state deliveredLeads unmatchedReportLeads } }");
        List<Integer> perState = byState.getList("data.leadQualityFunnel.deliveredLeads", Integer.class);
        assertThat(perState.stream().mapToInt(Integer::intValue).sum()).isEqualTo(4364);
        assertThat(byState.getList("data.leadQualityFunnel.unmatchedReportLeads", Integer.class).stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(43);
        assertThat(byState.getInt("data.leadQualityFunnel.find { it.state == 'WA' }.deliveredLeads")).isEqualTo(1225);
        // No state: the 274 delivered leads not in the report and 6 found whose furthest row has an empty STATE.
        assertThat(byState.getInt("data.leadQualityFunnel.find { it.state == null }.deliveredLeads")).isEqualTo(4364 - 4090 + 6);

        JsonPath bySnapshot = GraphQL.query("{ leadQualityFunnel(filter: {source: \"" + SOURCE + "\"}, groupBy: [SNAPSHOT_DATE]) "
                + "{ snapshotDate deliveredLeads matchedLeads appointmentsSet sales unmatchedReportLeads } }");
        assertThat(bySnapshot.getList("data.leadQualityFunnel.snapshotDate", String.class))
                .containsExactly("2023-02-01", "2023-02-10", "2023-02-11", "2023-02-13", "2023-02-16");
        assertThat(bySnapshot.getList("data.leadQualityFunnel.deliveredLeads", Integer.class)).containsOnly(4364);
        assertThat(bySnapshot.getList("data.leadQualityFunnel.matchedLeads", Integer.class)).containsExactly(3729, 3669, 3646, 3663, 3650);
        assertThat(bySnapshot.getList("data.leadQualityFunnel.appointmentsSet", Integer.class)).containsExactly(803, 792, 783, 786, 787);
        assertThat(bySnapshot.getList("data.leadQualityFunnel.sales", Integer.class)).containsExactly(116, 122, 121, 123, 119);
        assertThat(bySnapshot.getList("data.leadQualityFunnel.unmatchedReportLeads", Integer.class)).containsExactly(27, 30, 36, 38, 41);
        // The stored per-snapshot funnel (kept at ingest) agrees with the one computed from the rows.
        JsonPath computed = GraphQL.query("{ leadQualityFunnel(filter: {source: \"" + SOURCE + "\"}, groupBy: [SNAPSHOT_DATE, DISPO]) "
                + "{ snapshotDate deliveredLeads sales } }");
        Map<String, Integer> deliveredPerDay = new TreeMap<>();
        Map<String, Integer> salesPerDay = new TreeMap<>();
        for (Map<String, Object> r : computed.<Map<String, Object>>getList("data.leadQualityFunnel")) {
            deliveredPerDay.merge((String) r.get("snapshotDate"), ((Number) r.get("deliveredLeads")).intValue(), Integer::sum);
            salesPerDay.merge((String) r.get("snapshotDate"), ((Number) r.get("sales")).intValue(), Integer::sum);
        }
        JsonPath stored = GraphQL.query("{ leadQualityFunnel(filter: {source: \"" + SOURCE + "\"}, groupBy: [SNAPSHOT_DATE]) "
                + "{ snapshotDate deliveredLeads sales } }");
        assertThat(stored.getList("data.leadQualityFunnel.deliveredLeads", Integer.class)).containsExactlyElementsOf(deliveredPerDay.values());
        assertThat(stored.getList("data.leadQualityFunnel.sales", Integer.class)).containsExactlyElementsOf(salesPerDay.values());
        assertThat(stored.getList("data.leadQualityFunnel.sales", Integer.class)).containsExactly(116, 122, 121, 123, 119);
    }

    @Test
    @Order(4)
    void matchingAndHistory() {
        JsonPath m = GraphQL.query("{ leadMatching(source: \"" + SOURCE + "\") { reportLeads matchedLeads "
                + "reportLeadsWithoutDeliveredLead leadNumbersWithSeveralHashPairs hashPairsWithSeveralLeadNumbers } }");
        assertThat(m.getMap("data.leadMatching")).containsEntry("reportLeads", 4168).containsEntry("matchedLeads", 4125)
                .containsEntry("reportLeadsWithoutDeliveredLead", 43)
                // within a snapshot no lead number has two hash pairs, but across the five, 15 changed theirs
                .containsEntry("leadNumbersWithSeveralHashPairs", 15);
        assertThat(m.getInt("data.leadMatching.hashPairsWithSeveralLeadNumbers")).isPositive();

        JsonPath h = GraphQL.query("{ leadHistory(source: \"" + SOURCE + "\", leadNumber: \"289764\") { reportDate stage city state deliveredLeadId } }");
        assertThat(h.getList("data.leadHistory.reportDate", String.class))
                .containsExactly("2023-02-01", "2023-02-10", "2023-02-11", "2023-02-13", "2023-02-16");
        assertThat(h.getList("data.leadHistory.city", String.class)).containsOnly("Bremerton");
        assertThat(h.getString("data.leadHistory[0].deliveredLeadId")).isEqualTo("c437ece50c0163479b180de9c217179bfed94e7d");
    }

    @Test
    @Order(5)
    void reIngestingASnapshotChangesNothing() throws Exception {
        given().contentType("text/csv").body(Files.readAllBytes(DIR.resolve("crm-snapshots").resolve("data_13.csv")))
                .queryParam("source", SOURCE).queryParam("reportDate", "2023-02-13").when().post("/api/ingest/crm-snapshots")
                .then().statusCode(200).body("alreadyLoaded", equalTo(true)).body("rowsLoaded", equalTo(3728));
        JsonPath latest = GraphQL.query("{ crmSnapshots(source: \"" + SOURCE + "\") { id } leadQualityFunnel(filter: {source: \"" + SOURCE + "\"}) { deliveredLeads sales } }");
        assertThat(latest.getList("data.crmSnapshots")).hasSize(5);
        assertThat(latest.getMap("data.leadQualityFunnel[0]")).containsEntry("deliveredLeads", 4364).containsEntry("sales", 130);
    }


}
