package io.callsight.common;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * One comparison of the consistency check: a derived table against what its source gives. Features
 * build these ({@code calls} for the rollups, {@code feeds} for the outbox); the {@code consistency}
 * package gathers them into one report.
 */
@Type("ConsistencyCheck")
@Description("One comparison of a derived table with the rows it is derived from")
public record ConsistencyCheck(
        @NonNull @Description("What was compared: the derived table's name (or rollup_time_zone)") String name,
        @Description("True when no row differs") boolean ok,
        @Description("Rows that differ (grain rows of a rollup, feed rows, multiset rows of conversion_call)") long mismatches,
        @NonNull @Description("Up to five of the differing rows, described") List<@NonNull String> examples) {

    /** At most this many examples per check. */
    public static final int EXAMPLES = 5;

    public static ConsistencyCheck of(String name, long mismatches, List<String> examples) {
        return new ConsistencyCheck(name, mismatches == 0, mismatches, List.copyOf(examples));
    }
}
