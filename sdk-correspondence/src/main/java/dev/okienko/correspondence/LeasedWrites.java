package dev.okienko.correspondence;

import dev.okienko.correspondence.internal.Rows;
import dev.okienko.correspondence.internal.WorkRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The workers' writes: each in one transaction that first checks the lease is still the writer's. */
final class LeasedWrites {
    private LeasedWrites() {
    }

    /** Writes that may fail with SQL. */
    @FunctionalInterface
    interface Work {
        void run() throws SQLException;
    }

    /**
     * Runs writes in one transaction, after checking (and locking) the lease.
     *
     * @throws WorkRows.LeaseLostException when the lease is no longer the owner's (nothing written)
     */
    static void inTransaction(Connection c, String letterId, String owner, Instant now, Work work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            WorkRows.guard(c, letterId, owner, now);
            work.run();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Sets a recipient's status and adds it to the timeline. */
    static void status(Connection c, String letterId, int pos, LetterStatus status, Instant at, @Nullable String messageId,
                       @Nullable String proof, @Nullable String detail) throws SQLException {
        WorkRows.recipient(c, letterId, pos, status.name(), at, messageId);
        Rows.event(c, letterId, new Rows.Event(at, pos, status.name(), proof, detail));
    }
}
