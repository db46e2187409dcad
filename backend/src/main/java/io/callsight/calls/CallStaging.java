package io.callsight.calls;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.Set;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The first two steps of a call batch, on the caller's transaction: <b>stage</b> (validate every
 * record into a COPY of the temporary table {@code stage_call}, memory flat whatever the batch size)
 * and <b>de-duplicate</b> (a call_id repeated within the batch: the first line wins).
 */
public final class CallStaging {

    /** Advisory lock key that serialises batches (and rollup rebuilds): rollup upserts never deadlock. */
    static final long INGEST_LOCK = 0x43414C4C53L; // "CALLS"

    /** Waits for the ingest lock until the transaction ends: work that must not interleave with a batch's insert. */
    public static void lockIngest(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + INGEST_LOCK + ")");
        }
    }

    static final String CREATE_STAGE_TABLE = "CREATE TEMP TABLE stage_call (line integer NOT NULL, "
            + "ok boolean NOT NULL, call_id text, "
            + "lead_id text, campaign_id text, campaign_name text, advertiser_id text, advertiser_name text, "
            + "agent_id text, agent_name text, agent_team text, hid text, call_status text, lead_status text, "
            + "agent_s double precision, cust_s double precision, from_number text, to_number text, "
            + "attempt_no integer, lead_created_at timestamptz, updated_at timestamptz, connected boolean, "
            + "dial_time timestamptz, reject_field text, reject_value text, reject_reason text, raw_row text, "
            + "batch_id bigint, lead_zip text) ON COMMIT DROP";

    /**
     * What staging learnt: rows read and accepted, the dimension members the accepted rows name, and
     * the call ids that may repeat (null: too many to tell, any may).
     */
    record Staged(int rowsRead, int okRows, DimensionMembers members, Set<String> repeatCandidates) {
    }

    private CallStaging() {
    }

    /** Takes the batch lock, creates the staging table and streams {@code source} into it. */
    static Staged stage(Connection c, ZoneId zone, CallSource source, CrashDrill drill, long batchId)
            throws SQLException, IOException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + INGEST_LOCK + ")");
            st.execute("SET LOCAL work_mem = '128MB'");
            st.execute(CREATE_STAGE_TABLE);
        }
        DimensionMembers members = new DimensionMembers();
        CallValidator validator = new CallValidator(zone, StatusNormalizer.load(c), members);
        drill.reached("COPY_START", batchId);
        return copy(c, "stage_call", validator, source, members, drill, batchId);
    }

    /** The durable landing table of a batch completed after its answer. */
    static String landingTable(long batchId) {
        return "call_landing_" + batchId;
    }

    /**
     * Streams {@code source} into a new, durable landing table of the batch ({@link #landingTable}), without
     * the ingest lock: batches land side by side, and only their completion is serialised.
     */
    static Staged land(Connection c, ZoneId zone, CallSource source, CrashDrill drill, long batchId)
            throws SQLException, IOException {
        String table = landingTable(batchId);
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL work_mem = '128MB'");
            st.execute(CREATE_STAGE_TABLE.replace("CREATE TEMP TABLE stage_call", "CREATE TABLE " + table)
                    .replace(" ON COMMIT DROP", ""));
        }
        DimensionMembers members = new DimensionMembers();
        CallValidator validator = new CallValidator(zone, StatusNormalizer.load(c), members);
        drill.reached("COPY_START", batchId);
        return copy(c, table, validator, source, members, drill, batchId);
    }

    /**
     * Stages the landing table of {@code batchId} for its completion (the caller's transaction, which takes
     * the ingest lock): its accepted rows into the temporary {@code stage_call} the steps read; returns how many.
     */
    static int stageLanded(Connection c, long batchId) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + INGEST_LOCK + ")");
            st.execute("SET LOCAL work_mem = '128MB'");
            st.execute(CREATE_STAGE_TABLE);
            return st.executeUpdate("INSERT INTO stage_call SELECT * FROM " + landingTable(batchId) + " WHERE ok");
        }
    }

    private static Staged copy(Connection c, String table, CallValidator validator, CallSource source,
            DimensionMembers members, CrashDrill drill, long batchId) throws SQLException, IOException {
        int pauseRow = drill.copyRow();
        int rowsRead = 0;
        int okRows = 0;
        StringBuilder line = new StringBuilder(512);
        CallIdFilter callIds = new CallIdFilter();
        try (PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class),
                "COPY " + table + " (" + CallValidator.STAGE_COLUMNS + ") FROM STDIN (FORMAT csv)", 1 << 16);
                Writer w = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16)) {
            RawCall rec;
            while ((rec = source.next()) != null) {
                rowsRead++;
                line.setLength(0);
                if (validator.stage(rec, line).ok()) {
                    okRows++;
                    callIds.add(rec.get(CallField.CALL_ID).strip()); // as staged
                }
                w.append(line);
                if (rowsRead == pauseRow) {
                    w.flush();
                    copy.flush(); // the rows so far reach the server's COPY
                    drill.reached("COPY_ROW", batchId);
                }
            }
        }
        return new Staged(rowsRead, okRows, members, callIds.candidates());
    }

    /**
     * Rejects the later lines of a call_id repeated in the batch (the first line wins); returns how
     * many. Only the ids the filter saw more than once can repeat (all ids when it kept too many); a
     * batch without any skips this group-by of every id.
     */
    static int rejectRepeatedCallIds(Connection c, Set<String> repeatCandidates) throws SQLException {
        return rejectRepeatedCallIds(c, "stage_call", repeatCandidates);
    }

    /** {@link #rejectRepeatedCallIds(Connection, Set)} in staging table {@code table}. */
    static int rejectRepeatedCallIds(Connection c, String table, Set<String> repeatCandidates) throws SQLException {
        if (repeatCandidates != null && repeatCandidates.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " s SET ok = false, "
                + "reject_field = 'call_id', reject_value = s.call_id, "
                + "reject_reason = 'duplicate call_id in this file: first seen on line ' || f.first_line, "
                + "raw_row = concat_ws(',', s.call_id, s.lead_id, s.campaign_id, s.agent_id, s.call_status, "
                + "s.lead_status, s.agent_s, s.cust_s, s.attempt_no, s.dial_time) "
                + "FROM (SELECT call_id, min(line) AS first_line FROM " + table + " WHERE ok"
                + (repeatCandidates == null ? "" : " AND call_id IN (SELECT unnest(?::text[]))")
                + " GROUP BY call_id HAVING count(*) > 1) f WHERE s.ok AND s.call_id = f.call_id "
                + "AND s.line > f.first_line")) {
            if (repeatCandidates != null) {
                ps.setArray(1, c.createArrayOf("text", repeatCandidates.toArray()));
            }
            return ps.executeUpdate();
        }
    }
}
