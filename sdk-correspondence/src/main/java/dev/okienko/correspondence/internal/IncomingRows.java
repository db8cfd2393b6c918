package dev.okienko.correspondence.internal;

import static dev.okienko.correspondence.internal.Rows.instant;
import static dev.okienko.correspondence.internal.Rows.setNullable;
import static dev.okienko.correspondence.internal.Rows.time;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The SQL of incoming items: storing each once, confirming, handing over with a lease, and the box leases. */
public final class IncomingRows {
    private static final String UNIQUE_VIOLATION = "23505";

    private IncomingRows() {
    }

    /** An item to store. */
    public record NewItem(String id, String channel, String box, String sourceKey, String sender, @Nullable String senderName,
                          @Nullable String replyTo, @Nullable String fileName, @Nullable String mediaType, @Nullable Instant sentAt,
                          Instant receivedAt, ContentStore.Ref content, @Nullable String confirmToken, String signatureVerdict,
                          String signatures, @Nullable String flags, String handling, @Nullable Instant confirmedAt) {
    }

    /** An item as stored. */
    public record Item(String id, String channel, String box, String sourceKey, String sender, @Nullable String senderName,
                       @Nullable String replyTo, @Nullable String fileName, @Nullable String mediaType, @Nullable Instant sentAt,
                       Instant receivedAt, ContentStore.Ref content, @Nullable Instant confirmedAt, String signatureVerdict,
                       @Nullable String signatures, @Nullable String flags, String handling, int attempts,
                       @Nullable String handlerError, @Nullable Instant handledAt, @Nullable String contentsRemoved,
                       @Nullable String caseReference) {
    }

    private static final String COLUMNS = "SELECT id, channel, box, source_key, sender, sender_name, reply_to, file_name, media_type, "
            + "sent_at, received_at, content_hash, content_size, confirmed_at, signature_verdict, signatures, flags, handling, "
            + "handler_attempts, handler_error, handled_at, contents_removed, case_ref FROM okienko_incoming ";

    /**
     * Stores an item unless the same item (channel, box, source key) is stored already.
     *
     * @return the stored item's id: the new one, or the one stored before
     */
    public static String insert(Connection c, Dialect dialect, NewItem i, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO okienko_incoming (id, channel, box, source_key, sender, sender_name, "
                + "reply_to, file_name, media_type, sent_at, received_at, content_hash, content_size, confirm_token, signature_verdict, "
                + "signatures, flags, handling, handler_attempts, handler_next_at, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?, ?, 0, ?, ?)" + (dialect == Dialect.POSTGRESQL ? " ON CONFLICT (channel, box, source_key) DO NOTHING" : ""))) {
            st.setString(1, i.id());
            st.setString(2, i.channel());
            st.setString(3, i.box());
            st.setString(4, i.sourceKey());
            st.setString(5, i.sender());
            setNullable(st, 6, i.senderName());
            setNullable(st, 7, i.replyTo());
            setNullable(st, 8, i.fileName());
            setNullable(st, 9, i.mediaType());
            setNullable(st, 10, i.sentAt());
            st.setObject(11, time(i.receivedAt()));
            st.setString(12, i.content().sha256());
            st.setLong(13, i.content().size());
            setNullable(st, 14, i.confirmToken());
            st.setString(15, i.signatureVerdict());
            st.setString(16, WorkRows.cut(i.signatures(), 20000));
            setNullable(st, 17, i.flags() == null ? null : WorkRows.cut(i.flags(), 4000));
            st.setString(18, i.handling());
            setNullable(st, 19, i.handling().equals("PENDING") ? now : null);
            setNullable(st, 20, i.confirmedAt());
            try {
                if (st.executeUpdate() == 1) {
                    event(c, i.id(), now, "RECEIVED", "stored, " + i.content().size() + " bytes, SHA-256 " + i.content().sha256());
                    return i.id();
                }
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        return existing(c, i.channel(), i.box(), i.sourceKey()).orElseThrow(() -> new SQLException("item "
                + i.sourceKey() + " was neither stored nor found"));
    }

    /** @return the id of an item stored before, by its identity */
    public static Optional<String> existing(Connection c, String channel, String box, String sourceKey) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM okienko_incoming WHERE channel = ? AND box = ? AND source_key = ?")) {
            st.setString(1, channel);
            st.setString(2, box);
            st.setString(3, sourceKey);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Marks an item confirmed at its source (once; later confirmations of a redelivery leave the first time). */
    public static void confirmed(Connection c, String id, Instant now, String detail) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE okienko_incoming SET confirmed_at = ? WHERE id = ? AND confirmed_at IS NULL")) {
            st.setObject(1, time(now));
            st.setString(2, id);
            st.executeUpdate();
        }
        event(c, id, now, "CONFIRMED", detail);
    }

    /** An incoming item's attachment: what was declared, and what arrived (null content when it did not arrive whole). */
    public record Part(int pos, String fileName, @Nullable String mediaType, @Nullable Long declaredSize, @Nullable String declaredHash,
                       ContentStore.@Nullable Ref content, String signatureVerdict, @Nullable String signatures) {
    }

    /** Stores an item's attachments. */
    public static void parts(Connection c, String id, List<Part> parts) throws SQLException {
        if (parts.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO okienko_incoming_part (incoming_id, pos, file_name, media_type, "
                + "declared_size, declared_hash, content_hash, content_size, signature_verdict, signatures) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Part p : parts) {
                st.setString(1, id);
                st.setInt(2, p.pos());
                st.setString(3, WorkRows.cut(p.fileName(), 1000));
                setNullable(st, 4, p.mediaType());
                if (p.declaredSize() == null) {
                    st.setNull(5, java.sql.Types.BIGINT);
                } else {
                    st.setLong(5, p.declaredSize());
                }
                setNullable(st, 6, p.declaredHash());
                ContentStore.Ref ref = p.content();
                setNullable(st, 7, ref == null ? null : ref.sha256());
                if (ref == null) {
                    st.setNull(8, java.sql.Types.BIGINT);
                } else {
                    st.setLong(8, ref.size());
                }
                st.setString(9, p.signatureVerdict());
                setNullable(st, 10, p.signatures() == null ? null : WorkRows.cut(p.signatures(), 8000));
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** @return an item's attachments in order */
    public static List<Part> parts(Connection c, String id) throws SQLException {
        return Rows.list(c, "SELECT pos, file_name, media_type, declared_size, declared_hash, content_hash, content_size, "
                + "signature_verdict, signatures FROM okienko_incoming_part WHERE incoming_id = ? ORDER BY pos", id, rs -> {
                    long declared = rs.getLong(4);
                    Long declaredSize = rs.wasNull() ? null : declared;
                    String hash = rs.getString(6);
                    long size = rs.getLong(7);
                    return new Part(rs.getInt(1), rs.getString(2), rs.getString(3), declaredSize, rs.getString(5),
                            hash == null ? null : new ContentStore.Ref(hash, size), rs.getString(8), rs.getString(9));
                });
    }

    /**
     * Fills in an item that was stored unopened, once it is opened: its text, verdict and flags, and hands it to
     * the handler.
     *
     * @return whether it was still unopened (false: another caller opened it first; nothing written)
     */
    public static boolean opened(Connection c, String id, ContentStore.Ref content, String signatureVerdict, String signatures,
                                 @Nullable String flags, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE okienko_incoming SET content_hash = ?, content_size = ?, "
                + "signature_verdict = ?, signatures = ?, flags = ?, confirmed_at = ?, handling = 'PENDING', handler_next_at = ? "
                + "WHERE id = ? AND handling = 'UNOPENED'")) {
            st.setString(1, content.sha256());
            st.setLong(2, content.size());
            st.setString(3, signatureVerdict);
            st.setString(4, WorkRows.cut(signatures, 20000));
            setNullable(st, 5, flags == null ? null : WorkRows.cut(flags, 4000));
            st.setObject(6, time(now));
            st.setObject(7, time(now));
            st.setString(8, id);
            return st.executeUpdate() == 1;
        }
    }

    /**
     * @return the ids of items whose contents are kept and that the handler took over before then (or, with a
     *     sender, every handled item of that sender)
     */
    public static List<String> removable(Connection c, @Nullable Instant handledBefore, @Nullable String sender) throws SQLException {
        String sql = "SELECT id FROM okienko_incoming WHERE contents_removed IS NULL AND handling = 'HANDLED' "
                + (handledBefore != null ? "AND handled_at < ?" : "AND sender = ?") + " ORDER BY handled_at, id";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            if (handledBefore != null) {
                st.setObject(1, time(handledBefore));
            } else {
                st.setString(1, java.util.Objects.requireNonNull(sender, "sender"));
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /**
     * Marks an item's contents removed, with when and why.
     *
     * @return the hashes of its contents (text and attachments), to delete where nothing else needs them
     */
    public static List<String> markRemoved(Connection c, String id, String why, Instant now) throws SQLException {
        List<String> hashes = new ArrayList<>(Rows.list(c, "SELECT content_hash FROM okienko_incoming WHERE id = ? "
                + "AND contents_removed IS NULL", id, rs -> rs.getString(1)));
        if (hashes.isEmpty()) {
            return hashes;
        }
        hashes.addAll(Rows.list(c, "SELECT content_hash FROM okienko_incoming_part WHERE incoming_id = ? AND content_hash IS NOT NULL",
                id, rs -> rs.getString(1)));
        try (PreparedStatement st = c.prepareStatement("UPDATE okienko_incoming SET contents_removed = ? WHERE id = ?")) {
            st.setString(1, WorkRows.cut(now + ": " + why, 1000));
            st.setString(2, id);
            st.executeUpdate();
        }
        event(c, id, now, "CONTENTS_REMOVED", why);
        return hashes;
    }

    /** @return whether a content is still needed: by an item whose contents are kept, a letter, or a receipt */
    public static boolean needed(Connection c, String sha256) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM okienko_incoming WHERE content_hash = ? AND contents_removed IS NULL "
                + "UNION ALL SELECT 1 FROM okienko_incoming_part p JOIN okienko_incoming i ON i.id = p.incoming_id "
                + "WHERE p.content_hash = ? AND i.contents_removed IS NULL "
                + "UNION ALL SELECT 1 FROM okienko_letter WHERE text_hash = ? "
                + "UNION ALL SELECT 1 FROM okienko_attachment WHERE content_hash = ? "
                + "UNION ALL SELECT 1 FROM okienko_receipt WHERE content_hash = ?")) {
            for (int i = 1; i <= 5; i++) {
                st.setString(i, sha256);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Files an item under the office's case.
     *
     * @return whether there is such an item
     */
    public static boolean file(Connection c, String id, String caseReference, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE okienko_incoming SET case_ref = ? WHERE id = ?")) {
            st.setString(1, caseReference);
            st.setString(2, id);
            if (st.executeUpdate() == 0) {
                return false;
            }
        }
        event(c, id, now, "FILED", "under case " + caseReference);
        return true;
    }

    /** Records a content file to delete once nothing needs it ({@code okienko_content_deletion}). */
    public static void queueDeletion(Connection c, Dialect dialect, String sha256, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(dialect == Dialect.POSTGRESQL
                ? "INSERT INTO okienko_content_deletion (content_hash, since) VALUES (?, ?) ON CONFLICT (content_hash) DO NOTHING"
                : "MERGE INTO okienko_content_deletion KEY (content_hash) VALUES (?, ?)")) {
            st.setString(1, sha256);
            st.setObject(2, time(now));
            st.executeUpdate();
        }
    }

    /** @return the content files waiting to be deleted, the oldest first */
    public static List<String> queuedDeletions(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT content_hash FROM okienko_content_deletion ORDER BY since, content_hash");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Forgets a content file waiting to be deleted: it is deleted, gone, or needed again. */
    public static void dequeueDeletion(Connection c, String sha256) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM okienko_content_deletion WHERE content_hash = ?")) {
            st.setString(1, sha256);
            st.executeUpdate();
        }
    }

    /** Appends a timeline entry. */
    public static void event(Connection c, String id, Instant at, String status, @Nullable String detail) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO okienko_incoming_event (incoming_id, event_at, status, detail) "
                + "VALUES (?, ?, ?, ?)")) {
            st.setString(1, id);
            st.setObject(2, time(at));
            st.setString(3, status);
            setNullable(st, 4, detail == null ? null : WorkRows.cut(detail, 2000));
            st.executeUpdate();
        }
    }

    /** @return an item's timeline as "STATUS detail", in order */
    public static List<String> timeline(Connection c, String id) throws SQLException {
        return Rows.list(c, "SELECT status, detail FROM okienko_incoming_event WHERE incoming_id = ? ORDER BY event_at, id", id,
                rs -> rs.getString(1) + (rs.getString(2) == null ? "" : " " + rs.getString(2)));
    }

    /** @return one item */
    public static Optional<Item> item(Connection c, String id) throws SQLException {
        return Rows.list(c, COLUMNS + "WHERE id = ?", id, IncomingRows::item).stream().findFirst();
    }

    /** @return the newest items, at most that many */
    public static List<Item> items(Connection c, int limit) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(COLUMNS + "ORDER BY received_at DESC, id LIMIT " + Math.max(0, limit))) {
            List<Item> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(item(rs));
                }
            }
            return out;
        }
    }

    private static Item item(ResultSet rs) throws SQLException {
        return new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), nullableInstant(rs, 10), instant(rs, 11),
                new ContentStore.Ref(rs.getString(12), rs.getLong(13)), nullableInstant(rs, 14), rs.getString(15), rs.getString(16),
                rs.getString(17), rs.getString(18), rs.getInt(19), rs.getString(20), nullableInstant(rs, 21), rs.getString(22),
                rs.getString(23));
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * Claims one item due for the handler with a lease.
     *
     * @return its id, when one was claimed
     */
    public static Optional<String> claimForHandler(Connection c, Dialect dialect, String owner, Instant now, Instant until)
            throws SQLException {
        return WorkRows.claim(c, dialect, "okienko_incoming", "handler_next_at", "AND handling = 'PENDING'", "handler_attempts", owner,
                now, now, until);
    }

    /**
     * Records the handler's outcome under the lease: handled, due again at {@code next}, or (next null and failed)
     * waiting for a person.
     *
     * @return whether the lease was still this owner's
     */
    public static boolean handled(Connection c, String id, String owner, boolean ok, @Nullable Instant next, @Nullable String error,
                                  Instant now) throws SQLException {
        String handling = ok ? "HANDLED" : next == null ? "WAITING_FOR_PERSON" : "PENDING";
        try (PreparedStatement st = c.prepareStatement("UPDATE okienko_incoming SET handling = ?, handler_next_at = ?, handler_error = ?, "
                + "handled_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?")) {
            st.setString(1, handling);
            setNullable(st, 2, ok ? null : next);
            setNullable(st, 3, error == null ? null : WorkRows.cut(error, 4000));
            setNullable(st, 4, ok ? now : null);
            st.setString(5, id);
            st.setString(6, owner);
            if (st.executeUpdate() != 1) {
                return false;
            }
        }
        event(c, id, now, handling, error);
        return true;
    }

    /**
     * Takes the lease on polling a box, when nobody holds it (or its holder's lease ran out).
     *
     * @return whether this owner holds it now
     */
    public static boolean leaseBox(Connection c, String boxKey, String owner, Instant now, Instant until) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE okienko_receiver_lease SET lease_owner = ?, lease_until = ? "
                + "WHERE box_key = ? AND (lease_owner = ? OR lease_until < ?)")) {
            st.setString(1, owner);
            st.setObject(2, time(until));
            st.setString(3, boxKey);
            st.setString(4, owner);
            st.setObject(5, time(now));
            if (st.executeUpdate() == 1) {
                return true;
            }
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO okienko_receiver_lease (box_key, lease_owner, lease_until) "
                + "VALUES (?, ?, ?)")) {
            st.setString(1, boxKey);
            st.setString(2, owner);
            st.setObject(3, time(until));
            st.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false; // another node holds it
            }
            throw e;
        }
    }

    /** Gives a box's lease back. */
    public static void releaseBox(Connection c, String boxKey, String owner) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("DELETE FROM okienko_receiver_lease WHERE box_key = ? AND lease_owner = ?")) {
            st.setString(1, boxKey);
            st.setString(2, owner);
            st.executeUpdate();
        }
    }
}
