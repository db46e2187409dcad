package io.callsight.common;

/**
 * A batch failed for a reason other than bad rows (nothing of it is kept); served as 500
 * {@code INGEST_FAILED} with its message.
 */
public class IngestFailedException extends RuntimeException {

    public IngestFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
