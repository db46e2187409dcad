package io.callsight.servicelevels;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.callsight.common.CsvReader;
import io.callsight.common.FileBatches;
import io.callsight.common.PersonalData;
import io.callsight.common.PersonalDataFinding;

/**
 * The rows of a metric file or call log after its header, and the ones rejected with their line, field and
 * reason: stored as the batch's rejects, counted in the "rejected_rows" check, the first ones in the answer; and the
 * personal data found in their unknown and free-text columns, stored with the batch.
 */
final class RejectedRows {

    static final int MAX_INLINE_REJECTS = 100;

    /** Takes one row; throws {@link FileBatches.RowRejected} when the row cannot be stored. */
    @FunctionalInterface
    interface RowHandler {
        void accept(CsvReader.Row row) throws SQLException;
    }

    private final char separator;
    private final List<MetricReject> rejects = new ArrayList<>();
    private final List<String> rawRows = new ArrayList<>();
    private final List<String> header;
    private final boolean[] scanned;
    private final PersonalData.Scan scan;

    /**
     * The rows after {@code header}; the fields at the {@code scanned} positions (unknown and free-text columns) and
     * any past the header are scanned for personal data and handed on, and kept, masked ({@link PersonalData});
     * phone numbers without {@code +} are read in {@code phoneRegion}.
     */
    RejectedRows(char separator, List<String> header, boolean[] scanned, String phoneRegion) {
        this.separator = separator;
        this.header = header;
        this.scanned = scanned;
        this.scan = new PersonalData.Scan(phoneRegion);
    }

    /** The positions of {@code header} to scan: its unknown columns and those of free text ({@code TEXT} columns). */
    static boolean[] scanned(List<String> header, List<String> unknown, List<String> textColumns) {
        boolean[] out = new boolean[header.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = unknown.contains(header.get(i)) || textColumns.contains(header.get(i));
        }
        return out;
    }

    /** Hands every remaining row to {@code handler}, keeping the rejected ones; returns the number of rows read. */
    int readAll(CsvReader csv, RowHandler handler) throws IOException, SQLException {
        int rowsRead = 0;
        CsvReader.Row row;
        while ((row = csv.next()) != null) {
            rowsRead++;
            CsvReader.Row kept = masked(row);
            try {
                handler.accept(kept);
            } catch (FileBatches.RowRejected e) {
                rejects.add(new MetricReject(kept.line(), e.field(), e.value(), e.getMessage()));
                rawRows.add(kept.raw(separator));
            }
        }
        return rowsRead;
    }

    /** {@code row} with the personal data of its scanned fields masked; the same row when it has none. */
    private CsvReader.Row masked(CsvReader.Row row) {
        List<String> f = row.fields();
        List<String> out = f;
        for (int i = 0; i < f.size(); i++) {
            if (i < scanned.length && !scanned[i]) {
                continue;
            }
            String v = f.get(i);
            String m = scan.scan(i < header.size() ? header.get(i) : "(field " + (i + 1) + ")", v);
            if (m != v) {
                out = out == f ? new ArrayList<>(f) : out;
                out.set(i, m);
            }
        }
        return out == f ? row : new CsvReader.Row(row.line(), out);
    }

    /** What the scan found, by column and kind. */
    List<PersonalDataFinding> personalData() {
        return scan.findings();
    }

    int size() {
        return rejects.size();
    }

    void store(Connection c, long batchId) throws SQLException {
        List<FileBatches.Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < rejects.size(); i++) {
            MetricReject r = rejects.get(i);
            rejected.add(new FileBatches.Rejected(r.line(), null, r.field(), r.value(), r.reason(), rawRows.get(i)));
        }
        FileBatches.rejects(c, batchId, rejected);
        FileBatches.personalData(c, batchId, scan.findings());
    }

    MetricCheck check() {
        return new MetricCheck("rejected_rows", rejects.size(),
                rejects.stream().limit(5).map(r -> "line " + r.line() + ": " + r.field() + " " + r.reason()).toList());
    }

    /** The first rejects, for the answer. */
    List<MetricReject> inline() {
        return rejects.stream().limit(MAX_INLINE_REJECTS).toList();
    }
}
