package dev.okienko.correspondence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many nodes starting at once against a new PostgreSQL database (a rolling deployment, or the many-nodes tests):
 * each migrates the store on opening, and every one of them must come up with the schema applied once. The
 * schema table was created before the migration lock was taken, and two nodes creating it at once failed with
 * "duplicate key value violates unique constraint pg_type_typname_nsp_index" (seen in CI's ManyReceiversTest).
 */
class MigrationRaceTest {
    private static final int NODES = 8;
    private static final int ROUNDS = 6;

    @TempDir
    Path dir;

    @Test
    void nodesOpeningANewDatabaseAtOnce_allComeUp_andEachScriptIsAppliedOnce() throws Exception {
        LocalPostgres pg = LocalPostgres.shared();
        ExecutorService pool = Executors.newFixedThreadPool(NODES);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String database = pg.newDatabaseName();
                CyclicBarrier start = new CyclicBarrier(NODES);
                List<Future<Integer>> nodes = new ArrayList<>();
                for (int n = 0; n < NODES; n++) {
                    nodes.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        try (CorrespondenceStore store = CorrespondenceStore.open(pg.url(database), pg.user(), "", dir.resolve("content"))) {
                            return store.migrate().schemaVersion();
                        }
                    }));
                }
                for (Future<Integer> node : nodes) {
                    assertThat(node.get(60, TimeUnit.SECONDS)).as("round " + round + ": every node comes up migrated").isEqualTo(4);
                }
                try (Connection c = java.sql.DriverManager.getConnection(pg.url(database), pg.user(), "");
                     Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT version) FROM okienko_schema_version")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("each script recorded once").isEqualTo(4).isEqualTo(rs.getInt(2));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
