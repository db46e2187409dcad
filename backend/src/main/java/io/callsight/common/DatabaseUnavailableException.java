package io.callsight.common;

import java.net.ConnectException;
import java.sql.SQLException;

import io.smallrye.graphql.api.ErrorCode;

/**
 * The database cannot be reached (stopped, restarting, refusing connections, the pool timing out on it):
 * REST answers 503 {@code DATABASE_UNAVAILABLE} with a Retry-After, GraphQL an error with that code (and
 * HTTP 503), health readiness is DOWN; nothing needs a restart, the service reconnects by itself.
 */
@ErrorCode("DATABASE_UNAVAILABLE")
public class DatabaseUnavailableException extends RuntimeException {

    /** The message every answer carries. */
    public static final String MESSAGE = "The database is unavailable; nothing was changed by this request. "
            + "Try again shortly: the service reconnects by itself";

    public DatabaseUnavailableException(Throwable cause) {
        super(MESSAGE, cause);
    }

    /**
     * True when {@code t} or one of its causes says the database could not be reached: a connection
     * error (SQLState class 08), a shutdown or crash of the server (57P01, 57P02, 57P03), a refused
     * connect, or the connection pool timing out on a database that does not answer.
     */
    public static boolean causedBy(Throwable t) {
        for (int depth = 0; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof DatabaseUnavailableException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException e) {
                String state = e.getSQLState();
                if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03"))) {
                    return true;
                }
                String message = e.getMessage();
                if (message != null && message.contains("Acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }
}
