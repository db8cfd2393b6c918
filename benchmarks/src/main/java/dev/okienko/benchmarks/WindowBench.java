package dev.okienko.benchmarks;

import dev.okienko.correspondence.CorrespondenceStore;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/** What the one window's benchmarks share: their stores, the simulator's process, CPU times. */
final class WindowBench {
    private WindowBench() {
    }

    /**
     * @param store "embedded", or a JDBC URL naming a database the user may create databases from
     * @param folder the run's folder (its name makes the database's unique)
     * @param prefix the database name's start
     * @return a fresh store: H2 in the folder, or a new PostgreSQL database beside the one the URL names
     */
    static CorrespondenceStore openStore(String store, String user, String password, Path folder, String prefix) throws SQLException {
        if (!store.startsWith("jdbc:")) {
            return CorrespondenceStore.embedded(folder);
        }
        String database = (prefix + "_" + ProcessHandle.current().pid() + "_" + folder.getFileName().toString().replaceAll("\\W", ""))
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(store, user, password); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        String url = store.substring(0, store.lastIndexOf('/') + 1) + database;
        return CorrespondenceStore.open(url, user, password, folder.resolve("content"));
    }

    /** @return a process's CPU time so far, or zero when it is not known */
    static Duration cpu(@org.jspecify.annotations.Nullable ProcessHandle process) {
        return process == null ? Duration.ZERO : process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** @return this process's CPU time so far, in nanoseconds */
    static long ownCpuNanos() {
        return cpu(ProcessHandle.current()).toNanos();
    }

    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** @return the certificate the simulator's process printed in base64 */
    static X509Certificate certificate(String base64) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }

    /** @return the rest of the simulator's process's next line that starts with the prefix */
    static String expect(BufferedReader lines, String prefix) throws IOException {
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        throw new IOException("the simulator process ended before saying " + prefix.trim());
    }
}
