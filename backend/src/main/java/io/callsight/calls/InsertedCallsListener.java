package io.callsight.calls;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Java work on the calls a batch (file, landed file or events) just inserted, on the insert's own
 * transaction, after the insert statement: what SQL alone cannot decide (the compliance check needs a
 * lead's time zones from its number). Calls knows nothing of what it does; a CDI bean implementing
 * this is picked up by the ingest. The inserted calls are those with {@code call_key > callKeyAbove}:
 * keys grow in commit order and every insert holds the ingest lock.
 */
public interface InsertedCallsListener {

    void afterInsert(Connection c, long callKeyAbove) throws SQLException;
}
