package io.callsight.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.DatabaseTest;
import io.callsight.common.Fixtures;
import io.callsight.security.AccessScope;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Retention on calls of 1990 (no other test has calls that old, and the cut-offs are given, so nothing
 * else is touched): dropping January keeps February and March exactly, re-derives the rollup rows of a
 * lead called in January and again in March, keeps the rollups consistent with the fact, and is
 * audited; hashing the numbers of February replaces them by one salted hash per number, leaves March
 * as it was, changes nothing when applied again, and masking shows the hash as it is.
 */
@QuarkusTest
class RetentionTest extends DatabaseTest {

    private static final String HEADER = "Call ID,Lead ID,Campaign ID,Advertiser ID,Agent ID,Call Status,Lead Status,"
            + "Agent Call Duration,Customer Call Duration,Attempt No,Call Dial Time,From Number,To Number\n";

    @Inject
    RetentionService retention;

    @Inject
    RollupConsistency consistency;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void callCutoffKeepsWholeMonths() {
        assertThat(RetentionService.callCutoff(Instant.parse("2026-11-30T12:00:00Z"), 12))
                .isEqualTo(Instant.parse("2025-11-01T00:00:00Z"));
        assertThat(RetentionService.callCutoff(Instant.parse("2026-01-01T00:00:00Z"), 0))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void dropsOldMonthsWithTheirRollupsAndHashesOldNumbers() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        // RT-L1: January and March; RT-L2: January only; RT-L3: February; RT-L4: March
        csv.append(row("RT-1", "RT-L1", "Answered", "Callback", "1990-01-10T10:00:00Z", "+15550001111", "+16660001111"));
        csv.append(row("RT-2", "RT-L1", "Answered", "Interested", "1990-01-31T23:30:00Z", "+15550001111", "+16660001111"));
        csv.append(row("RT-3", "RT-L2", "No Answer", "", "1990-01-20T09:00:00Z", "+15550001111", "+16660002222"));
        csv.append(row("RT-4", "RT-L3", "Answered", "Interested", "1990-02-01T00:10:00Z", "+15550001111", "+16660003333"));
        csv.append(row("RT-5", "RT-L3", "Busy", "", "1990-02-14T12:00:00Z", "+15550001111", "+16660003333"));
        csv.append(row("RT-6", "RT-L1", "Answered", "Not Interested", "1990-03-02T08:00:00Z", "+15550001111", "+16660001111"));
        csv.append(row("RT-7", "RT-L4", "Answered", "Interested", "1990-03-03T08:00:00Z", "+15550001111", "+16660004444"));
        assertThat(Fixtures.ingestCsv(csv.toString()).getInt("accepted")).isEqualTo(7);
        try (Connection c = dataSource.getConnection()) {
            assertThat(strings(c, "SELECT tableoid::regclass::text FROM call WHERE call_id LIKE 'RT-%' GROUP BY 1 ORDER BY 1"))
                    .containsExactly("call_p1990_01", "call_p1990_02", "call_p1990_03");
        }

        RetentionService.Outcome dropped = retention.apply(Instant.parse("1990-02-01T00:00:00Z"), null);

        assertThat(dropped.droppedPartitions()).containsExactly("call_p1990_01");
        assertThat(dropped.droppedCalls()).isEqualTo(3);
        try (Connection c = dataSource.getConnection()) {
            assertThat(strings(c, "SELECT call_id FROM call WHERE call_id LIKE 'RT-%' ORDER BY 1"))
                    .containsExactly("RT-4", "RT-5", "RT-6", "RT-7");
            assertThat(strings(c, "SELECT to_regclass('call_p1990_01')::text")).containsExactly((String) null);
            // RT-L1 now has only its March call; RT-L2 has none left
            assertThat(strings(c, "SELECT r.calls || ' ' || r.first_dial AT TIME ZONE 'UTC' || ' ' || r.converted "
                    + "FROM lead_rollup r JOIN lead l USING (lead_key) WHERE l.lead_id = 'RT-L1'"))
                    .containsExactly("1 1990-03-02 08:00:00 false");
            assertThat(strings(c, "SELECT r.calls::text FROM lead_rollup r JOIN lead l USING (lead_key) "
                    + "WHERE l.lead_id = 'RT-L2'")).isEmpty();
            assertThat(strings(c, "SELECT count(*)::text FROM conversion_call WHERE dial_time < '1990-02-01'"))
                    .containsExactly("0");
            assertThat(strings(c, "SELECT sum(r.calls)::text FROM status_day_rollup r JOIN campaign cp USING (campaign_key) "
                    + "WHERE cp.campaign_id = 'RT-C1'"))
                    .containsExactly("4");
            assertThat(strings(c, "SELECT target || ' ' || (detail ->> 'calls') FROM audit_log "
                    + "WHERE action = 'RETENTION_DROP_CALLS' AND target = 'call_p1990_01'"))
                    .containsExactly("call_p1990_01 3");
            assertConsistent(c);
        }

        RetentionService.Outcome hashed = retention.apply(null, Instant.parse("1990-03-01T00:00:00Z"));

        assertThat(hashed.droppedPartitions()).isEmpty();
        assertThat(hashed.hashedCalls()).isEqualTo(2);
        try (Connection c = dataSource.getConnection()) {
            List<String> feb = strings(c, "SELECT from_number || ' ' || to_number FROM call WHERE call_id IN ('RT-4', 'RT-5') "
                    + "ORDER BY call_id");
            assertThat(feb).allSatisfy(v -> assertThat(v).matches("sha256:[0-9a-f]{64} sha256:[0-9a-f]{64}"));
            assertThat(feb.get(0)).as("one hash per number").isEqualTo(feb.get(1));
            assertThat(feb.get(0)).doesNotContain("5550001111");
            assertThat(strings(c, "SELECT to_number FROM call WHERE call_id = 'RT-6'")).containsExactly("+16660001111");
            assertThat(AccessScope.mask(feb.get(0).split(" ")[0])).isEqualTo(feb.get(0).split(" ")[0]);
            assertThat(strings(c, "SELECT count(*)::text FROM audit_log WHERE action = 'RETENTION_HASH_PHONES' "
                    + "AND (detail ->> 'calls')::int = 2")).containsExactly("1");
        }
        assertThat(retention.apply(null, Instant.parse("1990-03-01T00:00:00Z")).hashedCalls())
                .as("applied again: nothing left to hash").isZero();
    }

    private void assertConsistent(Connection c) throws SQLException {
        assertThat(CallsSql.inconsistentRollups(consistency, c)).as("rollups against the fact after retention").isEmpty();
    }

    private static String row(String id, String lead, String status, String leadStatus, String at, String from, String to) {
        return id + "," + lead + ",RT-C1,RT-A1,RT-AG1," + status + "," + leadStatus + ",60,30,1," + at + "," + from + ","
                + to + "\n";
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        return CallsSql.strings(c, sql);
    }
}
