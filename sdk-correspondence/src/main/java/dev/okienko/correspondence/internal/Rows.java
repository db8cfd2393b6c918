package dev.okienko.correspondence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The SQL of the letters' rows: what is written at submission and read back by queries. */
public final class Rows {
    private static final String UNIQUE_VIOLATION = "23505";
    private Rows() {
    }

    /** A letter's row as submitted. */
    public record NewLetter(String id, String key, String fingerprint, @Nullable String caseRef, String subject,
                            ContentStore.Ref text, Instant at) {
    }

    /** A recipient's row as submitted. */
    public record NewRecipient(int pos, String kind, String value, String display, @Nullable String postal) {
    }

    /** An attachment's row. */
    public record NewAttachment(int pos, String name, String mediaType, ContentStore.Ref content) {
    }

    /** A letter's id and fingerprint, found by key. */
    public record Existing(String id, String fingerprint) {
    }

    /** A timeline entry. */
    public record Event(Instant at, @Nullable Integer recipient, String status, @Nullable String proof, @Nullable String detail) {
    }

    /** A recipient as stored. */
    public record Recipient(int pos, String kind, String display, @Nullable String channel, @Nullable String address,
                            @Nullable String reason, String status, Instant statusAt, @Nullable String messageId) {
    }

    /** A letter as stored. */
    public record Letter(String id, String key, @Nullable String caseRef, String subject, String status,
                         @Nullable String attention, Instant submittedAt, Instant updatedAt) {
    }

    /**
     * Inserts a letter unless its key is stored already.
     *
     * @return true when inserted, false when the key was there (nothing written)
     */
    public static boolean insert(Connection c, Dialect dialect, NewLetter letter, List<NewRecipient> recipients,
                                 List<NewAttachment> attachments) throws SQLException {
        // PostgreSQL: a failed statement would abort the caller's whole transaction, so the conflict is no error;
        // H2 has no ON CONFLICT, and rolls back only the failed statement
        try (PreparedStatement st = c.prepareStatement("INSERT INTO okienko_letter (id, idempotency_key, fingerprint, case_ref, "
                + "subject, text_hash, text_size, status, submitted_at, updated_at, next_step_at, attempts) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, 'SUBMITTED', ?, ?, ?, 0)"
                + (dialect == Dialect.POSTGRESQL ? " ON CONFLICT (idempotency_key) DO NOTHING" : ""))) {
            st.setString(1, letter.id());
            st.setString(2, letter.key());
            st.setString(3, letter.fingerprint());
            setNullable(st, 4, letter.caseRef());
            st.setString(5, letter.subject());
            st.setString(6, letter.text().sha256());
            st.setLong(7, letter.text().size());
            st.setObject(8, time(letter.at()));
            st.setObject(9, time(letter.at()));
            st.setObject(10, time(letter.at()));
            try {
                if (st.executeUpdate() == 0) {
                    return false;
                }
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState()) && byKey(c, letter.key()).isPresent()) {
                    return false;
                }
                throw e;
            }
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO okienko_recipient (letter_id, pos, kind, id_value, "
                + "display_name, postal_address, status, status_at) VALUES (?, ?, ?, ?, ?, ?, 'SUBMITTED', ?)")) {
            for (NewRecipient r : recipients) {
                st.setString(1, letter.id());
                st.setInt(2, r.pos());
                st.setString(3, r.kind());
                st.setString(4, r.value());
                st.setString(5, r.display());
                setNullable(st, 6, r.postal());
                st.setObject(7, time(letter.at()));
                st.addBatch();
            }
            st.executeBatch();
        }
        if (!attachments.isEmpty()) {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO okienko_attachment (letter_id, pos, file_name, media_type, "
                    + "content_hash, content_size) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (NewAttachment a : attachments) {
                    st.setString(1, letter.id());
                    st.setInt(2, a.pos());
                    st.setString(3, a.name());
                    st.setString(4, a.mediaType());
                    st.setString(5, a.content().sha256());
                    st.setLong(6, a.content().size());
                    st.addBatch();
                }
                st.executeBatch();
            }
        }
        event(c, letter.id(), new Event(letter.at(), null, "SUBMITTED", null, null));
        return true;
    }

    /** Appends a timeline entry. */
    public static void event(Connection c, String letterId, Event e) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO okienko_event (letter_id, recipient_pos, event_at, status, "
                + "proof, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            st.setString(1, letterId);
            setNullable(st, 2, e.recipient());
            st.setObject(3, time(e.at()));
            st.setString(4, e.status());
            setNullable(st, 5, e.proof());
            setNullable(st, 6, e.detail());
            st.executeUpdate();
        }
    }

    /** @return the letter stored under a key */
    public static Optional<Existing> byKey(Connection c, String key) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT id, fingerprint FROM okienko_letter WHERE idempotency_key = ?")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Existing(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /** @return the letter with an id */
    public static Optional<Letter> letter(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT id, idempotency_key, case_ref, subject, status, attention, "
                + "submitted_at, updated_at FROM okienko_letter WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(letter(rs)) : Optional.empty();
            }
        }
    }

    /**
     * @param status a status, or null for any
     * @param caseRef a case reference, or null for any
     * @param attentionOnly only letters that need a person
     * @param limit the most to return
     * @return letters, the newest first
     */
    public static List<Letter> letters(Connection c, @Nullable String status, @Nullable String caseRef, boolean attentionOnly,
                                       int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, idempotency_key, case_ref, subject, status, attention, submitted_at, "
                + "updated_at FROM okienko_letter WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status);
        }
        if (caseRef != null) {
            sql.append(" AND case_ref = ?");
            args.add(caseRef);
        }
        if (attentionOnly) {
            sql.append(" AND attention IS NOT NULL");
        }
        sql.append(" ORDER BY submitted_at DESC, id LIMIT ").append(Math.max(1, limit));
        try (PreparedStatement st = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                st.setString(i + 1, args.get(i));
            }
            List<Letter> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(letter(rs));
                }
            }
            return out;
        }
    }

    /** @return a letter's recipients in order */
    public static List<Recipient> recipients(Connection c, String letterId) throws SQLException {
        return list(c, "SELECT pos, kind, display_name, channel, address, route_reason, status, status_at, message_id "
                + "FROM okienko_recipient WHERE letter_id = ? ORDER BY pos", letterId, rs -> new Recipient(rs.getInt(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                instant(rs, 8), rs.getString(9)));
    }

    /** @return a letter's timeline in order */
    public static List<Event> timeline(Connection c, String letterId) throws SQLException {
        return list(c, "SELECT event_at, recipient_pos, status, proof, detail FROM okienko_event WHERE letter_id = ? "
                + "ORDER BY event_at, id", letterId, rs -> {
                    int pos = rs.getInt(2);
                    // wasNull() speaks of the column read last: ask before reading another
                    Integer recipient = rs.wasNull() ? null : pos;
                    return new Event(instant(rs, 1), recipient, rs.getString(3), rs.getString(4), rs.getString(5));
                });
    }

    /** A receipt as stored. */
    public record Receipt(String id, String letterId, @Nullable Integer recipient, String kind, String sourceId,
                          @Nullable Instant eventAt, ContentStore.Ref content, String verdict, @Nullable String verdictDetail,
                          @Nullable String fields, Instant storedAt) {
    }

    private static final String RECEIPT_COLUMNS = "SELECT id, letter_id, recipient_pos, kind, source_id, event_at, content_hash, "
            + "content_size, verdict, verdict_detail, fields, stored_at FROM okienko_receipt ";

    /** @return a letter's receipts, in the order they were stored */
    public static List<Receipt> receipts(Connection c, String letterId) throws SQLException {
        return list(c, RECEIPT_COLUMNS + "WHERE letter_id = ? ORDER BY stored_at, recipient_pos, kind, id", letterId, Rows::receipt);
    }

    /** @return one receipt */
    public static Optional<Receipt> receipt(Connection c, String receiptId) throws SQLException {
        return list(c, RECEIPT_COLUMNS + "WHERE id = ?", receiptId, Rows::receipt).stream().findFirst();
    }

    private static Receipt receipt(ResultSet rs) throws SQLException {
        int pos = rs.getInt(3);
        Integer recipient = rs.wasNull() ? null : pos;
        OffsetDateTime event = rs.getObject(6, OffsetDateTime.class);
        return new Receipt(rs.getString(1), rs.getString(2), recipient, rs.getString(4), rs.getString(5),
                event == null ? null : event.toInstant(), new ContentStore.Ref(rs.getString(7), rs.getLong(8)), rs.getString(9),
                rs.getString(10), rs.getString(11), instant(rs, 12));
    }

    private static Letter letter(ResultSet rs) throws SQLException {
        return new Letter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                instant(rs, 7), instant(rs, 8));
    }

    /** @return a timestamp column as an instant */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t.toInstant();
    }

    /** @return an instant as the value of a {@code TIMESTAMP WITH TIME ZONE} column */
    public static OffsetDateTime time(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    static void setNullable(PreparedStatement st, int index, @Nullable String value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.VARCHAR);
        } else {
            st.setString(index, value);
        }
    }

    static void setNullable(PreparedStatement st, int index, @Nullable Integer value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.INTEGER);
        } else {
            st.setInt(index, value);
        }
    }

    static void setNullable(PreparedStatement st, int index, @Nullable Instant value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            st.setObject(index, time(value));
        }
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** @return the rows a query with one string parameter finds, each read into a value */
    static <T> List<T> list(Connection c, String sql, String parameter, RowReader<T> reader) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, parameter);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
            }
            return out;
        }
    }
}
