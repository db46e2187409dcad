package io.callsight.calls;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The file-ingest steps for calls that arrive one by one as events (package {@code events}), not a
 * fork of them: the same validation and status normalisation turn each event into the same staging
 * line a file row gives ({@link #validate}); accepted lines wait in the {@code call_event} journal and
 * {@link #applyPending} moves them into the fact through the same staging table, dimension upserts and
 * insert statement (rollups, conversions, feed outbox), under the same ingest lock.
 */
@ApplicationScoped
public class CallEvents {

    /** One validated event: its staging line (without line number) or the reject of its first bad field. */
    public record Checked(int index, String callId, String staged, String field, String value, String reason) {

        public boolean ok() {
            return staged != null;
        }
    }

    /** What one apply moved: calls inserted, events that were already stored, the batches they came in. */
    public record Applied(int events, int inserted, List<Long> batchIds) {
    }

    @Inject
    CallInsert callInsert;

    /**
     * Validates {@code records} as file rows are validated, statuses normalised with {@code statuses}
     * (the stored synonyms: {@link StatusNormalizer#load}).
     */
    public List<Checked> validate(StatusNormalizer statuses, ZoneId zone, List<RawCall> records) {
        CallValidator validator = new CallValidator(zone, statuses);
        List<Checked> out = new ArrayList<>(records.size());
        StringBuilder line = new StringBuilder(512);
        for (RawCall rec : records) {
            line.setLength(0);
            CallValidator.Result r = validator.stage(rec, line);
            if (r.ok()) {
                // "<line>,t,<fields...>\n": keep the fields, the apply numbers the lines again
                int fields = line.indexOf(",t,") + 3;
                out.add(new Checked(rec.line(), rec.get(CallField.CALL_ID).strip(),
                        line.substring(fields, line.length() - 1), null, null, null));
            } else {
                String id = rec.get(CallField.CALL_ID);
                out.add(new Checked(rec.line(), id == null || id.isBlank() ? null : id.strip(), null, r.field(),
                        r.value(), r.reason()));
            }
        }
        return out;
    }

    /**
     * Moves up to {@code max} journal events into the call fact, on the caller's transaction, when the
     * ingest lock is free right now; returns null when a file batch (or another instance) holds it.
     * Each event's call is inserted under the batch it was received in; events whose call is stored
     * already (a file brought it meanwhile) are counted as that batch's duplicates. The applied events
     * leave the journal in the same transaction.
     */
    public Applied applyPending(Connection c, int max) throws SQLException, IOException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT pg_try_advisory_xact_lock(" + CallStaging.INGEST_LOCK + ")")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return null;
            }
        }
        List<String> lines = new ArrayList<>();
        List<Long> lineBatch = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM call_event WHERE call_id IN (SELECT call_id "
                + "FROM call_event ORDER BY batch_id, received_at LIMIT ?) RETURNING batch_id, staged")) {
            ps.setInt(1, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lineBatch.add(rs.getLong(1));
                    lines.add(rs.getString(2));
                }
            }
        }
        if (lines.isEmpty()) {
            return new Applied(0, 0, List.of());
        }
        // One staging round for every received batch in the pass: each line carries its batch id
        try (Statement st = c.createStatement()) {
            st.execute(CallStaging.CREATE_STAGE_TABLE);
        }
        try (PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class),
                "COPY stage_call (" + CallValidator.STAGE_COLUMNS + ", batch_id) FROM STDIN (FORMAT csv)", 1 << 16);
                Writer w = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16)) {
            for (int i = 0; i < lines.size(); i++) {
                w.append(Integer.toString(i + 1)).append(",t,").append(lines.get(i)).append(',')
                        .append(Long.toString(lineBatch.get(i))).append('\n');
            }
        }
        // Stored meanwhile (a file brought the call after the event was answered): that batch's duplicates
        Map<Long, Integer> stored = new TreeMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT s.batch_id, count(*) FROM "
                + "stage_call s WHERE EXISTS (SELECT 1 FROM call old WHERE old.call_id = s.call_id) GROUP BY 1")) {
            while (rs.next()) {
                stored.put(rs.getLong(1), rs.getInt(2));
            }
        }
        DimensionMembers members = new DimensionMembers();
        members.overflow = true; // gathered by scanning the (small) staging table
        long lastLeadKeyBefore = DimensionUpserts.resolve(c, members);
        int inserted = callInsert.insert(c, lineBatch.get(0), lastLeadKeyBefore);
        for (Map.Entry<Long, Integer> e : stored.entrySet()) {
            BatchRecord.eventsStoredMeanwhile(c, e.getKey(), e.getValue());
        }
        return new Applied(lines.size(), inserted, lineBatch.stream().distinct().sorted().toList());
    }
}
