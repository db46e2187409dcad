package io.callsight.calls;

/**
 * More work for the statement that inserts a batch's calls, in the same statement (and so the same
 * transaction): another feature adds a data-modifying CTE that reads the just-inserted calls. Calls
 * knows nothing of what it does; a CDI bean implementing this is picked up by the ingest.
 */
public interface InsertedCallsExtension {

    /** Name of the CTE this extension adds, unique within the insert statement. */
    String cteName();

    /** Columns of {@code call}, comma-separated, that the inserted calls' CTE must return for it. */
    String callColumns();

    /** The CTE's statement, reading the inserted calls from the CTE named {@code insertedCalls}. */
    String statementFrom(String insertedCalls);
}
