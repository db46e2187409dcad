package io.callsight.calls;

import java.io.IOException;
import java.util.List;

/** A stream of call records (a CSV or JSON file, or the demo generator). */
public interface CallSource extends AutoCloseable {

    /** The next record, or null at the end. */
    RawCall next() throws IOException;

    /** Columns of the input that name no call field; they are ignored and reported. */
    default List<String> ignoredColumns() {
        return List.of();
    }

    @Override
    default void close() throws IOException {
    }
}
