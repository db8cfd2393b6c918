package dev.okienko.correspondence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Applies the store's versioned SQL scripts ({@code db/okienko/correspondence/V<n>__<what>.sql}, named as
 * Flyway names them) in order, each once, and records them in {@code okienko_schema_version} with their
 * SHA-256, so that a script changed after it was applied is refused rather than half-trusted. On PostgreSQL
 * an advisory lock, taken before anything else (the version table included) and held to the commit, keeps nodes
 * that start together from migrating at once.
 */
public final class Migrations {
    /** Where the scripts are, as a class-path location. */
    public static final String LOCATION = "db/okienko/correspondence";
    /** The scripts, in order. A new version is added here and as a file. */
    static final List<String> SCRIPTS = List.of("V1__outgoing_correspondence.sql", "V2__incoming_correspondence.sql",
            "V3__incoming_parts.sql", "V4__content_deletions.sql");
    private static final long ADVISORY_LOCK = 0x6f6b69656e6b6fL; // "okienko"

    private Migrations() {
    }

    /** A script and its version. */
    record Script(int version, String name, String sql, String checksum) {
    }

    /** @return the scripts shipped in this jar */
    static List<Script> scripts() {
        List<Script> scripts = new ArrayList<>();
        for (String name : SCRIPTS) {
            // through this module's class: on the module path the scripts' folder counts as a package of this
            // module, which a class loader lookup would not see into
            try (InputStream in = Migrations.class.getResourceAsStream("/" + LOCATION + "/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("the store's migration " + LOCATION + "/" + name + " is missing from the jar");
                }
                byte[] bytes = in.readAllBytes();
                int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
                scripts.add(new Script(version, name, new String(bytes, StandardCharsets.UTF_8),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))));
            } catch (IOException | NoSuchAlgorithmException e) {
                throw new IllegalStateException("cannot read the store's migration " + name, e);
            }
        }
        return scripts;
    }

    /**
     * Applies what is not applied yet.
     *
     * @param connection a connection; its auto-commit is restored afterwards
     * @return the versions applied now
     * @throws SQLException when a script fails (its transaction is rolled back where the database can) or an
     *     applied script differs from the one in the jar
     */
    public static List<Integer> apply(Connection connection) throws SQLException {
        Dialect dialect = Dialect.of(connection);
        boolean autoCommit = connection.getAutoCommit();
        List<Integer> applied = new ArrayList<>();
        connection.setAutoCommit(false);
        try {
            // the lock first, the version table after: on PostgreSQL two nodes creating the table at once collide
            // even with IF NOT EXISTS ("duplicate key value violates unique constraint pg_type_typname_nsp_index")
            if (dialect == Dialect.POSTGRESQL) {
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, ADVISORY_LOCK);
                    lock.execute();
                }
            }
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS okienko_schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                        + "script VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            }
            for (Script script : scripts()) {
                String known = checksumOf(connection, script.version());
                if (known != null) {
                    if (!known.equals(script.checksum())) {
                        throw new SQLException("the store's migration " + script.name() + " was applied with checksum "
                                + known + " but the jar's has " + script.checksum() + ": a released migration must not change");
                    }
                    continue;
                }
                try (Statement st = connection.createStatement()) {
                    for (String statement : statements(script.sql())) {
                        st.execute(statement);
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO okienko_schema_version (version, script, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                    insert.setInt(1, script.version());
                    insert.setString(2, script.name());
                    insert.setString(3, script.checksum());
                    insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                    insert.executeUpdate();
                }
                applied.add(script.version());
            }
            connection.commit();
            return applied;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * @param connection a connection
     * @return the highest version applied, 0 when none
     * @throws SQLException when the database fails
     */
    public static int currentVersion(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(version) FROM okienko_schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }

    /** @return the number of the newest script in this jar */
    public static int latestVersion() {
        List<Script> all = scripts();
        return all.get(all.size() - 1).version();
    }

    private static @Nullable String checksumOf(Connection connection, int version) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("SELECT checksum FROM okienko_schema_version WHERE version = ?")) {
            q.setInt(1, version);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Splits a script at semicolons that end a line, leaving out comment lines. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String s = current.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
