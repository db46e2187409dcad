package io.callsight.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.callsight.common.AppState;
import io.callsight.common.BusinessTime;
import io.callsight.common.DatabaseTest;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The migration that partitions the call fact (V054) on a populated database: a database of its own on
 * the test server is migrated to V053, filled with 14 months of calls and their rollups as the ingest
 * leaves them, then migrated to the end. Every call is there after with every column as before (same
 * rows, same call keys), the fact is partitioned with one partition per month that has calls (each
 * holding only its month), the rollup consistency check passes, new calls get keys after the old ones,
 * and a call of a month without a partition gets one.
 */
@QuarkusTest
class CallPartitionMigrationTest extends DatabaseTest {

    private static final int CALLS = 24_000;
    private static final String ROW = "call_key, call_id, lead_key, campaign_key, advertiser_key, agent_key, hid, "
            + "call_status, lead_status, agent_call_duration_s, customer_call_duration_s, from_number, to_number, "
            + "attempt_no, lead_created_at, updated_at, connected, dial_time, ingest_batch_id";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RollupConsistency consistency;

    @Inject
    BusinessTime businessTime;

    @Test
    void convertsAPopulatedDatabaseInPlaceWithoutLosingARow() throws Exception {
        String db = "callsight_migration_" + ProcessHandle.current().pid();
        String url;
        String user;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            url = c.getMetaData().getURL();
            user = c.getMetaData().getUserName();
            st.execute("DROP DATABASE IF EXISTS " + db);
            st.execute("CREATE DATABASE " + db);
        }
        String dbUrl = url.replaceFirst("/[^/?]+(\\?|$)", "/" + db + "$1");
        try {
            Flyway.configure().dataSource(dbUrl, user, "postgres").locations("classpath:db/migration")
                    .target(MigrationVersion.fromVersion("53")).load().migrate();
            String before;
            try (Connection c = DriverManager.getConnection(dbUrl, user, "postgres")) {
                populate(c);
                before = fingerprint(c);
                assertThat(count(c, "SELECT count(*) FROM call")).isEqualTo(CALLS);
                assertThat(count(c, "SELECT count(*) FROM pg_partitioned_table WHERE partrelid = 'call'::regclass"))
                        .as("not partitioned before").isZero();
            }

            Flyway.configure().dataSource(dbUrl, user, "postgres").locations("classpath:db/migration").load().migrate();

            try (Connection c = DriverManager.getConnection(dbUrl, user, "postgres")) {
                assertThat(count(c, "SELECT count(*) FROM pg_partitioned_table WHERE partrelid = 'call'::regclass"))
                        .as("partitioned after").isOne();
                assertThat(fingerprint(c)).as("every row with every column, as before").isEqualTo(before);
                // one partition for each of the 14 months with calls, each holding its month only
                assertThat(count(c, "SELECT count(DISTINCT tableoid) FROM call")).isEqualTo(14);
                assertThat(count(c, "SELECT count(*) FROM call WHERE tableoid::regclass::text "
                        + "<> 'call_p' || to_char(dial_time AT TIME ZONE 'UTC', 'YYYY_MM')")).isZero();
                assertThat(CallsSql.inconsistentRollups(consistency, c)).as("rollups against the partitioned fact").isEmpty();
                assertThat(count(c, "SELECT count(*) FROM lead_current_status")).isEqualTo(3_000);
                // the key sequence continues after the copied keys
                long maxKey = count(c, "SELECT max(call_key) FROM call");
                try (Statement st = c.createStatement()) {
                    assertThat(count(c, "SELECT call_partitions_ensure(timestamptz '2031-05-17 10:00Z', "
                            + "timestamptz '2031-05-17 11:00Z')")).as("a new month's partition").isOne();
                    assertThat(count(c, "SELECT call_partitions_ensure(timestamptz '2031-05-01 00:00Z', "
                            + "timestamptz '2031-05-31 23:59Z')")).as("made once").isZero();
                    st.execute("INSERT INTO call (call_id, lead_key, campaign_key, call_status, dial_time) "
                            + "VALUES ('MIG-NEW', 1, 1, 'Answered', timestamptz '2031-05-17 10:00Z')");
                }
                assertThat(count(c, "SELECT call_key FROM call WHERE call_id = 'MIG-NEW'")).isGreaterThan(maxKey);
                assertThat(count(c, "SELECT count(*) FROM call_p2031_05")).isOne();
            }
        } finally {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
    }

    /** 14 months of calls (Jan 2025 - Feb 2026) with their rollups, as an ingest leaves them. */
    private void populate(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO advertiser (advertiser_id, name, min_customer_talk_s) VALUES ('MA1', 'M1', 30), "
                    + "('MA2', 'M2', NULL)");
            st.execute("INSERT INTO campaign (campaign_id, advertiser_key) SELECT 'MC' || g, 1 + g % 2 "
                    + "FROM generate_series(1, 4) g");
            st.execute("INSERT INTO agent (agent_id) SELECT 'MAG' || g FROM generate_series(1, 12) g");
            st.execute("INSERT INTO lead (lead_id, campaign_key, advertiser_key, created_at) SELECT 'ML' || g, "
                    + "1 + g % 4, 1 + (1 + g % 4) % 2, timestamptz '2024-12-20' + g * interval '3 hours' "
                    + "FROM generate_series(1, 3000) g");
            st.execute("INSERT INTO ingest_batch (source, status) VALUES ('migration-test', 'COMPLETED')");
            st.execute("INSERT INTO call (call_id, lead_key, campaign_key, advertiser_key, agent_key, hid, call_status, "
                    + "lead_status, agent_call_duration_s, customer_call_duration_s, from_number, to_number, attempt_no, "
                    + "lead_created_at, updated_at, connected, dial_time, ingest_batch_id) "
                    + "SELECT 'MX' || g, l.lead_key, l.campaign_key, l.advertiser_key, CASE WHEN g % 9 = 0 THEN NULL "
                    + "ELSE 1 + g % 12 END, 'h' || g % 5, (ARRAY['Answered', 'No Answer', 'Busy', 'Voicemail'])[1 + g % 4], "
                    + "(ARRAY['Interested', 'Not Interested', 'Callback', NULL])[1 + g % 4], (g % 300)::float8, "
                    + "CASE WHEN g % 4 = 0 THEN (g % 200)::float8 END, '+1555' || lpad(g::text, 7, '0'), "
                    + "'+1666' || lpad((g % 3000)::text, 7, '0'), (1 + g % 3)::smallint, l.created_at, "
                    + "timestamptz '2025-01-01' + g * interval '25 minutes' + interval '1 hour', g % 4 = 0, "
                    + "timestamptz '2025-01-01' + g * interval '25 minutes', 1 "
                    + "FROM generate_series(1, " + CALLS + ") g JOIN lead l ON l.lead_key = 1 + g % 3000");
            st.executeUpdate(RollupMaintenance.conversionInsert("call"));
            String zone = businessTime.zone().getId();
            for (String sql : new String[] {RollupMaintenance.agentDayUpsert("call"), RollupMaintenance.statusDayUpsert("call")}) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, zone);
                    ps.executeUpdate();
                }
            }
            st.executeUpdate(RollupMaintenance.leadRollupUpsert("call"));
            AppState.put(c, RollupMaintenance.ROLLUP_TIME_ZONE, zone);
            st.execute("ANALYZE");
        }
    }

    /** Every call with every column, in one digest. */
    private static String fingerprint(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*) || ':' || md5(string_agg(t::text, '|' ORDER BY t.call_id)) FROM (SELECT " + ROW
                        + " FROM call) t")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
