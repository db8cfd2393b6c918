package dev.okienko.correspondence.internal;

import static dev.okienko.correspondence.internal.Rows.instant;
import static dev.okienko.correspondence.internal.Rows.list;
import static dev.okienko.correspondence.internal.Rows.setNullable;
import static dev.okienko.correspondence.internal.Rows.time;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of the workers: claiming a due letter with a lease, and every write a worker makes, each guarded
 * by the lease (a worker that lost its lease writes nothing).
 */
public final class WorkRows {
    private WorkRows() {
    }

    /** A letter's content for sending. */
    public record Content(String id, String subject, ContentStore.Ref text, @Nullable String caseRef, String status) {
    }

    /** A recipient as the worker needs it. */
    public record Target(int pos, String kind, String value, String display, @Nullable String postal, @Nullable String channel,
                         @Nullable String address, @Nullable String dispatchId, @Nullable String messageId, String status) {
    }

    /** An attachment as the worker needs it. */
    public record Attachment(int pos, String name, String mediaType, ContentStore.Ref content) {
    }

    /** A dispatch: one request to a service for some of a letter's recipients. */
    public record Dispatch(String id, String channel, String sendId, String state, @Nullable Instant sendingAt,
                           @Nullable String taskId, @Nullable String documentId, @Nullable String error) {
    }

    /**
     * Claims one due letter: its next step is due and nobody holds a lease on it (or the lease ran out).
     *
     * @return the letter's id, when one was claimed
     */
    public static Optional<String> claim(Connection c, Dialect dialect, String owner, Instant dueBy, Instant now, Instant until)
            throws SQLException {
        return claim(c, dialect, "okienko_letter", "next_step_at", "", "attempts", owner, dueBy, now, until);
    }

    /**
     * Claims one due row of a table with a lease: due by its due column, matching a fixed condition, and held by
     * nobody (or by a lease that ran out); its counter goes up by one.
     *
     * @param table the table (a constant of okienko's)
     * @param due its due column
     * @param condition more SQL the row must match, starting with AND, or empty (a constant)
     * @param counter its attempts column
     * @return the row's id, when one was claimed
     */
    static Optional<String> claim(Connection c, Dialect dialect, String table, String due, String condition, String counter,
                                  String owner, Instant dueBy, Instant now, Instant until) throws SQLException {
        return Transactions.run(c, () -> {
            List<String> candidates = new ArrayList<>();
            String free = " WHERE " + due + " <= ? " + condition + " AND (lease_until IS NULL OR lease_until < ?)";
            // PostgreSQL: rows another worker is claiming right now are skipped, not waited for
            try (PreparedStatement st = c.prepareStatement("SELECT id FROM " + table + free + " ORDER BY " + due + ", id LIMIT "
                    + (dialect == Dialect.POSTGRESQL ? "1 FOR UPDATE SKIP LOCKED" : "8"))) {
                st.setObject(1, time(dueBy));
                st.setObject(2, time(now));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(rs.getString(1));
                    }
                }
            }
            for (String id : candidates) {
                try (PreparedStatement st = c.prepareStatement("UPDATE " + table + " SET lease_owner = ?, lease_until = ?, " + counter
                        + " = " + counter + " + 1" + free + " AND id = ?")) {
                    st.setString(1, owner);
                    st.setObject(2, time(until));
                    st.setObject(3, time(dueBy));
                    st.setObject(4, time(now));
                    st.setString(5, id);
                    if (st.executeUpdate() == 1) {
                        return Optional.of(id);
                    }
                }
            }
            return Optional.<String>empty();
        });
    }

    /**
     * Checks, inside the caller's transaction, that the lease is still the caller's, and locks the letter's row.
     *
     * @throws LeaseLostException when it is not
     */
    public static void guard(Connection c, String letterId, String owner, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT lease_owner, lease_until FROM okienko_letter WHERE id = ? FOR UPDATE")) {
            st.setString(1, letterId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next() || !owner.equals(rs.getString(1)) || instant(rs, 2).isBefore(now)) {
                    throw new LeaseLostException(letterId);
                }
            }
        }
    }

    /** Extends the caller's lease; false when it is no longer the caller's. */
    public static boolean renew(Connection c, String letterId, String owner, Instant until) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE okienko_letter SET lease_until = ? WHERE id = ? AND lease_owner = ?")) {
            st.setObject(1, time(until));
            st.setString(2, letterId);
            st.setString(3, owner);
            return st.executeUpdate() == 1;
        }
    }

    /** Ends the caller's lease and sets when the letter is next due (null: never), its status and attention. */
    public static boolean release(Connection c, String letterId, String owner, @Nullable Instant next, String status,
                                  @Nullable String attention, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE okienko_letter SET lease_owner = NULL, lease_until = NULL, "
                + "next_step_at = ?, status = ?, attention = ?, updated_at = ? WHERE id = ? AND lease_owner = ?")) {
            setNullable(st, 1, next);
            st.setString(2, status);
            setNullable(st, 3, attention);
            st.setObject(4, time(now));
            st.setString(5, letterId);
            st.setString(6, owner);
            return st.executeUpdate() == 1;
        }
    }

    /** @return the letter's content */
    public static Content content(Connection c, String letterId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT id, subject, text_hash, text_size, case_ref, status FROM okienko_letter "
                + "WHERE id = ?")) {
            st.setString(1, letterId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no letter " + letterId);
                }
                return new Content(rs.getString(1), rs.getString(2), new ContentStore.Ref(rs.getString(3), rs.getLong(4)),
                        rs.getString(5), rs.getString(6));
            }
        }
    }

    /** @return the letter's recipients in order */
    public static List<Target> targets(Connection c, String letterId) throws SQLException {
        return list(c, "SELECT pos, kind, id_value, display_name, postal_address, channel, address, dispatch_id, message_id, status "
                + "FROM okienko_recipient WHERE letter_id = ? ORDER BY pos", letterId, rs -> new Target(rs.getInt(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10)));
    }

    /** @return the letter's attachments in order */
    public static List<Attachment> attachments(Connection c, String letterId) throws SQLException {
        return list(c, "SELECT pos, file_name, media_type, content_hash, content_size FROM okienko_attachment WHERE letter_id = ? "
                + "ORDER BY pos", letterId, rs -> new Attachment(rs.getInt(1), rs.getString(2), rs.getString(3),
                new ContentStore.Ref(rs.getString(4), rs.getLong(5))));
    }

    /** @return the letter's dispatches, in the order they were planned */
    public static List<Dispatch> dispatches(Connection c, String letterId) throws SQLException {
        return list(c, "SELECT id, channel, send_id, state, sending_at, task_id, document_id, error FROM okienko_dispatch "
                + "WHERE letter_id = ? ORDER BY send_id", letterId, rs -> {
                    java.time.OffsetDateTime sending = rs.getObject(5, java.time.OffsetDateTime.class);
                    return new Dispatch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            sending == null ? null : sending.toInstant(), rs.getString(6), rs.getString(7), rs.getString(8));
                });
    }

    /** Records a recipient's route. */
    public static void route(Connection c, String letterId, int pos, String channel, @Nullable String address, String reason,
                             String basis, String status, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE okienko_recipient SET channel = ?, address = ?, route_reason = ?, "
                + "route_basis = ?, routed_at = ?, status = ?, status_at = ? WHERE letter_id = ? AND pos = ?")) {
            st.setString(1, channel);
            setNullable(st, 2, address);
            st.setString(3, cut(reason, 2000));
            st.setString(4, cut(basis, 20000));
            st.setObject(5, time(now));
            st.setString(6, status);
            st.setObject(7, time(now));
            st.setString(8, letterId);
            st.setInt(9, pos);
            st.executeUpdate();
        }
    }

    /** Plans a dispatch for some recipients. */
    public static void plan(Connection c, String letterId, Dispatch d, List<Integer> recipients, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO okienko_dispatch (id, letter_id, channel, send_id, state, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            st.setString(1, d.id());
            st.setString(2, letterId);
            st.setString(3, d.channel());
            st.setString(4, d.sendId());
            st.setString(5, d.state());
            st.setObject(6, time(now));
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("UPDATE okienko_recipient SET dispatch_id = ? WHERE letter_id = ? AND pos = ?")) {
            for (int pos : recipients) {
                st.setString(1, d.id());
                st.setString(2, letterId);
                st.setInt(3, pos);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** Moves a dispatch to a state, with what is known. */
    public static void dispatch(Connection c, String dispatchId, String state, @Nullable Instant sendingAt, @Nullable String taskId,
                                @Nullable String documentId, @Nullable String error, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE okienko_dispatch SET state = ?, sending_at = COALESCE(?, sending_at), "
                + "task_id = COALESCE(?, task_id), document_id = COALESCE(?, document_id), error = ?, updated_at = ? WHERE id = ?")) {
            st.setString(1, state);
            setNullable(st, 2, sendingAt);
            setNullable(st, 3, taskId);
            setNullable(st, 4, documentId);
            setNullable(st, 5, error == null ? null : cut(error, 4000));
            st.setObject(6, time(now));
            st.setString(7, dispatchId);
            st.executeUpdate();
        }
    }

    /** Sets a recipient's status, and its message id when given. */
    public static void recipient(Connection c, String letterId, int pos, String status, Instant at, @Nullable String messageId)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE okienko_recipient SET status = ?, status_at = ?, "
                + "message_id = COALESCE(?, message_id) WHERE letter_id = ? AND pos = ?")) {
            st.setString(1, status);
            st.setObject(2, time(at));
            setNullable(st, 3, messageId);
            st.setString(4, letterId);
            st.setInt(5, pos);
            st.executeUpdate();
        }
    }

    /** @return whether a receipt is stored already */
    public static boolean hasReceipt(Connection c, String dispatchId, String kind, String sourceId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM okienko_receipt WHERE dispatch_id = ? AND kind = ? AND source_id = ?")) {
            st.setString(1, dispatchId);
            st.setString(2, kind);
            st.setString(3, sourceId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A receipt to store. */
    public record NewReceipt(String id, String letterId, String dispatchId, @Nullable Integer recipient, String kind, String sourceId,
                             @Nullable Instant eventAt, ContentStore.Ref content, String verdict, @Nullable String verdictDetail,
                             String fields) {
    }

    /** Stores a receipt. */
    public static void receipt(Connection c, NewReceipt r, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO okienko_receipt (id, letter_id, dispatch_id, recipient_pos, kind, "
                + "source_id, event_at, content_hash, content_size, verdict, verdict_detail, fields, stored_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, r.id());
            st.setString(2, r.letterId());
            st.setString(3, r.dispatchId());
            setNullable(st, 4, r.recipient());
            st.setString(5, r.kind());
            st.setString(6, r.sourceId());
            setNullable(st, 7, r.eventAt());
            st.setString(8, r.content().sha256());
            st.setLong(9, r.content().size());
            st.setString(10, r.verdict());
            setNullable(st, 11, r.verdictDetail() == null ? null : cut(r.verdictDetail(), 4000));
            st.setString(12, cut(r.fields(), 20000));
            st.setObject(13, time(now));
            st.executeUpdate();
        }
    }

    /**
     * Settles a recipient whose outcome is unknown: delivered, or back to be sent again (its dispatch PLANNED and
     * the letter due now).
     *
     * @throws IllegalStateException when the recipient's outcome is not unknown or a worker holds the letter
     */
    public static void settle(Connection c, String letterId, int pos, boolean arrived, String note, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT lease_until FROM okienko_letter WHERE id = ? FOR UPDATE")) {
            st.setString(1, letterId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no letter " + letterId);
                }
                java.time.OffsetDateTime lease = rs.getObject(1, java.time.OffsetDateTime.class);
                if (lease != null && lease.toInstant().isAfter(now)) {
                    throw new IllegalStateException("a worker holds letter " + letterId + " until " + lease + "; settle it after");
                }
            }
        }
        Target target = targets(c, letterId).stream().filter(t -> t.pos() == pos).findFirst()
                .orElseThrow(() -> new IllegalStateException("letter " + letterId + " has no recipient " + pos));
        if (!"OUTCOME_UNKNOWN".equals(target.status()) || target.dispatchId() == null) {
            throw new IllegalStateException("recipient " + pos + " of letter " + letterId + " is " + target.status()
                    + ", not OUTCOME_UNKNOWN: only an unknown outcome is settled by a person");
        }
        String status = arrived ? "DELIVERED" : "ROUTED";
        dispatch(c, target.dispatchId(), arrived ? "DONE" : "PLANNED", null, null, null,
                "settled by a person: " + (arrived ? "it arrived" : "it did not arrive") + " (" + note + ")", now);
        recipient(c, letterId, pos, status, now, null);
        Rows.event(c, letterId, new Rows.Event(now, pos, status, null, "settled by a person: " + note));
        try (PreparedStatement st = c.prepareStatement("UPDATE okienko_letter SET next_step_at = ?, attention = NULL, updated_at = ? "
                + "WHERE id = ?")) {
            st.setObject(1, time(now));
            st.setObject(2, time(now));
            st.setString(3, letterId);
            st.executeUpdate();
        }
    }

    /** @return the text cut to a column's width */
    public static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }


    /** The worker's lease on a letter ran out and another worker may have it now. */
    public static final class LeaseLostException extends SQLException {
        private static final long serialVersionUID = 1L;

        LeaseLostException(String letterId) {
            super("the lease on letter " + letterId + " was lost; another worker finishes it");
        }
    }
}
