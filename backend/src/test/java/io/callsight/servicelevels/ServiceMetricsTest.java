package io.callsight.servicelevels;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.callsight.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Queue-metric files: hand-built fixtures for every formula, and the two real 3-1-1 exports as they are.
 * The real-file expectations were computed with a Python script (csv module, `utf-8-sig`, `;`) summing
 * the columns and weighting ASA and service level by calls handled, independently of this code.
 */
@QuarkusTest
class ServiceMetricsTest extends DatabaseTest {

    static final Path DIR = TestData.file("service-metrics");

    private static JsonPath post(String source, String body) {
        var request = given().contentType("text/csv").body(body);
        if (source != null) {
            request = request.queryParam("source", source);
        }
        return request.when().post("/api/ingest/service-metrics").then().log().ifValidationFails().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void formulasOnAHandBuiltFile() {
        // A queue of its own: a daily source defined in the registry through GraphQL would need the mutation of the
        // source's kind; the Vancouver definition is reused with a new header spelling instead.
        String csv = "\uFEFFDate;CallsOffered;CallsHandled;CallsAbandoned;AverageSpeedofAnswer;ServiceLevel;BI_ID\r\n"
                + "2018-01-02;100;90;10;20;0,9;1\r\n"     // consistent; decimal comma
                + "2018-01-01;50;40;5;10;0.5;2\r\n"       // offered != handled + abandoned
                + "2018-01-03;-5;40;5;10;0.5;3\r\n"       // negative count: rejected
                + "2018-01-04;60;50;10;abc;0.5;4\r\n"     // ASA not a number: rejected
                + "2018-01-05;60;50;10;10;1.5;5\r\n"      // service level above 100%: rejected
                + "2018-01-06;60;50\r\n";                 // a separator missing: rejected
        JsonPath r = post("vancouver-311", csv);
        assertThat(r.getInt("rowsRead")).isEqualTo(6);
        assertThat(r.getInt("accepted")).isEqualTo(2);
        assertThat(r.getInt("rejected")).isEqualTo(4);
        assertThat(r.getList("rejects.reason", String.class)).containsExactly("negative count", "not a number",
                "service level outside 0-100%", "the row has 3 fields, the header 7 (a separator missing or extra)");
        assertThat(r.getList("rejects.line", Integer.class)).containsExactly(4, 5, 6, 7);
        assertThat(r.getInt("checks.find { it.name == 'offered_not_handled_plus_abandoned' }.count")).isEqualTo(1);

        JsonPath m = GraphQL.query("{ serviceMetrics(queue: \"vancouver-311\", bucket: WEEK, filter: {from: \"2018-01-01\", to: \"2018-01-08\"}) "
                + "{ periodStart offered handled abandoned asaSeconds serviceLevel handlingRate abandonRate rows inconsistentRows } }");
        Map<String, Object> week = m.getMap("data.serviceMetrics[0]");
        // 2018-01-01 is a Monday: one week, two rows. offered 150, handled 130, abandoned 15.
        assertThat(week).containsEntry("periodStart", "2018-01-01T00:00:00").containsEntry("offered", 150).containsEntry("handled", 130)
                .containsEntry("abandoned", 15).containsEntry("rows", 2).containsEntry("inconsistentRows", 1);
        // ASA weighted by handled: (20*90 + 10*40) / 130; service level: (0.9*90 + 0.5*40) / 130.
        assertThat(((Number) week.get("asaSeconds")).doubleValue()).isCloseTo(2200.0 / 130, within(1e-9));
        assertThat(((Number) week.get("serviceLevel")).doubleValue()).isCloseTo(101.0 / 130, within(1e-9));
        assertThat(((Number) week.get("handlingRate")).doubleValue()).isCloseTo(130.0 / 150, within(1e-9));
        assertThat(((Number) week.get("abandonRate")).doubleValue()).isCloseTo(15.0 / 150, within(1e-9));

        // The same file again changes nothing.
        JsonPath again = post("vancouver-311", csv);
        assertThat(again.getLong("sameFileAsBatchId")).isEqualTo(r.getLong("batchId"));
        assertThat(again.getInt("accepted")).isZero();
        assertThat(again.getInt("duplicates")).isEqualTo(2);
    }

    @Test
    void aHeaderNoSourceKnowsIsRefusedWithItsLine() {
        given().contentType("text/csv").body("When,Calls\n2020-01-01,5\n").when().post("/api/ingest/service-metrics")
                .then().statusCode(400).body("error", containsString("line 1: When,Calls"));
    }

    @Test
    void theVancouverDailyExportAsItIs() throws Exception {
        JsonPath r = given().contentType("text/csv").body(Files.readAllBytes(DIR.resolve("vancouver-311-2019-2020.csv")))
                .when().post("/api/ingest/service-metrics").then().statusCode(200).extract().jsonPath();
        assertThat(r.getString("source")).isEqualTo("vancouver-311"); // recognised from the header
        assertThat(r.getInt("rowsRead")).isEqualTo(731);
        assertThat(r.getInt("accepted")).isEqualTo(731);
        assertThat(r.getInt("rejected")).isZero();
        // Offered differs from handled + abandoned on 717 of 731 days (the publisher's data, flagged, not changed).
        assertThat(r.getInt("checks.find { it.name == 'offered_not_handled_plus_abandoned' }.count")).isEqualTo(717);

        JsonPath all = GraphQL.query("{ serviceMetrics(queue: \"vancouver-311\", bucket: MONTH, filter: {from: \"2019-01-01\", to: \"2021-01-01\"}) "
                + "{ periodStart offered handled abandoned asaSeconds serviceLevel handlingRate abandonRate rows } }");
        List<Map<String, Object>> months = all.getList("data.serviceMetrics");
        assertThat(months).hasSize(24);
        assertThat(months.stream().mapToLong(x -> ((Number) x.get("offered")).longValue()).sum()).isEqualTo(1_160_937);
        assertThat(months.stream().mapToLong(x -> ((Number) x.get("handled")).longValue()).sum()).isEqualTo(1_031_104);
        assertThat(months.stream().mapToLong(x -> ((Number) x.get("abandoned")).longValue()).sum()).isEqualTo(110_762);
        Map<String, Object> dec = months.get(23);
        assertThat(dec).containsEntry("periodStart", "2020-12-01T00:00:00").containsEntry("rows", 31).containsEntry("offered", 39423)
                .containsEntry("handled", 36699).containsEntry("abandoned", 2236);
        assertThat(((Number) dec.get("asaSeconds")).doubleValue()).isCloseTo(78.010028, within(1e-6));
        assertThat(((Number) dec.get("serviceLevel")).doubleValue()).isCloseTo(0.729628, within(1e-6));
        assertThat(((Number) dec.get("handlingRate")).doubleValue()).isCloseTo(0.930903, within(1e-6));
        assertThat(((Number) dec.get("abandonRate")).doubleValue()).isCloseTo(0.056718, within(1e-6));

        JsonPath week = GraphQL.query("{ serviceMetrics(queue: \"vancouver-311\", bucket: WEEK, filter: {from: \"2020-12-28\"}) { periodStart offered rows } }");
        assertThat(week.getMap("data.serviceMetrics[0]")).containsEntry("periodStart", "2020-12-28T00:00:00").containsEntry("offered", 5212)
                .containsEntry("rows", 4);
    }

    @Test
    void theSanFranciscoMonthlyExportWithItsDuplicatedMonth() throws Exception {
        JsonPath r = given().contentType("text/csv").body(Files.readAllBytes(DIR.resolve("sf311-monthly-2007-2017.csv")))
                .when().post("/api/ingest/service-metrics").then().statusCode(200).extract().jsonPath();
        assertThat(r.getString("source")).isEqualTo("sf311-monthly");
        assertThat(r.getInt("rowsRead")).isEqualTo(129);
        assertThat(r.getInt("accepted")).isEqualTo(129); // blanks are unknown values, not errors
        assertThat(r.getInt("conflicts")).isEqualTo(1);
        assertThat(r.getString("checks.find { it.name == 'conflicting_periods' }.examples[0]"))
                .isEqualTo("line 104: 2015-05-01 listed again with other values");

        JsonPath conflicts = GraphQL.query("{ serviceMetricConflicts(queue: \"sf311\") { periodStart versions { metricId line chosen handled serviceLevel } } }");
        assertThat(conflicts.getString("data.serviceMetricConflicts[0].periodStart")).isEqualTo("2015-05-01");
        assertThat(conflicts.getList("data.serviceMetricConflicts[0].versions.line", Integer.class)).containsExactly(9, 104);
        assertThat(conflicts.getList("data.serviceMetricConflicts[0].versions.chosen", Boolean.class)).containsExactly(true, false);

        JsonPath may = GraphQL.query("{ serviceMetrics(queue: \"sf311\", bucket: MONTH, filter: {from: \"2015-05-01\", to: \"2015-06-01\"}) "
                + "{ handled serviceLevel serviceLevelWithinSeconds offered handlingRate } }");
        assertThat(may.getMap("data.serviceMetrics[0]")).containsEntry("handled", 80836).containsEntry("offered", null)
                .containsEntry("handlingRate", null).containsEntry("serviceLevelWithinSeconds", 60.0);
        assertThat(((Number) may.get("data.serviceMetrics[0].serviceLevel")).doubleValue()).isCloseTo(0.326, within(1e-9));

        // The user chooses the other version: it is counted instead.
        String other = conflicts.getString("data.serviceMetricConflicts[0].versions[1].metricId");
        GraphQL.query("mutation { chooseServiceMetric(metricId: \"" + other + "\") { periodStart } }");
        JsonPath after = GraphQL.query("{ serviceMetrics(queue: \"sf311\", bucket: MONTH, filter: {from: \"2015-05-01\", to: \"2015-06-01\"}) { handled } }");
        assertThat(after.getInt("data.serviceMetrics[0].handled")).isEqualTo(75324);

        // All months: every month once (the chosen version), 128 distinct months.
        JsonPath every = GraphQL.query("{ serviceMetrics(queue: \"sf311\", bucket: MONTH) { periodStart handled } }");
        List<Integer> handled = every.getList("data.serviceMetrics.handled", Integer.class);
        assertThat(handled).hasSize(128);
        assertThat(handled.stream().mapToLong(Integer::longValue).sum()).isEqualTo(19_772_404L - 80_836L);
    }
}
