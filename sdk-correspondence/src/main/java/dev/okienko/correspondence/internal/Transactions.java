package dev.okienko.correspondence.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs work in one transaction on a connection, restoring its auto-commit afterwards. */
public final class Transactions {
    private Transactions() {
    }

    /**
     * Work on the database that returns a value.
     *
     * @param <T> what it returns
     */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * @return its result
         * @throws SQLException when the database fails
         */
        T run() throws SQLException;
    }

    /**
     * Commits the work, or rolls it back when it throws.
     *
     * @param c the connection
     * @param work the work
     * @param <T> what it returns
     * @return what it returned
     * @throws SQLException when the database fails; the work is rolled back
     */
    public static <T> T run(Connection c, Work<T> work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
