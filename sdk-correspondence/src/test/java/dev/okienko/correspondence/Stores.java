package dev.okienko.correspondence;

import java.nio.file.Path;

/** The two databases every store test runs on. */
enum Stores {
    /** H2 in a folder: the embedded default. */
    EMBEDDED,
    /** A real PostgreSQL on 127.0.0.1. */
    POSTGRESQL;

    /**
     * @param folder a fresh folder
     * @return a fresh, migrated store
     */
    CorrespondenceStore open(Path folder) {
        return switch (this) {
            case EMBEDDED -> CorrespondenceStore.embedded(folder.resolve("store"));
            case POSTGRESQL -> CorrespondenceStore.of(LocalPostgres.shared().newDatabase(), folder.resolve("content")).migrate();
        };
    }
}
