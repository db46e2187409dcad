package io.callsight.calls;

import java.io.IOException;
import java.util.List;

import io.callsight.common.PersonalDataFinding;

/** A stream of call records (a CSV or JSON file, or the demo generator). */
public interface CallSource extends AutoCloseable {

    /** The next record, or null at the end. */
    RawCall next() throws IOException;

    /** Columns of the input that name no call field; they are ignored and reported. */
    default List<String> ignoredColumns() {
        return List.of();
    }

    /**
     * The personal data found so far in its unknown and free-text columns ({@link CallField#freeText}); the records
     * it gave carry those values masked (fields and raw text).
     */
    default List<PersonalDataFinding> personalData() {
        return List.of();
    }

    @Override
    default void close() throws IOException {
    }
}
