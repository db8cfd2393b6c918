package dev.okienko.correspondence;

import static dev.okienko.correspondence.internal.Rows.time;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The one view: incoming items and outgoing letters that match a query, the newest first. */
final class OneView {
    private OneView() {
    }

    static List<CorrespondenceEntry> query(Connection c, CorrespondenceQuery q) throws SQLException {
        List<CorrespondenceEntry> out = new ArrayList<>();
        if (q.direction() != CorrespondenceEntry.Direction.OUTGOING) {
            out.addAll(incoming(c, q));
        }
        if (q.direction() != CorrespondenceEntry.Direction.INCOMING) {
            out.addAll(outgoing(c, q));
        }
        out.sort(Comparator.comparing(CorrespondenceEntry::at).reversed().thenComparing(CorrespondenceEntry::id));
        return out.size() > q.limit() ? List.copyOf(out.subList(0, q.limit())) : out;
    }

    private static List<CorrespondenceEntry> incoming(Connection c, CorrespondenceQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, case_ref, channel, sender, reply_to, file_name, handling, received_at, flags "
                + "FROM okienko_incoming WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        where(sql, args, "case_ref = ?", q.caseReference());
        if (q.party() != null) {
            sql.append(" AND (sender = ? OR reply_to = ?)");
            args.add(q.party());
            args.add(q.party());
        }
        where(sql, args, "handling = ?", q.status());
        where(sql, args, "received_at >= ?", q.since() == null ? null : time(q.since()));
        where(sql, args, "received_at < ?", q.until() == null ? null : time(q.until()));
        sql.append(" ORDER BY received_at DESC, id LIMIT ").append(q.limit());
        List<CorrespondenceEntry> out = new ArrayList<>();
        try (PreparedStatement st = prepare(c, sql, args); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                String handling = rs.getString("handling");
                List<String> parties = new ArrayList<>(List.of(rs.getString("sender")));
                String replyTo = rs.getString("reply_to");
                if (replyTo != null && !replyTo.equals(parties.get(0))) {
                    parties.add(replyTo);
                }
                String subject = rs.getString("file_name");
                out.add(new CorrespondenceEntry(CorrespondenceEntry.Direction.INCOMING, rs.getString("id"), rs.getString("case_ref"),
                        Channel.valueOf(rs.getString("channel")), parties, subject == null ? "" : subject, handling,
                        rs.getObject("received_at", java.time.OffsetDateTime.class).toInstant(),
                        rs.getString("flags") != null || !handling.equals("PENDING") && !handling.equals("HANDLED")));
            }
        }
        return out;
    }

    private static List<CorrespondenceEntry> outgoing(Connection c, CorrespondenceQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT l.id, l.case_ref, l.subject, l.status, l.submitted_at, l.attention FROM okienko_letter l "
                + "WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        where(sql, args, "l.case_ref = ?", q.caseReference());
        if (q.party() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM okienko_recipient r WHERE r.letter_id = l.id AND (r.id_value = ? OR r.address = ?))");
            args.add(q.party());
            args.add(q.party());
        }
        where(sql, args, "l.status = ?", q.status());
        where(sql, args, "l.submitted_at >= ?", q.since() == null ? null : time(q.since()));
        where(sql, args, "l.submitted_at < ?", q.until() == null ? null : time(q.until()));
        sql.append(" ORDER BY l.submitted_at DESC, l.id LIMIT ").append(q.limit());
        Map<String, Object[]> letters = new LinkedHashMap<>();
        try (PreparedStatement st = prepare(c, sql, args); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                letters.put(rs.getString("id"), new Object[] {rs.getString("case_ref"), rs.getString("subject"), rs.getString("status"),
                    rs.getObject("submitted_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("attention")});
            }
        }
        List<CorrespondenceEntry> out = new ArrayList<>();
        for (Map.Entry<String, Object[]> l : letters.entrySet()) {
            List<String> parties = new ArrayList<>();
            List<@Nullable String> channels = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT display_name, id_value, channel FROM okienko_recipient "
                    + "WHERE letter_id = ? ORDER BY pos")) {
                st.setString(1, l.getKey());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String shown = rs.getString("display_name");
                        parties.add(shown != null ? shown : rs.getString("id_value"));
                        channels.add(rs.getString("channel"));
                    }
                }
            }
            Object[] v = l.getValue();
            String first = channels.isEmpty() ? null : channels.get(0);
            Channel channel = first != null && channels.stream().allMatch(first::equals) ? Channel.valueOf(first) : null;
            out.add(new CorrespondenceEntry(CorrespondenceEntry.Direction.OUTGOING, l.getKey(), (String) v[0], channel, parties,
                    (String) v[1], (String) v[2], (java.time.Instant) v[3], v[4] != null));
        }
        return out;
    }

    private static void where(StringBuilder sql, List<Object> args, String condition, @Nullable Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            args.add(value);
        }
    }

    private static PreparedStatement prepare(Connection c, StringBuilder sql, List<Object> args) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql.toString());
        try {
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
            return st;
        } catch (SQLException e) {
            st.close();
            throw e;
        }
    }
}
