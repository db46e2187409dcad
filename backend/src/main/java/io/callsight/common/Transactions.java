package io.callsight.common;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/**
 * The one way this code base runs JDBC work in a transaction: commit when the work returns, roll back
 * when it throws (anything), and hand the connection back in auto-commit mode. The work may throw one
 * checked exception type of its own besides {@link SQLException} (for example {@code IOException} while
 * streaming a COPY); it is rethrown as it was.
 */
@ApplicationScoped
public class Transactions {

    /** Work on a connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run(Connection c) throws SQLException, E;
    }

    /** Work that returns nothing. */
    @FunctionalInterface
    public interface VoidWork<E extends Exception> {
        void run(Connection c) throws SQLException, E;
    }

    @Inject
    AgroalDataSource dataSource;

    /** Runs {@code work} in one transaction on a connection of its own. */
    public <T, E extends Exception> T inTransaction(Work<T, E> work) throws SQLException, E {
        try (Connection c = dataSource.getConnection()) {
            return inTransaction(c, work);
        }
    }

    /** Runs {@code work} in one transaction on a connection of its own; nothing to return. */
    public <E extends Exception> void run(VoidWork<E> work) throws SQLException, E {
        inTransaction(c -> {
            work.run(c);
            return null;
        });
    }

    /**
     * Runs {@code work} in one transaction on the caller's connection (which must be in auto-commit
     * mode), for callers that keep using the connection afterwards.
     */
    public static <T, E extends Exception> T inTransaction(Connection c, Work<T, E> work) throws SQLException, E {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (Throwable e) {
            rollbackQuietly(c, e);
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailed) {
            cause.addSuppressed(rollbackFailed);
        }
    }
}
