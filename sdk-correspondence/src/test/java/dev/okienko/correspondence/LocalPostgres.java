package dev.okienko.correspondence;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server on 127.0.0.1 for the tests, started once per test JVM from the machine's server
 * binaries ({@code /usr/lib/postgresql/<version>/bin}: Debian's {@code postgresql} package, which CI's
 * {@code .ci/run} installs) with {@code initdb} and {@code pg_ctl} in a temporary folder, and stopped when the
 * JVM ends. Run as root, the server runs as the {@code postgres} user (PostgreSQL refuses root).
 *
 * <p>To test against a server of your own instead, set {@code OKIENKO_TEST_POSTGRES_URL} (a JDBC URL of a
 * database the user may create databases in) and, if needed, {@code OKIENKO_TEST_POSTGRES_USER} and
 * {@code OKIENKO_TEST_POSTGRES_PASSWORD}. Each test gets a database of its own.
 */
final class LocalPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static LocalPostgres shared;

    private final String adminUrl;
    private final String user;
    private final String password;

    private LocalPostgres(String adminUrl, String user, String password) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    /** @return the server, started on first use */
    static synchronized LocalPostgres shared() {
        if (shared == null) {
            String url = System.getenv("OKIENKO_TEST_POSTGRES_URL");
            shared = url != null
                    ? new LocalPostgres(url, envOr("OKIENKO_TEST_POSTGRES_USER", "postgres"), envOr("OKIENKO_TEST_POSTGRES_PASSWORD", ""))
                    : start();
        }
        return shared;
    }

    /** @return a data source for a new, empty database */
    DataSource newDatabase() {
        return dataSource(newDatabaseName());
    }

    /** @return the name of a new, empty database */
    String newDatabaseName() {
        String name = "okienko_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + " on " + adminUrl, e);
        }
        return name;
    }

    /** @return a data source for an existing database */
    DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    /** @return the JDBC URL of a database, for a child process */
    String url(String database) {
        return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
    }

    /** @return the user */
    String user() {
        return user;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static LocalPostgres start() {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("okienko-pg-");
            Path data = dir.resolve("data");
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
            }
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "okienko", "--auth=trust",
                    "-E", "UTF8", "--no-sync", "--locale=C"), root);
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                    "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off "
                            + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200", "start"), root);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"), root);
                } catch (IOException e) {
                    System.err.println("could not stop the test PostgreSQL in " + dir + ": " + e.getMessage());
                }
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // leave it
                }
            }));
            return new LocalPostgres("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "okienko", "");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test PostgreSQL from " + bin + ": " + e.getMessage(), e);
        }
    }

    private static Path binaries() {
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                List<Path> found = new ArrayList<>(versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("pg_ctl"))).toList());
                found.sort(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString().replaceAll("\\D", "0"))));
                if (!found.isEmpty()) {
                    return found.get(found.size() - 1);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + base, e);
            }
        }
        throw new IllegalStateException("the correspondence tests need PostgreSQL's server binaries (initdb, pg_ctl) under "
                + base + ": install the Debian package postgresql (CI's .ci/run does), or set OKIENKO_TEST_POSTGRES_URL to a "
                + "server of your own");
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", full) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", full), e);
        }
    }
}
