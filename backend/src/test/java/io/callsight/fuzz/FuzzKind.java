package io.callsight.fuzz;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One input kind under fuzz: where its real rows come from, how its files are written and sent (over HTTP, or to
 * the service method the endpoint calls), its count invariant and how to read back what it stored.
 */
interface FuzzKind {

    String name();

    /** A few dozen real rows (a window of a real file, or of a fixture for kinds the repository has no file of). */
    Table seed(Random rnd);

    /** The columns whose values identify a row; they get a per-file tag so that files do not meet in the database. */
    List<String> keyColumns();

    /** The format {@code seed} is written in before any operator. */
    Format format(Random rnd, Table seed);

    /** A whole real file to damage by bytes only, for a share of the files; null for a generated one. */
    default byte[] wholeFile(Random rnd) {
        return null;
    }

    /** The line the first object of a JSON array is reported on. */
    default int firstJsonLine() {
        return 2;
    }

    /** Prefixes the key columns' values (when not blank) with {@code tag}. */
    default void tag(Table t, String tag) {
        for (String key : keyColumns()) {
            int c = t.column(key);
            if (c >= 0) {
                t.rows().forEach(r -> {
                    if (!r.get(c).isBlank() && !r.get(c).startsWith("---")) {
                        r.set(c, tag + r.get(c).strip());
                    }
                });
            }
        }
    }

    /** The endpoint's path and query for this file (the query without '?'). */
    String path();

    String query(Mutant m);

    /** Sends the file to the service method the endpoint calls; returns its result. */
    Object ingest(Mutant m) throws Exception;

    /**
     * Reads the file as the service does before the database is involved (its parser, or the shared reader it
     * uses): the rows read, or the exception the service would answer.
     */
    int read(Mutant m, Connection c) throws Exception;

    /** Null when the answer's counts add up, else what does not. */
    String countProblem(JsonNode r);

    /**
     * What the database holds for this file against the rows the file holds by construction, less those the answer
     * rejected: the problems found (empty when it matches), or null when it could not be checked (more rejects than
     * the answer lists).
     */
    List<String> storedProblems(Mutant m, JsonNode r, Connection c) throws SQLException;

    /** SQL that removes what the run stored where other tests look (run after the kind), or null. */
    default String cleanup() {
        return null;
    }
}
