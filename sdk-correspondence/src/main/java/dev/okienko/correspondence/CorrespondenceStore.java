package dev.okienko.correspondence;

import dev.okienko.correspondence.internal.ContentStore;
import dev.okienko.correspondence.internal.PooledDataSource;
import dev.okienko.correspondence.internal.Dialect;
import dev.okienko.correspondence.internal.Migrations;
import dev.okienko.correspondence.internal.UrlDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Where the one window keeps its correspondence: a database reached through JDBC, and a content folder for
 * texts, attachments and receipts (referenced from the rows by SHA-256 and size).
 *
 * <ul>
 *   <li>{@link #embedded(Path)}: H2 in a folder, migrated at once; for one node, the demo and trials. Several
 *       processes on one machine may open the same folder (H2's automatic mixed mode).</li>
 *   <li>{@link #of(DataSource, Path)}: a database of the office's, PostgreSQL for production and several
 *       nodes. Its schema is applied by {@link #migrate()} or by the office's own Flyway from
 *       {@value #MIGRATIONS} (scripts {@code V1__...sql}, each run once, in order).</li>
 * </ul>
 */
public final class CorrespondenceStore implements AutoCloseable {
    /** Where the schema's migrations are, for Flyway's {@code locations}. */
    public static final String MIGRATIONS = "classpath:" + Migrations.LOCATION;

    private final DataSource dataSource;
    private final ContentStore contents;
    private final Dialect dialect;
    private final boolean embedded;
    private final @Nullable PooledDataSource pool;

    private CorrespondenceStore(DataSource dataSource, Path contentFolder) {
        this(dataSource, contentFolder, false, null);
    }

    private CorrespondenceStore(DataSource dataSource, Path contentFolder, boolean embedded, @Nullable PooledDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.contents = new ContentStore(Objects.requireNonNull(contentFolder, "contentFolder"));
        try (Connection c = dataSource.getConnection()) {
            this.dialect = Dialect.of(c);
        } catch (SQLException e) {
            throw failure("cannot connect to the correspondence store's database " + dataSource, e);
        }
    }

    /**
     * The embedded default: H2 in {@code folder/okienko.mv.db}, contents in {@code folder/content}. The schema
     * is applied at once.
     *
     * @param folder the folder; made when missing
     * @return the store
     * @throws StoreException when the folder cannot be made or the database cannot be opened
     */
    public static CorrespondenceStore embedded(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new StoreException("cannot make the store's folder " + folder + ": " + e.getMessage(), e, false);
        }
        String url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve("okienko")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE;WRITE_DELAY=0;DB_CLOSE_DELAY=-1";
        PooledDataSource pool = pool(new UrlDataSource(url, "okienko", ""));
        return new CorrespondenceStore(pool, folder.resolve("content"), true, pool).migrate();
    }

    /**
     * A store in a database of the office's. Nothing is created: call {@link #migrate()} (or run the
     * migrations with Flyway) before the first use.
     *
     * @param dataSource the database (PostgreSQL or H2), ideally pooled
     * @param contentFolder where contents go; on several nodes, a folder they all share
     * @return the store
     * @throws StoreException when the database cannot be reached or is neither PostgreSQL nor H2
     */
    public static CorrespondenceStore of(DataSource dataSource, Path contentFolder) {
        return new CorrespondenceStore(dataSource, contentFolder);
    }

    /**
     * A store for a command line's {@code --store}: a JDBC URL, or a folder for the embedded default. Its
     * connections are pooled (at most {@value #POOL_SIZE} open; {@link #close()} closes them).
     *
     * @param urlOrFolder {@code jdbc:postgresql://...}, {@code jdbc:h2:...}, or a folder
     * @param user the database user for a URL, or null
     * @param password its password, or null
     * @param contentFolder where contents go for a URL (ignored for a folder)
     * @return the store, migrated
     */
    public static CorrespondenceStore open(String urlOrFolder, @Nullable String user, @Nullable String password,
                                           Path contentFolder) {
        if (!urlOrFolder.startsWith("jdbc:")) {
            return embedded(Path.of(urlOrFolder));
        }
        PooledDataSource pool = pool(new UrlDataSource(urlOrFolder, user, password));
        return new CorrespondenceStore(pool, contentFolder, false, pool).migrate();
    }

    /** How many connections a store opened from a URL or folder keeps at most. */
    public static final int POOL_SIZE = 16;

    private static PooledDataSource pool(DataSource target) {
        return new PooledDataSource(target, POOL_SIZE, 30_000);
    }

    /**
     * Applies the schema's migrations that are not applied yet (each once; on PostgreSQL under an advisory
     * lock, so nodes starting together do not collide).
     *
     * @return this store
     * @throws StoreException when a migration fails or an applied one differs from this version's
     */
    public CorrespondenceStore migrate() {
        try (Connection c = dataSource.getConnection()) {
            List<Integer> applied = Migrations.apply(c);
            if (!applied.isEmpty()) {
                org.slf4j.LoggerFactory.getLogger(CorrespondenceStore.class)
                        .info("correspondence store {}: schema migrated to version {}", dataSource, applied.get(applied.size() - 1));
            }
            return this;
        } catch (SQLException e) {
            throw failure("cannot migrate the correspondence store's schema in " + dataSource, e);
        }
    }

    /**
     * @return the schema version the database has
     * @throws StoreException when the database fails
     */
    public int schemaVersion() {
        try (Connection c = dataSource.getConnection()) {
            return Migrations.currentVersion(c);
        } catch (SQLException e) {
            throw failure("cannot read the correspondence store's schema version", e);
        }
    }

    /** @return the database */
    public DataSource dataSource() {
        return dataSource;
    }

    /** @return the content folder */
    public Path contentFolder() {
        return contents.root();
    }

    ContentStore contents() {
        return contents;
    }

    /**
     * Stores small contents (a receipt, a message's text) in the content folder.
     *
     * @param bytes the contents
     * @param what what they are, for the error
     * @return their reference
     * @throws StoreException when the content folder fails (a local disk error)
     */
    ContentStore.Ref put(byte[] bytes, String what) {
        try {
            return contents.put(new java.io.ByteArrayInputStream(bytes), Long.MAX_VALUE);
        } catch (IOException e) {
            throw new StoreException("cannot store " + what + " in " + contents.root() + ": " + e.getMessage(), e, false);
        }
    }

    Dialect dialect() {
        return dialect;
    }

    /** Checks the schema is this version's, before letters are stored or sent. */
    void requireSchema() {
        int have = schemaVersion();
        int need = Migrations.latestVersion();
        if (have != need) {
            throw new StoreException("the correspondence store's schema is at version " + have + ", this okienko needs "
                    + need + ": call CorrespondenceStore.migrate() or run Flyway on " + MIGRATIONS, null, false);
        }
    }

    static StoreException failure(String what, SQLException e) {
        return new StoreException(what + ": " + e.getMessage(), e, e instanceof SQLTransientException);
    }

    /**
     * Closes what the store opened itself: the embedded database (H2 keeps it open for the process otherwise) and
     * the connections of a store opened from a URL. A store of the office's own data source is left as it is:
     * the office closes its pool.
     *
     * @throws StoreException when the embedded database cannot be closed cleanly
     */
    @Override
    public void close() {
        try {
            if (embedded) {
                try (Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
                    st.execute("SHUTDOWN");
                } catch (SQLException e) {
                    throw failure("cannot close the embedded store", e);
                }
            }
        } finally {
            if (pool != null) {
                pool.close();
            }
        }
    }

    @Override
    public String toString() {
        return "CorrespondenceStore[" + dataSource + ", contents " + contents.root() + "]";
    }
}
