package io.callsight.fuzz;

import java.util.ArrayList;
import java.util.List;

/** A file's content as a header and rows of text (before it is written as CSV, JSON or Parquet). */
record Table(List<String> header, List<List<String>> rows) {

    /** A deep, mutable copy. */
    Table copy() {
        List<List<String>> r = new ArrayList<>();
        rows.forEach(row -> r.add(new ArrayList<>(row)));
        return new Table(new ArrayList<>(header), r);
    }

    /** The position of the first header naming {@code name}, or -1. */
    int column(String name) {
        return header.indexOf(name);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) under the same header. */
    Table slice(int from, int to) {
        return new Table(header, rows.subList(from, to));
    }
}
