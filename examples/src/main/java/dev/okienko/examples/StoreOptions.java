package dev.okienko.examples;

import dev.okienko.core.ClientException;
import dev.okienko.correspondence.CorrespondenceStore;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where the one window's letters and documents are kept: the {@code --store} options every store command shares. */
final class StoreOptions {
    @Option(names = "--store", required = true, paramLabel = "URL|FOLDER",
            description = "a JDBC URL (jdbc:postgresql://host/db) or a folder for the embedded store (made when missing)")
    String store;

    @Option(names = "--store-user", description = "the database user, for a JDBC URL")
    @Nullable String user;

    @Option(names = "--store-password-env", paramLabel = "VARIABLE",
            description = "the environment variable that holds the database password (never the password itself)")
    @Nullable String passwordEnv;

    @Option(names = "--content", paramLabel = "FOLDER", description = "where contents go, for a JDBC URL (default: ${DEFAULT-VALUE})")
    Path content = Path.of("okienko-content");

    CorrespondenceStore open() {
        String password = passwordEnv == null ? null : System.getenv(passwordEnv);
        if (passwordEnv != null && password == null) {
            throw new ClientException("the environment variable " + passwordEnv + " (--store-password-env) is not set");
        }
        CorrespondenceStore opened = CorrespondenceStore.open(store, user, password, content);
        OPENED.get().add(opened);
        return opened;
    }

    /** The stores the commands on this thread opened: closed when the command line returns (OkienkoCommand). */
    private static final ThreadLocal<java.util.List<CorrespondenceStore>> OPENED = ThreadLocal.withInitial(java.util.ArrayList::new);

    /**
     * Closes the stores opened by the command that ran on this thread: an embedded store's database is shut down,
     * so that its files are whole and its folder can be removed (a command run in-process, as the tests do,
     * left it open before).
     */
    static void closeOpened() {
        java.util.List<CorrespondenceStore> opened = OPENED.get();
        for (CorrespondenceStore s : opened) {
            try {
                s.close();
            } catch (RuntimeException e) {
                // the command's own answer stands; a store that fails to close is left to the JVM's exit
            }
        }
        opened.clear();
    }
}
