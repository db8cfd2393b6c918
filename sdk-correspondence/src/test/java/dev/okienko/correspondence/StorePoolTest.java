package dev.okienko.correspondence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.correspondence.internal.PooledDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connections of a store opened from a URL or a folder are pooled: reused, cleaned, bounded and closed. */
class StorePoolTest {
    @TempDir
    Path dir;

    @Test
    void postgresql_connectionsAreReused_andGivenBackClean() throws Exception {
        LocalPostgres pg = LocalPostgres.shared();
        String database = pg.newDatabaseName();
        try (CorrespondenceStore store = CorrespondenceStore.open(pg.url(database), pg.user(), "", dir.resolve("content"))) {
            int first;
            try (Connection c = store.dataSource().getConnection()) {
                first = backend(c);
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE left_open (x INT)");
                }
                // given back inside a transaction: rolled back, auto-commit on again
            }
            try (Connection c = store.dataSource().getConnection()) {
                assertThat(backend(c)).as("the same server process: the connection was kept").isEqualTo(first);
                assertThat(c.getAutoCommit()).isTrue();
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'left_open'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("the unfinished transaction was rolled back").isZero();
                }
            }
            Connection given = store.dataSource().getConnection();
            given.close();
            assertThatThrownBy(given::createStatement).isInstanceOf(SQLException.class).hasMessageContaining("given back");

            // a connection the server ended is dropped, not given to the next caller
            int victim;
            try (Connection c = store.dataSource().getConnection()) {
                victim = backend(c);
            }
            try (Connection admin = java.sql.DriverManager.getConnection(pg.url(database), pg.user(), "");
                 Statement st = admin.createStatement()) {
                st.execute("SELECT pg_terminate_backend(" + victim + ")");
            }
            try (Connection c = store.dataSource().getConnection()) {
                assertThatThrownBy(() -> backend(c)).isInstanceOf(SQLException.class);
            }
            try (Connection c = store.dataSource().getConnection()) {
                assertThat(backend(c)).isNotEqualTo(victim);
            }
        }
    }

    @Test
    void atMostMaxOpen_theNextWaits_andIsToldWhy() throws Exception {
        CorrespondenceStore store = CorrespondenceStore.open(dir.resolve("store").toString(), null, null, dir.resolve("unused"));
        try (PooledDataSource two = new PooledDataSource(store.dataSource(), 2, 200)) {
            Connection a = two.getConnection();
            Connection b = two.getConnection();
            assertThatThrownBy(two::getConnection).isInstanceOf(SQLTransientConnectionException.class)
                    .hasMessageContaining("within 200 ms: all 2 are in use");
            a.close();
            a.close(); // twice is harmless, and does not give a permit back twice
            try (Connection c = two.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
            assertThat(two.getConnection()).isNotNull();
            assertThatThrownBy(two::getConnection).isInstanceOf(SQLTransientConnectionException.class);
            b.close();
        } finally {
            store.close();
        }
        assertThatThrownBy(() -> store.dataSource().getConnection()).isInstanceOf(SQLException.class).hasMessageContaining("closed");
    }

    private static int backend(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
