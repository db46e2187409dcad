package io.callsight.servicelevels;

import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.callsight.testing.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.callsight.staffing.QueueModel;

/**
 * Inbound call logs. The real month's expectations come from a Python script over the TSV (split on
 * tabs; 0:00:00 = did not happen; a time before the stage's start is the next day; the period of a call
 * is its queue entry, else service start, else VRU exit), counting with the formulas stated in the schema.
 */
@QuarkusTest
class InboundCallsTest extends DatabaseTest {

    static final String HEADER = "vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver\r\n";

    @Test
    void formulasOnHandBuiltCalls() {
        // March 1999: no real call of the February file falls there, so the hour holds only these calls.
        String calls = HEADER
                // answered after 10 s wait, served 100 s
                + "AA01\t1\t0\t0\tPS\t990301\t10:00:00\t10:00:10\t10\t10:00:10\t10:00:20\t10\tAGENT\t10:00:20\t10:02:00\t100\tDANA\r\n"
                // answered after 30 s wait (outside T = 20), served 200 s
                + "AA01\t2\t0\t0\tPS\t990301\t10:05:00\t10:05:10\t10\t10:05:10\t10:05:40\t30\tAGENT\t10:05:40\t10:09:00\t200\tDANA\r\n"
                // abandoned after 3 s in queue (a short abandon)
                + "AA01\t3\t0\t0\tPS\t990301\t10:10:00\t10:10:10\t10\t10:10:10\t10:10:13\t3\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER\r\n"
                // hung up in the VRU: not offered
                + "AA01\t4\t0\t0\tPS\t990301\t10:20:00\t10:20:30\t30\t0:00:00\t0:00:00\t0\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER\r\n"
                // phantom: not offered
                + "AA01\t5\t0\t0\tPS\t990301\t10:30:00\t10:30:05\t5\t10:30:05\t10:30:06\t1\tPHANTOM\t0:00:00\t0:00:00\t0\tNO_SERVER\r\n"
                // a separator missing: rejected
                + "AA01\t6\t0\t0\tPS\t990301\t10:40:00\t10:40:05\t5\t10:40:05\t10:40:06\t1\tHANG\t0:00:00\t0:00:00\t0\r\n"
                // unknown outcome: rejected
                + "AA01\t7\t0\t0\tPS\t990301\t10:50:00\t10:50:05\t5\t0:00:00\t0:00:00\t0\tBUSY\t0:00:00\t0:00:00\t0\tNO_SERVER\r\n";
        JsonPath r = given().contentType("text/tab-separated-values").body(calls).queryParam("source", "anonymous-bank")
                .queryParam("fileName", "fixture.tsv").when().post("/api/ingest/inbound-calls").then().statusCode(200)
                .extract().jsonPath();
        assertThat(r.getInt("rowsRead")).isEqualTo(7);
        assertThat(r.getInt("accepted")).isEqualTo(5);
        assertThat(r.getList("rejects.reason", String.class)).containsExactly(
                "the row has 16 fields, the header 17 (a separator missing or extra)",
                "unknown outcome (expected AGENT, HANG or PHANTOM)");

        String hour = "{ serviceMetrics(queue: \"anonymous-bank\", bucket: HOUR, filter: {from: \"1999-03-01\", to: \"1999-03-02\"}) "
                + "{ periodStart offered handled abandoned asaSeconds serviceLevel serviceLevelWithinSeconds ahtSeconds longestWaitSeconds handlingRate abandonRate } }";
        Map<String, Object> m = GraphQL.query(hour).getMap("data.serviceMetrics[0]");
        // Offered 3 (two answered, one abandoned in queue); ASA (10 + 30) / 2; AHT (100 + 200) / 2; longest wait 30.
        assertThat(m).containsEntry("periodStart", "1999-03-01T10:00:00").containsEntry("offered", 3).containsEntry("handled", 2)
                .containsEntry("abandoned", 1).containsEntry("asaSeconds", 20.0).containsEntry("ahtSeconds", 150.0)
                .containsEntry("longestWaitSeconds", 30.0).containsEntry("serviceLevelWithinSeconds", 20.0);
        // Service level, every abandon counts: 1 answered within 20 s / 3 offered.
        assertThat(((Number) m.get("serviceLevel")).doubleValue()).isCloseTo(1.0 / 3, within(1e-9));
        // With abandons under 5 s left out: 1 / (3 - 1).
        GraphQL.query("mutation { setQueueTargets(queue: \"anonymous-bank\", shortAbandonSeconds: 5) }");
        assertThat(((Number) GraphQL.query(hour).get("data.serviceMetrics[0].serviceLevel")).doubleValue()).isCloseTo(0.5, within(1e-9));
        // And T = 30 s: both answered calls count.
        GraphQL.query("mutation { setQueueTargets(queue: \"anonymous-bank\", answerWithinSeconds: 30, shortAbandonSeconds: 0) }");
        assertThat(((Number) GraphQL.query(hour).get("data.serviceMetrics[0].serviceLevel")).doubleValue()).isCloseTo(2.0 / 3, within(1e-9));
        GraphQL.query("mutation { setQueueTargets(queue: \"anonymous-bank\", answerWithinSeconds: 20) }");

        // The backtest of that hour: 3 offered, one agent (DANA) served, AHT 150 s; patience = (10 + 30 + 3) s of
        // waiting / 1 abandon = 43 s. Predictions: the queue models with exactly those inputs.
        JsonPath b = GraphQL.query("{ staffingBacktest(queue: \"anonymous-bank\", from: \"1999-03-01\", to: \"1999-03-02\", minCalls: 1) "
                + "{ patienceSeconds answerWithinSeconds errors { model hours serviceLevelMae abandonRateMae } "
                + "hours { hourStart arrivals agents ahtSeconds actualServiceLevel actualAbandonRate erlangCServiceLevel erlangAServiceLevel erlangAAbandonRate } } }");
        assertThat(b.getDouble("data.staffingBacktest.patienceSeconds")).isEqualTo(43.0);
        Map<String, Object> h = b.getMap("data.staffingBacktest.hours[0]");
        assertThat(h).containsEntry("hourStart", "1999-03-01T10:00:00").containsEntry("arrivals", 3).containsEntry("agents", 1)
                .containsEntry("ahtSeconds", 150.0);
        assertThat(((Number) h.get("actualServiceLevel")).doubleValue()).isCloseTo(1.0 / 3, within(1e-9));
        var c = new QueueModel(3, 150, 60, null).evaluate(1, 20);
        var a = new QueueModel(3, 150, 60, 43.0).evaluate(1, 20);
        assertThat(((Number) h.get("erlangCServiceLevel")).doubleValue()).isCloseTo(c.serviceLevel(), within(1e-12));
        assertThat(((Number) h.get("erlangAServiceLevel")).doubleValue()).isCloseTo(a.serviceLevel(), within(1e-12));
        assertThat(((Number) h.get("erlangAAbandonRate")).doubleValue()).isCloseTo(a.probAbandon(), within(1e-12));
        assertThat(b.getDouble("data.staffingBacktest.errors[0].serviceLevelMae")).isCloseTo(Math.abs(c.serviceLevel() - 1.0 / 3), within(1e-9));
        assertThat(b.getDouble("data.staffingBacktest.errors[1].abandonRateMae")).isCloseTo(Math.abs(a.probAbandon() - 1.0 / 3), within(1e-9));
    }

    /** An unknown column holding contact data: found, and the rejected row's raw text kept masked. */
    @Test
    void personalDataInAnUnknownColumn() {
        String calls = HEADER.replace("\tserver\r\n", "\tserver\tcomment\r\n")
                + "PD01\t1\t0\t0\tPS\t990401\t10:00:00\t10:00:10\t10\t0:00:00\t0:00:00\t0\tHANG\t0:00:00\t0:00:00\t0\t"
                + "NO_SERVER\tcaller gave ann.lee@example.com\r\n"
                + "PD01\t2\t0\t0\tPS\t990401\t10:05:00\t10:05:10\t10\t0:00:00\t0:00:00\t0\tBUSY\t0:00:00\t0:00:00\t0\t"
                + "NO_SERVER\tcall back +44 7911 123456\r\n";
        JsonPath r = given().contentType("text/tab-separated-values").body(calls).queryParam("source", "anonymous-bank")
                .queryParam("fileName", "pii.tsv").when().post("/api/ingest/inbound-calls").then().statusCode(200)
                .extract().jsonPath();
        assertThat(r.getInt("rejected")).isEqualTo(1);
        assertThat(r.getList("personalData.column", String.class)).containsExactly("comment", "comment");
        assertThat(r.getList("personalData.examples", List.class))
                .containsExactly(List.of("a***@example.com"), List.of("+44********3456"));
        JsonPath batch = GraphQL.query("{ ingestBatch(id: \"" + r.getLong("batchId") + "\") { personalData { kind count } "
                + "rejects(first: 5) { edges { node { rawRow } } } } }");
        assertThat(batch.getList("data.ingestBatch.personalData.kind", String.class)).containsExactly("EMAIL", "PHONE");
        assertThat(batch.getString("data.ingestBatch.rejects.edges[0].node.rawRow")).endsWith("call back +44********3456")
                .doesNotContain("7911");
    }

    @Test
    void theAnonymousBankMonthAsItIs() throws Exception {
        byte[] file = Files.readAllBytes(TestData.file("calls-real", "anonymous-bank-1999-02.tsv"));
        JsonPath r = given().contentType("text/tab-separated-values").body(file).when().post("/api/ingest/inbound-calls")
                .then().statusCode(200).extract().jsonPath();
        assertThat(r.getInt("rowsRead")).isEqualTo(33_344);
        assertThat(r.getInt("rejected")).isZero();
        assertThat(r.getInt("accepted")).isEqualTo(33_344);
        // Kept but flagged: negative VRU times (25), AGENT rows without a server (491) or a service time (85).
        assertThat(r.getInt("checks.find { it.name == 'negative_vru_time' }.count")).isEqualTo(25);
        assertThat(r.getInt("checks.find { it.name == 'agent_without_server' }.count")).isEqualTo(491);
        assertThat(r.getInt("checks.find { it.name == 'agent_without_service_time' }.count")).isEqualTo(85);
        assertThat(r.getList("personalData")).as("no personal data in the real log (ids, times, server names)").isEmpty();

        Map<String, Object> month = GraphQL.query("{ serviceMetrics(queue: \"anonymous-bank\", bucket: MONTH, filter: {from: \"1999-02-01\", to: \"1999-03-01\"}) "
                + "{ offered handled abandoned asaSeconds serviceLevel ahtSeconds longestWaitSeconds } }").getMap("data.serviceMetrics[0]");
        assertThat(month).containsEntry("offered", 31125).containsEntry("handled", 27162).containsEntry("abandoned", 3963)
                .containsEntry("longestWaitSeconds", 908.0);
        assertThat(((Number) month.get("serviceLevel")).doubleValue()).isCloseTo(0.520771, within(1e-6));
        assertThat(((Number) month.get("asaSeconds")).doubleValue()).isCloseTo(40.774317, within(1e-6));
        assertThat(((Number) month.get("ahtSeconds")).doubleValue()).isCloseTo(176.9066, within(1e-4));

        Map<String, Object> ten = GraphQL.query("{ serviceMetrics(queue: \"anonymous-bank\", bucket: HOUR, filter: {from: \"1999-02-01\", to: \"1999-02-02\"}) "
                + "{ periodStart offered handled abandoned serviceLevel } }").getMap("data.serviceMetrics.find { it.periodStart == '1999-02-01T10:00:00' }");
        assertThat(ten).containsEntry("offered", 106).containsEntry("handled", 93).containsEntry("abandoned", 13);
        assertThat(((Number) ten.get("serviceLevel")).doubleValue()).isCloseTo(0.358491, within(1e-6));

        // The staffing backtest over the month: patience = total wait of offered calls / abandoned calls = 344.99 s
        // (Python, same definition).
        JsonPath bt = GraphQL.query("{ staffingBacktest(queue: \"anonymous-bank\", from: \"1999-02-01\", to: \"1999-03-01\") "
                + "{ patienceSeconds errors { model hours serviceLevelMae serviceLevelBias abandonRateMae } } }");
        assertThat(bt.getDouble("data.staffingBacktest.patienceSeconds")).isCloseTo(344.9929346, within(1e-6));
        assertThat(bt.getInt("data.staffingBacktest.errors[0].hours")).isGreaterThan(300);
        assertThat(bt.getDouble("data.staffingBacktest.errors[1].serviceLevelMae")).isBetween(0.0, 1.0);

        // The queue's next days (a month of history backtests a 5-day horizon at most): a daily forecast spread by the
        // weekday's profile; Erlang A needs no
        // more agents than Erlang C for the same interval (callers who hang up lighten the load).
        String plan = "{ queueStaffingPlan(queue: \"anonymous-bank\", horizonDays: 5, intervalMinutes: 60, mode: %s) "
                + "{ historyDays patienceSeconds ahtSeconds days { date offered peakAgents } intervals { start expectedCalls agents } } }";
        JsonPath a = GraphQL.query(String.format(plan, "ERLANG_A"));
        JsonPath c = GraphQL.query(String.format(plan, "ERLANG_C"));
        assertThat(a.getInt("data.queueStaffingPlan.historyDays")).isGreaterThanOrEqualTo(28);
        assertThat(a.getList("data.queueStaffingPlan.days")).hasSize(5);
        assertThat(a.getDouble("data.queueStaffingPlan.patienceSeconds")).isGreaterThan(0);
        List<Map<String, Object>> days = a.getList("data.queueStaffingPlan.days");
        List<Map<String, Object>> intervals = a.getList("data.queueStaffingPlan.intervals");
        assertThat(intervals).isNotEmpty();
        String firstDay = (String) days.get(0).get("date");
        double spread = intervals.stream().filter(i -> ((String) i.get("start")).startsWith(firstDay))
                .mapToDouble(i -> ((Number) i.get("expectedCalls")).doubleValue()).sum();
        assertThat(spread).isCloseTo(((Number) days.get(0).get("offered")).doubleValue(), within(0.5));
        List<Integer> agentsA = a.getList("data.queueStaffingPlan.intervals.agents", Integer.class);
        List<Integer> agentsC = c.getList("data.queueStaffingPlan.intervals.agents", Integer.class);
        assertThat(agentsA).hasSameSizeAs(agentsC);
        for (int i = 0; i < agentsA.size(); i++) {
            assertThat(agentsA.get(i)).isLessThanOrEqualTo(agentsC.get(i));
        }

        JsonPath tooFar = GraphQL.failing(String.format(plan.replace("horizonDays: 5", "horizonDays: 14"), "ERLANG_A"), Map.of());
        assertThat(tooFar.getString("errors[0].message")).contains("too short");

        JsonPath queues = GraphQL.query("{ serviceQueues { name answerWithinSeconds firstDay lastDay sources } }");
        assertThat(queues.getMap("data.serviceQueues.find { it.name == 'anonymous-bank' }")).containsEntry("answerWithinSeconds", 20.0)
                .containsEntry("firstDay", "1999-02-01").containsEntry("sources", List.of("CALLS"));

        // The same file again changes nothing.
        JsonPath again = given().contentType("text/tab-separated-values").body(file).when().post("/api/ingest/inbound-calls")
                .then().statusCode(200).extract().jsonPath();
        assertThat(again.getLong("sameFileAsBatchId")).isEqualTo(r.getLong("batchId"));
        assertThat(again.getInt("accepted")).isZero();
        assertThat(again.getInt("duplicates")).isEqualTo(33_344);
    }
}
