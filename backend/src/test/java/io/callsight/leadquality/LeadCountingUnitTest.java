package io.callsight.leadquality;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The lead-quality counting unit is the lead we delivered, not the advertiser's lead number nor a snapshot row.
 * Hand-made reports; people are tokens (e-mail e101, phone p101 = person 101), hashed as the files would carry them.
 * Expected values are worked out in the comments.
 */
@QuarkusTest
class LeadCountingUnitTest extends DatabaseTest {

    @Inject
    AgroalDataSource dataSource;

    /** Day 1: Set/Demo as 0/1, hashes in lower case. */
    private static final String DAY1 = "ENTRYDATE,LEADNUMBER,email_hash,phone_hash,CITY,STATE,ZIP,Appt Date,Set,Demo,Dispo,Job Status\n"
            + "03/01/2023,N1,e101,p101,Reno,NV,89501,,1,0,Data,\n"           // person 101: set
            + "03/01/2023,N2,e101,p101,Reno,NV,89501,,0,0,Data,\n"           // person 101 again, a second lead number: none
            + "03/01/2023,N3,e102,p102,Boise,ID,83702,,1,1,Data,\n"          // person 102: demo
            + "03/01/2023,N4,e199,p199,Boise,ID,83702,,1,1,Sale,Completed\n"; // person 199: never delivered by us

    /** Day 2: re-encoded (True/False, hashes in UPPER case) and Demo/Set swapped; N1 and N4 keep their day-1 rows. */
    private static final String DAY2 = "ENTRYDATE,LEADNUMBER,email_hash,phone_hash,CITY,STATE,ZIP,Appt Date,Demo,Set,Dispo,Job Status\n"
            + "03/01/2023,N2,E101,P101,Reno,NV,89501,03/08/2023 10:00AM,True,True,Sale,Completed\n" // 101 sold (under N2)
            + "03/01/2023,N3,E102,P102,Boise,ID,83702,,False,True,Data,\n"                           // 102 back to set
            + "03/05/2023,N5,E103,P103,Salem,OR,97301,,False,False,Data,\n";                        // 103: in the report, none

    private static JsonPath load(String source, String date, String csv) {
        return given().contentType("text/csv").body(LeadFixtures.hashed(csv)).queryParam("source", source).queryParam("reportDate", date)
                .when().post("/api/ingest/crm-snapshots").then().log().ifValidationFails().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> funnel(String filter) {
        return GraphQL.query("{ leadQualityFunnel(filter: " + filter + ") { deliveredLeads matchedLeads appointmentsSet demos "
                + "sales unmatchedReportLeads } }").getMap("data.leadQualityFunnel[0]");
    }

    private static Map<String, Object> counts(int delivered, int matched, int set, int demos, int sales, int unmatched) {
        return Map.of("deliveredLeads", delivered, "matchedLeads", matched, "appointmentsSet", set, "demos", demos, "sales", sales,
                "unmatchedReportLeads", unmatched);
    }

    @Test
    void eachDeliveredLeadCountsOnceAtItsFurthestStageWhateverTheLeadNumbersAndEncodings() {
        // 101 and 102 delivered on 20 Feb, 103 on 5 Mar (after the first snapshot); 199 is not ours.
        JsonPath first = LeadFixtures.deliverAt("unit-a", "2023-02-20", "e101", "e102");
        assertThat(first.getInt("inserted")).isEqualTo(2);
        LeadFixtures.deliverAt("unit-a", "2023-03-05T09:30:00Z", "e103");
        long day1 = load("unit-a", "2023-03-01", DAY1).getLong("snapshotId");
        long day2 = load("unit-a", "2023-03-06", DAY2).getLong("snapshotId");

        // Latest: 101 at sale (N2's day-2 row beats N1's set: the upper-case hashes still match), 102 set (its Set
        // read from "True"), 103 found at no stage; N4 is an unmatched report lead and not delivered.
        assertThat(funnel("{source: \"unit-a\"}")).containsExactlyInAnyOrderEntriesOf(counts(3, 3, 2, 1, 1, 1));
        // As of 1 March: 103 not yet delivered; day-1 rows: 101 set, 102 demo.
        assertThat(funnel("{source: \"unit-a\", asOf: \"2023-03-01\"}")).containsExactlyInAnyOrderEntriesOf(counts(2, 2, 2, 1, 0, 1));
        // As of 5 March: 103 delivered but not in any report yet.
        assertThat(funnel("{source: \"unit-a\", asOf: \"2023-03-05\"}")).containsExactlyInAnyOrderEntriesOf(counts(3, 2, 2, 1, 0, 1));

        // Per snapshot, each one's own rows against the leads delivered by its date: day 1 2 delivered (101 set,
        // 102 demo), N4 unmatched; day 2 3 delivered (101 sale, 102 set, 103 none), nothing unmatched.
        JsonPath trend = GraphQL.query("{ leadQualityFunnel(filter: {source: \"unit-a\"}, groupBy: [SNAPSHOT_DATE]) "
                + "{ snapshotDate deliveredLeads matchedLeads appointmentsSet demos sales unmatchedReportLeads } }");
        List<Map<String, Object>> days = trend.getList("data.leadQualityFunnel");
        assertThat(days).hasSize(2);
        assertThat(days.get(0)).containsEntry("snapshotDate", "2023-03-01").containsAllEntriesOf(counts(2, 2, 2, 1, 0, 1));
        assertThat(days.get(1)).containsEntry("snapshotDate", "2023-03-06").containsAllEntriesOf(counts(3, 3, 2, 1, 1, 0));
        // The same, computed from the rows rather than read from the stored trend (a second grouping forces it).
        JsonPath computed = GraphQL.query("{ leadQualityFunnel(filter: {source: \"unit-a\"}, groupBy: [SNAPSHOT_DATE, STATE]) "
                + "{ snapshotDate deliveredLeads sales unmatchedReportLeads } }");
        assertThat(sum(computed, "2023-03-06", "deliveredLeads")).isEqualTo(3);
        assertThat(sum(computed, "2023-03-06", "sales")).isEqualTo(1);
        assertThat(sum(computed, "2023-03-01", "unmatchedReportLeads")).isEqualTo(1);
        // Summing the daily rows would give 5 delivered leads and 2 sales: the funnel is not that sum.
        assertThat(funnel("{source: \"unit-a\"}")).containsEntry("deliveredLeads", 3).containsEntry("appointmentsSet", 2);

        // Grouped by state, the units are partitioned: 101 (NV, its furthest row), 102 (ID), 103 (OR); N4 unmatched in ID.
        JsonPath byState = GraphQL.query("{ leadQualityFunnel(filter: {source: \"unit-a\"}, groupBy: [STATE]) "
                + "{ state deliveredLeads sales unmatchedReportLeads } }");
        assertThat(byState.getList("data.leadQualityFunnel.state", String.class)).containsExactly("ID", "NV", "OR");
        assertThat(byState.getList("data.leadQualityFunnel.deliveredLeads", Integer.class)).containsExactly(1, 1, 1);
        assertThat(byState.getList("data.leadQualityFunnel.unmatchedReportLeads", Integer.class)).containsExactly(1, 0, 0);
        assertThat(funnel("{source: \"unit-a\", states: [\"nv\"]}")).containsExactlyInAnyOrderEntriesOf(counts(1, 1, 1, 1, 1, 0));

        // The data-quality check names the unmatched lead number, with its line.
        Map<String, Map<String, Object>> checks1 = QualityReports.checks(day1);
        assertThat(checks1.get("report_leads_not_delivered")).containsEntry("count", 1).containsEntry("severity", "WARNING");
        assertThat(QualityReports.examples(checks1, "report_leads_not_delivered").get(0)).startsWith("line 5: lead number N4");
        assertThat(QualityReports.checks(day2).get("report_leads_not_delivered")).containsEntry("count", 0).containsEntry("severity", "INFO");

        // Sending the lead files again changes nothing.
        JsonPath again = LeadFixtures.deliverAt("unit-a", "2023-02-20", "e101", "e102");
        assertThat(again.getInt("unchanged")).isEqualTo(2);
        assertThat(funnel("{source: \"unit-a\"}")).containsExactlyInAnyOrderEntriesOf(counts(3, 3, 2, 1, 1, 1));
    }

    @Test
    void deliveriesCountForTheirSourceAndAFileWithoutASourceCountsForEvery() throws Exception {
        String report = "ENTRYDATE,LEADNUMBER,email_hash,phone_hash,CITY,STATE,ZIP,Appt Date,Set,Demo,Dispo,Job Status\n"
                + "03/01/2023,M1,e111,p111,Reno,NV,89501,,1,0,Data,\n"
                + "03/01/2023,M2,e112,p112,Reno,NV,89501,,0,0,Data,\n";
        load("unit-b", "2023-03-01", report);
        load("unit-c", "2023-03-01", report);
        LeadFixtures.deliver("unit-b", "e111");
        // unit-c was delivered nothing: its report leads are all unmatched, its funnel empty.
        assertThat(funnel("{source: \"unit-b\"}")).containsExactlyInAnyOrderEntriesOf(counts(1, 1, 1, 0, 0, 1));
        assertThat(funnel("{source: \"unit-c\"}")).containsExactlyInAnyOrderEntriesOf(counts(0, 0, 0, 0, 0, 2));
        JsonPath unscoped = LeadFixtures.deliver(null, "e112");
        try {
            assertThat(unscoped.getString("source")).isNull();
            assertThat(funnel("{source: \"unit-b\"}")).containsExactlyInAnyOrderEntriesOf(counts(2, 2, 1, 0, 0, 0));
            assertThat(funnel("{source: \"unit-c\"}")).containsExactlyInAnyOrderEntriesOf(counts(1, 1, 0, 0, 0, 1));
            // The stored trend was recounted when the lead file arrived.
            assertThat(GraphQL.query("{ leadQualityFunnel(filter: {source: \"unit-c\"}, groupBy: [SNAPSHOT_DATE]) "
                    + "{ deliveredLeads unmatchedReportLeads } }").getMap("data.leadQualityFunnel[0]"))
                    .containsEntry("deliveredLeads", 1).containsEntry("unmatchedReportLeads", 1);
        } finally {
            // Deliveries for every source would count in other test classes' sources: take this one back.
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM lq_delivery WHERE source_key IS NULL AND lead_key = "
                        + "(SELECT lead_key FROM lead WHERE lead_id = 'lead-null-112')");
            }
        }
    }

    @Test
    void aDeliveryTimeThatCannotBeReadIsRejectedWithItsLineAndField() {
        JsonPath r = LeadFixtures.deliverAt("unit-d", "next tuesday", "e121");
        assertThat(r.getInt("rowsRead")).isEqualTo(1);
        assertThat(r.getInt("rejected")).isEqualTo(1);
        assertThat(r.getInt("rejects[0].line")).isEqualTo(2);
        assertThat(r.getString("rejects[0].field")).isEqualTo("delivered_at");
        assertThat(r.getString("rejects[0].value")).isEqualTo("next tuesday");
    }

    private static int sum(JsonPath rows, String day, String field) {
        return rows.<Map<String, Object>>getList("data.leadQualityFunnel").stream().filter(r -> day.equals(r.get("snapshotDate")))
                .mapToInt(r -> ((Number) r.get(field)).intValue()).sum();
    }
}
