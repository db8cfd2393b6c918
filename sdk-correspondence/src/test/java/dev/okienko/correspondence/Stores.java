package dev.okienko.correspondence;

import java.nio.file.Path;
import java.util.List;

/** The two databases every store test runs on. */
enum Stores {
    /** H2 in a folder: the embedded default. */
    EMBEDDED,
    /** A real PostgreSQL on 127.0.0.1. */
    POSTGRESQL;

    /**
     * Opens a store the test closes after it: an embedded store left open keeps H2 writing into the folder while
     * JUnit deletes it, and the test fails for that alone.
     *
     * @param folder a fresh folder
     * @param toClose what the test closes after it; the store is added
     * @return a fresh, migrated store
     */
    CorrespondenceStore open(Path folder, List<AutoCloseable> toClose) {
        CorrespondenceStore store = switch (this) {
            case EMBEDDED -> CorrespondenceStore.embedded(folder.resolve("store"));
            case POSTGRESQL -> CorrespondenceStore.of(LocalPostgres.shared().newDatabase(), folder.resolve("content")).migrate();
        };
        toClose.add(store);
        return store;
    }
}
