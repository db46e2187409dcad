package io.callsight.leadquality;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Every data-quality check, the stage rule and the registry on snapshots built by hand (expected values in comments). */
@QuarkusTest
class LeadQualityChecksTest extends DatabaseTest {

    private static final String HEADER = "ENTRYDATE,LEADNUMBER,email_hash,phone_hash,CITY,STATE,ZIP,Appt Date,Set,Demo,Dispo,Job Status";

    private static JsonPath load(String source, String date, String csv) {
        return given().contentType("text/csv").body(LeadFixtures.hashed(csv)).queryParam("source", source).queryParam("reportDate", date)
                .when().post("/api/ingest/crm-snapshots").then().log().ifValidationFails().statusCode(200).extract().jsonPath();
    }


    @Test
    void eachCheckCountsWhatItShould() {
        String day1 = HEADER + "\n"
                // lines 2-3: one person under two lead numbers -> duplicate_leads 1
                + "01/02/2023,A1,e1,p1,Springfield,IL,62701,,0,0,Data,\n"
                + "01/02/2023,A2,e1,p1,Springfield,IL,62701,,0,0,Data,\n"
                // line 4: Springfield in a second state -> city_in_several_states 1
                + "01/02/2023,A3,e3,p3,springfield ,MO,65801,,0,0,Data,\n"
                // line 5: Set without appointment date -> set_without_appointment_date 1
                + "01/02/2023,A4,e4,p4,Salem,OR,97301,,1,0,Data,\n"
                // line 6: Demo without Set -> demo_without_set 1 (stage demo)
                + "01/02/2023,A5,e5,p5,Salem,OR,97301,01/05/2023 10:00AM,0,1,Data,\n"
                // line 7: sale without job status -> sale_without_job_status 1; bad ZIP -> unreadable_values.ZIP 1
                + "01/02/2023,A6,e6,p6,Boise,ID,XYZ,01/05/2023 11:00AM,1,1,Sale,\n"
                // line 8: sentinel row
                + "-----,-----,-----,-----,-----,-----,-----,-----,-----,-----,-----,-----\n"
                // line 9: complete sale
                + "01/03/2023,A7,e7,p7,Boise,ID,83702,01/06/2023 9:00AM,1,1,Sale,Completed\n";
        JsonPath r = load("fixture-checks", "2023-01-10", day1);
        // Our delivered leads: the people e1, e3 .. e7 (e1 is in the report twice, as A1 and A2).
        LeadFixtures.deliver("fixture-checks", "e1", "e3", "e4", "e5", "e6", "e7");
        assertThat(r.getInt("rowsRead")).isEqualTo(8);
        assertThat(r.getInt("rowsLoaded")).isEqualTo(7);
        assertThat(r.getInt("sentinelRows")).isEqualTo(1);
        Map<String, Map<String, Object>> c = QualityReports.checks(r.getLong("snapshotId"));
        assertThat(c.get("duplicate_leads")).containsEntry("count", 1).containsEntry("severity", "ERROR");
        assertThat(c.get("city_in_several_states")).containsEntry("count", 1);
        assertThat(c.get("city_in_several_states").get("examples").toString()).contains("Springfield: IL, MO");
        assertThat(c.get("set_without_appointment_date")).containsEntry("count", 1);
        assertThat(c.get("set_without_appointment_date").get("examples").toString()).contains("line 5: 01/02/2023,A4");
        assertThat(c.get("demo_without_set")).containsEntry("count", 1).containsEntry("severity", "ERROR");
        assertThat(c.get("appointment_date_without_set")).containsEntry("count", 1);
        assertThat(c.get("sale_without_job_status")).containsEntry("count", 1);
        assertThat(c.get("missing_job_status")).containsEntry("count", 6).containsEntry("severity", "INFO");
        assertThat(c.get("unreadable_values.ZIP")).containsEntry("count", 1);
        assertThat(c.get("sentinel_rows")).containsEntry("count", 1);
        assertThat(c.get("schema_drift")).containsEntry("count", 0);
        assertThat(c.get("distribution_shift")).containsEntry("count", 0);

        // Stages: A4 set, A5 demo, A6 and A7 sale; A1 = A2 (one person), A3 none. 6 delivered leads, all in the report.
        Map<String, Object> f = GraphQL.query("{ leadQualityFunnel(filter: {source: \"fixture-checks\"}) "
                + "{ deliveredLeads matchedLeads appointmentsSet demos sales conversionRate saleRate unmatchedReportLeads } }")
                .getMap("data.leadQualityFunnel[0]");
        assertThat(f).containsEntry("deliveredLeads", 6).containsEntry("matchedLeads", 6).containsEntry("appointmentsSet", 4)
                .containsEntry("demos", 3).containsEntry("sales", 2).containsEntry("unmatchedReportLeads", 0);

        // The next day: columns renamed (CITY -> CityName), re-encoded (Set 0/1 -> True/False), one added, one removed,
        // and every Set false -> Set = true collapses from 3/7 to 0.
        String day2 = "ENTRYDATE,LEADNUMBER,email_hash,phone_hash,CityName,STATE,Appt Date,Set,Demo,Dispo,Job Status,Campaign\n"
                + "01/02/2023,A1,e1,p1,Springfield,IL,,False,0,Data,,x\n"
                + "01/02/2023,A4,e4,p4,Salem,OR,01/09/2023 10:00AM,False,0,Data,,x\n"
                + "01/02/2023,A5,e5,p5,Salem,OR,01/05/2023 10:00AM,False,0,Data,,x\n"
                + "01/02/2023,A6,e6,p6,Boise,ID,01/05/2023 11:00AM,False,1,Sale,Completed,x\n";
        JsonPath r2 = load("fixture-checks", "2023-01-11", day2);
        Map<String, Map<String, Object>> c2 = QualityReports.checks(r2.getLong("snapshotId"));
        @SuppressWarnings("unchecked")
        List<String> drift = (List<String>) c2.get("schema_drift").get("examples");
        assertThat(drift).contains("renamed: CITY -> CityName", "removed: ZIP", "added (unknown to the registry): Campaign",
                "re-encoded: Set 0/1 -> True/False");
        assertThat(c2.get("schema_drift")).containsEntry("severity", "WARNING");
        assertThat(c2.get("unknown_columns")).containsEntry("count", 1);
        assertThat(c2.get("distribution_shift")).containsEntry("severity", "ERROR");
        assertThat(c2.get("distribution_shift").get("examples").toString()).contains("Set = true: 42.9% -> 0.0%");

        // As of now: A4 moved to an appointment date only (still set), A5 lost its demo (set by its date), A6 sale,
        // A2, A3, A7 keep their day-1 rows. As of day 1: the first funnel.
        Map<String, Object> now = GraphQL.query("{ leadQualityFunnel(filter: {source: \"fixture-checks\"}) "
                + "{ deliveredLeads appointmentsSet demos sales } }").getMap("data.leadQualityFunnel[0]");
        assertThat(now).containsEntry("deliveredLeads", 6).containsEntry("appointmentsSet", 4).containsEntry("demos", 2)
                .containsEntry("sales", 2);
        Map<String, Object> before = GraphQL.query("{ leadQualityFunnel(filter: {source: \"fixture-checks\", asOf: \"2023-01-10\"}) "
                + "{ demos } }").getMap("data.leadQualityFunnel[0]");
        assertThat(before).containsEntry("demos", 3);

        List<String> stages = GraphQL.query("{ leadHistory(source: \"fixture-checks\", leadNumber: \"A5\") { stage } }")
                .getList("data.leadHistory.stage", String.class);
        assertThat(stages).containsExactly("DEMO", "APPOINTMENT_SET");
    }

    @Test
    void aSnapshotMissingARequiredColumnIsRefusedWhole() {
        given().contentType("text/csv").body("ENTRYDATE,email_hash,phone_hash\n01/02/2023,a,b\n")
                .queryParam("source", "fixture-refused").queryParam("reportDate", "2023-01-10")
                .when().post("/api/ingest/crm-snapshots").then().statusCode(400)
                .body("error", containsString("required column LEADNUMBER"));
        assertThat(GraphQL.query("{ crmSnapshots(source: \"fixture-refused\") { id } }").getList("data.crmSnapshots")).isEmpty();
    }

    @Test
    void theSameFileTwiceChangesNothingAndANewFileForTheSameDateReplaces() {
        String csv = HEADER + "\n01/02/2023,R1,r1,q1,Reno,NV,89501,,1,0,Data,\n";
        JsonPath first = load("fixture-repeat", "2023-01-10", csv);
        JsonPath again = load("fixture-repeat", "2023-01-10", csv);
        assertThat(again.getBoolean("alreadyLoaded")).isTrue();
        assertThat(again.getLong("snapshotId")).isEqualTo(first.getLong("snapshotId"));
        JsonPath corrected = load("fixture-repeat", "2023-01-10", csv + "01/02/2023,R2,r2,q2,Reno,NV,89501,,0,0,Data,\n");
        assertThat(corrected.getLong("replacedSnapshotId")).isEqualTo(first.getLong("snapshotId"));
        assertThat(GraphQL.query("{ crmSnapshots(source: \"fixture-repeat\") { id rowsLoaded } }").getList("data.crmSnapshots.rowsLoaded", Integer.class))
                .containsExactly(2);
    }

    @Test
    void aSynonymAddedInTheRegistryIsUsedWithoutCodeChange() {
        String csv = "Entered,LEADNUMBER,email_hash,phone_hash\n01/02/2023,S1,s1,t1\n";
        // Without the synonym the required ENTRYDATE is missing.
        given().contentType("text/csv").body(csv).queryParam("source", "fixture-synonym").queryParam("reportDate", "2023-01-10")
                .when().post("/api/ingest/crm-snapshots").then().statusCode(400).body("error", containsString("ENTRYDATE"));
        JsonPath set = GraphQL.query("mutation { setSchemaColumn(source: \"fixture-synonym\", column: {name: \"ENTRYDATE\", "
                + "dataType: \"DATE\", synonyms: [\"ENTRYDATE\", \"Entered\"], formats: [\"MM/dd/yyyy\"], required: true}) "
                + "{ name columns { name synonyms } } }");
        assertThat(set.getString("data.setSchemaColumn.name")).isEqualTo("fixture-synonym");
        given().contentType("text/csv").body(csv).queryParam("source", "fixture-synonym").queryParam("reportDate", "2023-01-10")
                .when().post("/api/ingest/crm-snapshots").then().statusCode(200).body("rowsLoaded", equalTo(1));
        List<String> synonyms = GraphQL.query("{ schemaRegistry(source: \"fixture-synonym\") { columns { name synonyms } } }")
                .getList("data.schemaRegistry[0].columns.find { it.name == 'ENTRYDATE' }.synonyms", String.class);
        assertThat(synonyms).containsExactly("ENTRYDATE", "Entered");
        // The default source is untouched.
        List<String> defaults = GraphQL.query("{ schemaRegistry(source: \"default\") { columns { name synonyms } } }")
                .getList("data.schemaRegistry[0].columns.find { it.name == 'ENTRYDATE' }.synonyms", String.class);
        assertThat(defaults).doesNotContain("Entered");
        // A bad type is refused with a message naming it.
        JsonPath bad = GraphQL.failing("mutation { setSchemaColumn(source: \"fixture-synonym\", column: {name: \"X\", dataType: \"MONEY\"}) { name } }", Map.of());
        assertThat(bad.getString("errors[0].message")).contains("Unknown data type 'MONEY'");
    }
}
