package io.callsight.common;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paged connection: at most a page of edges, and whether more follow. The query asks for one
 * row more than a page ({@code LIMIT size + 1}); that row is not returned, it only tells that another page exists.
 */
public record Page<E>(List<E> edges, boolean more) {

    /** Maps the current row of a result set to an edge. */
    @FunctionalInterface
    public interface Row<E> {
        E read(ResultSet rs) throws SQLException;
    }

    /** The page of a query that asked for {@code size + 1} rows. */
    public static <E> Page<E> read(ResultSet rs, int size, Row<E> row) throws SQLException {
        List<E> edges = new ArrayList<>(Math.min(size, 256));
        while (rs.next()) {
            if (edges.size() == size) {
                return new Page<>(edges, true);
            }
            edges.add(row.read(rs));
        }
        return new Page<>(edges, false);
    }

    /** The page of a list read with {@code size + 1} items at most. */
    public static <E> Page<E> of(List<E> items, int size) {
        return items.size() > size ? new Page<>(List.copyOf(items.subList(0, size)), true) : new Page<>(items, false);
    }

    /** Relay page info: whether more follow, and the cursor of the last edge (null on an empty page). */
    public PageInfo pageInfo(Function<E, String> cursor) {
        return new PageInfo(more, edges.isEmpty() ? null : cursor.apply(edges.get(edges.size() - 1)));
    }
}
