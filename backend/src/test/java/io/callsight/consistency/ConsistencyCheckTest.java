package io.callsight.consistency;

import static io.callsight.common.Auth.asToken;
import static io.callsight.common.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.callsight.calls.RollupMaintenance;
import io.callsight.common.Auth;
import io.callsight.common.DatabaseTest;
import io.callsight.common.GraphQL;
import io.callsight.events.EventTestingAccess;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The consistency check over real ingest (a file and events, several days, two campaigns of one lead,
 * feed leads): clean after it; then one row of each rollup and one feed row corrupted by plain SQL
 * are each named and counted (a sum off by a rounding error is not); ADMIN only.
 */
@QuarkusTest
class ConsistencyCheckTest extends DatabaseTest {

    private static final String QUERY = "{ consistencyCheck { ok checkedAt checks { name ok mismatches examples } } }";
    private static final List<String> NAMES = List.of("rollup_time_zone", "agent_day_rollup", "status_day_rollup",
            "lead_rollup", "lead_span_rollup", "lead_rollup.shared", "lead_day_rollup", "lead_day_count",
            "lead_day_rollup.shared", "conversion_call", "agent_conversion_day",
            "conversion_call.repeated", "feed_lead");
    private static final String PASSWORD = "consistency-password-1";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RollupMaintenance rollups;

    /** One check as answered. */
    private record Check(boolean ok, long mismatches, List<String> examples) {
    }

    private static Map<String, Check> checks(JsonPath r) {
        Map<String, Check> out = new LinkedHashMap<>();
        for (Map<String, Object> c : r.<Map<String, Object>>getList("data.consistencyCheck.checks")) {
            @SuppressWarnings("unchecked")
            List<String> examples = (List<String>) c.get("examples");
            out.put((String) c.get("name"), new Check((Boolean) c.get("ok"), ((Number) c.get("mismatches")).longValue(),
                    examples));
        }
        return out;
    }

    private long scalar(String sql, Object... binds) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < binds.length; i++) {
                ps.setObject(i + 1, binds[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Runs {@code sql} (one row RETURNING) and gives that row's columns as text. */
    private List<String> row(String sql, Object... binds) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < binds.length; i++) {
                ps.setObject(i + 1, binds[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a row from %s", sql).isTrue();
                List<String> out = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    out.add(rs.getString(i));
                }
                assertThat(rs.next()).as("one row from %s", sql).isFalse();
                return out;
            }
        }
    }

    /**
     * The shared test database may hold other tests' hand-made feed rows (outbox fixtures whose calls
     * do not exist); they are removed and the rollups rebuilt, so this test starts from a clean check.
     */
    private void startClean() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM feed_lead f WHERE NOT EXISTS (SELECT 1 FROM call c WHERE c.call_key = f.call_key "
                    + "AND c.call_id = f.call_id AND c.lead_key = f.lead_key)");
        }
        rollups.rebuild();
        assertClean();
    }

    private static void assertClean() {
        JsonPath r = GraphQL.query(QUERY);
        Map<String, Check> checks = checks(r);
        assertThat(checks.keySet()).containsExactlyElementsOf(NAMES);
        checks.forEach((name, c) -> assertThat(c).as(name).isEqualTo(new Check(true, 0, List.of())));
        assertThat(r.getBoolean("data.consistencyCheck.ok")).isTrue();
        assertThat(Instant.parse(r.getString("data.consistencyCheck.checkedAt")))
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
    }

    @Test
    void ingestLeavesItCleanAndEachCorruptedRowIsNamedAndCounted() throws Exception {
        startClean();
        String run = "CC" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String cmpA = run + "-CA";
        String cmpB = run + "-CB";
        String adv = run + "-ADV";
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        LocalDateTime base = LocalDateTime.now(ZoneOffset.UTC).minusDays(3).truncatedTo(ChronoUnit.HOURS);
        StringBuilder csv = new StringBuilder("Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Call Status,Lead Status,"
                + "Agent Call Duration,Customer Call Duration,Attempt No,Call Dial Time,To Number\n");
        String[][] rows = {
            // call, lead, campaign, agent, call status, lead status, agent s, customer s, attempt, hours after base
            { "1", "L1", cmpA, "AG1", "No Answer", "", "12.5", "", "1", "0" },
            { "2", "L1", cmpA, "AG1", "Answered", "Interested", "301.25", "240.5", "2", "26" },
            { "3", "L2", cmpA, "AG2", "Answered", "Not Interested", "95.1", "60.3", "1", "1" },
            { "4", "L2", cmpB, "AG2", "Answered", "Interested", "180.7", "150.2", "1", "27" },
            { "5", "L3", cmpB, "AG1", "Busy", "", "3", "0", "1", "49" },
        };
        for (String[] r : rows) {
            csv.append(run).append("-c").append(r[0]).append(',').append(run).append('-').append(r[1]).append(',')
                    .append(r[2]).append(',').append(adv).append(',').append(run).append('-').append(r[3]).append(',')
                    .append(r[4]).append(',').append(r[5]).append(',').append(r[6]).append(',').append(r[7]).append(',')
                    .append(r[8]).append(',').append(base.plusHours(Long.parseLong(r[9])).format(f)).append(",+1555000")
                    .append(r[0]).append("000\n");
        }
        given().contentType("text/csv").body(csv.toString()).when().post("/api/ingest/calls").then().statusCode(200);
        // events: more calls of the same leads and grains (upserts onto the file's rows) and a new lead
        List<Map<String, Object>> events = new ArrayList<>();
        Instant now = Instant.now().minusSeconds(120);
        for (int i = 0; i < 6; i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("call_id", run + "-e" + i);
            e.put("lead_id", run + (i < 3 ? "-L3" : "-L4"));
            e.put("campaign_id", i % 2 == 0 ? cmpA : cmpB);
            e.put("advertiser_id", adv);
            e.put("agent_id", run + "-AG" + (1 + i % 2));
            e.put("call_status", i == 5 ? "No Answer" : "Answered");
            e.put("lead_status", i == 4 ? "Interested" : i == 5 ? "" : "Callback");
            e.put("agent_call_duration", 33.3 * (i + 1));
            e.put("customer_call_duration", 21.7 * (i + 1));
            e.put("attempt_no", i + 1);
            e.put("dial_time", (i < 3 ? base.plusHours(49 + i).toInstant(ZoneOffset.UTC) : now.plusSeconds(i)).toString());
            events.add(e);
        }
        given().contentType(ContentType.JSON).body(events).when().post("/api/events/calls").then().statusCode(200);
        EventTestingAccess.awaitCampaignCalls(List.of(cmpA, cmpB), rows.length + events.size(), Duration.ofSeconds(15));

        // (a) ingest keeps every derived table in step with the fact
        assertClean();
        long cA = scalar("SELECT campaign_key FROM campaign WHERE campaign_id = ?", cmpA);
        long cB = scalar("SELECT campaign_key FROM campaign WHERE campaign_id = ?", cmpB);
        assertThat(scalar("SELECT count(*) FROM feed_lead WHERE campaign_key IN (?, ?)", cA, cB)).isEqualTo(3);
        assertThat(scalar("SELECT count(*) FROM conversion_call WHERE campaign_key IN (?, ?)", cA, cB)).isEqualTo(3);

        // (b) one row of each derived table corrupted
        List<String> agentDay = row("UPDATE agent_day_rollup SET calls = calls + 1 WHERE ctid = (SELECT ctid FROM "
                + "agent_day_rollup WHERE campaign_key = ? AND calls = 1 ORDER BY work_day, agent_key LIMIT 1) "
                + "RETURNING work_day, campaign_key, advertiser_key, agent_key, calls", cA);
        List<String> statusDay = row("DELETE FROM status_day_rollup WHERE ctid = (SELECT ctid FROM status_day_rollup "
                + "WHERE campaign_key = ? AND lead_status = 'Interested' LIMIT 1) "
                + "RETURNING work_day, campaign_key, advertiser_key, call_status, lead_status, calls", cB);
        // agent_sum off by 0.5; customer_sum off by a rounding error only (within the tolerance)
        List<String> lead = row("UPDATE lead_rollup SET agent_sum = agent_sum + 0.5, customer_sum = customer_sum * (1 + 1e-12) "
                + "WHERE ctid = (SELECT ctid FROM lead_rollup WHERE campaign_key = ? AND customer_sum > 0 "
                + "ORDER BY lead_key LIMIT 1) RETURNING lead_key, campaign_key, advertiser_key", cA);
        // the span rollup of lead L1 (only under cmpA: not shared) counts a lead too many
        List<String> span = row("UPDATE lead_span_rollup SET leads = leads + 1 WHERE campaign_key = ? "
                + "RETURNING campaign_key, advertiser_key, first_day, last_day, leads", cA);
        // a row of lead L2 (under cmpA and cmpB) no longer marked shared
        List<String> unshared = row("UPDATE lead_rollup SET shared = false WHERE ctid = (SELECT ctid FROM lead_rollup "
                + "WHERE campaign_key = ? AND lead_key = (SELECT lead_key FROM lead WHERE lead_id = ?)) RETURNING lead_key",
                cB, run + "-L2");
        List<String> conversion = row("INSERT INTO conversion_call SELECT * FROM conversion_call WHERE campaign_key = ? "
                + "ORDER BY dial_time LIMIT 1 RETURNING lead_key, dial_time", cB);
        List<String> unrepeated = row("UPDATE conversion_call SET repeated = false WHERE ctid = (SELECT ctid FROM "
                + "conversion_call WHERE lead_key = ? AND repeated LIMIT 1) RETURNING lead_key, agent_key",
                Long.parseLong(conversion.get(0)));
        List<String> feed = row("UPDATE feed_lead SET campaign_key = ? WHERE seq = (SELECT min(seq) FROM feed_lead "
                + "WHERE campaign_key = ?) RETURNING seq, call_key", cB, cA);

        JsonPath r = GraphQL.query(QUERY);
        assertThat(r.getBoolean("data.consistencyCheck.ok")).isFalse();
        Map<String, Check> checks = checks(r);
        assertThat(checks.keySet()).containsExactlyElementsOf(NAMES);
        assertThat(checks.get("rollup_time_zone")).isEqualTo(new Check(true, 0, List.of()));
        String grainA = "/campaign " + agentDay.get(1) + "/advertiser " + agentDay.get(2) + "/agent " + agentDay.get(3);
        assertThat(checks.get("agent_day_rollup")).isEqualTo(new Check(false, 1, List.of("agent_day_rollup "
                + agentDay.get(0) + grainA + ": calls " + agentDay.get(4) + " vs 1 from the fact")));
        assertThat(checks.get("status_day_rollup")).isEqualTo(new Check(false, 1, List.of("status_day_rollup "
                + statusDay.get(0) + "/campaign " + statusDay.get(1) + "/advertiser " + statusDay.get(2) + "/"
                + statusDay.get(3) + "/" + statusDay.get(4) + ": missing from the rollup (the fact gives calls "
                + statusDay.get(5) + ")")));
        Check leadCheck = checks.get("lead_rollup");
        assertThat(leadCheck.ok()).isFalse();
        assertThat(leadCheck.mismatches()).isEqualTo(1);
        assertThat(leadCheck.examples()).singleElement().asString()
                .startsWith("lead_rollup lead " + lead.get(0) + "/campaign " + lead.get(1) + "/advertiser " + lead.get(2)
                        + ": agent_sum ")
                .endsWith(" from the fact").doesNotContain("customer_sum");
        assertThat(checks.get("lead_span_rollup")).isEqualTo(new Check(false, 1, List.of("lead_span_rollup campaign "
                + span.get(0) + "/advertiser " + span.get(1) + "/first " + span.get(2) + "/last " + span.get(3) + ": leads "
                + span.get(4) + " vs " + (Long.parseLong(span.get(4)) - 1) + " from the fact")));
        assertThat(checks.get("lead_rollup.shared")).isEqualTo(new Check(false, 1, List.of("lead_rollup lead "
                + unshared.get(0) + ": several rows, not all marked shared")));
        // the copied conversion made its (lead, agent) pair repeated; one of its rows unmarked by hand
        assertThat(checks.get("conversion_call.repeated")).isEqualTo(new Check(false, 1, List.of("conversion_call lead/agent "
                + unrepeated.get(0) + "/" + unrepeated.get(1) + ": several rows, not all marked repeated")));
        assertThat(checks.get("agent_conversion_day").ok()).as("kept by the trigger").isTrue();
        assertThat(checks.get("conversion_call").mismatches()).isEqualTo(1);
        assertThat(checks.get("conversion_call").examples()).singleElement().asString()
                .contains("lead_key " + conversion.get(0)).endsWith(": not in the fact");
        assertThat(checks.get("feed_lead")).isEqualTo(new Check(false, 1, List.of("feed_lead seq " + feed.get(0)
                + "/call " + feed.get(1) + ": campaign_key " + cB + " vs " + cA + " on the call")));

        // a rebuild restores the rollups; the feed row is put back by hand
        rollups.rebuild();
        row("UPDATE feed_lead SET campaign_key = ? WHERE seq = ? RETURNING seq", cA, Long.parseLong(feed.get(0)));
        assertClean();
    }

    @Test
    void onlyAnAdminMayRunIt() {
        String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String adv = "CC-FORBID-ADV";
        given().contentType("text/csv").body("Call ID,Lead ID,Campaign ID,Advertiser ID,Call Status,Call Dial Time\n"
                + "cc-forbid-1,CC-FORBID-L,CC-FORBID-C," + adv + ",Answered,2026-01-05 10:00:00\n")
                .when().post("/api/ingest/calls").then().statusCode(200);
        for (String[] who : new String[][] { { "cc-analyst-" + run, "ANALYST", null },
            { "cc-advertiser-" + run, "ADVERTISER", adv } }) {
            Map<String, Object> vars = new LinkedHashMap<>(Map.of("u", who[0], "p", PASSWORD, "r", who[1]));
            if (who[2] != null) {
                vars.put("a", who[2]);
            }
            GraphQL.query("mutation($u: String!, $p: String!, $r: Role!, $a: String) { "
                    + "createUser(username: $u, password: $p, role: $r, advertiserId: $a) { id } }", vars);
            JsonPath refused = asToken(Auth.token(who[0], PASSWORD)).contentType(ContentType.JSON)
                    .body(Map.of("query", QUERY)).when().post("/graphql").then().statusCode(200).extract().jsonPath();
            assertThat(refused.getList("errors.extensions.code")).as(who[1]).containsExactly("FORBIDDEN");
            assertThat(refused.getString("data.consistencyCheck")).as(who[1]).isNull();
        }
    }
}
