package io.callsight.servicelevels;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.callsight.common.CsvReader;
import io.callsight.common.FileBatches;

/**
 * The rows of a metric file or call log after its header, and the ones rejected with their line, field and
 * reason: stored as the batch's rejects, counted in the "rejected_rows" check, the first ones in the answer.
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

    RejectedRows(char separator) {
        this.separator = separator;
    }

    /** Hands every remaining row to {@code handler}, keeping the rejected ones; returns the number of rows read. */
    int readAll(CsvReader csv, RowHandler handler) throws IOException, SQLException {
        int rowsRead = 0;
        CsvReader.Row row;
        while ((row = csv.next()) != null) {
            rowsRead++;
            try {
                handler.accept(row);
            } catch (FileBatches.RowRejected e) {
                rejects.add(new MetricReject(row.line(), e.field(), e.value(), e.getMessage()));
                rawRows.add(row.raw(separator));
            }
        }
        return rowsRead;
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
