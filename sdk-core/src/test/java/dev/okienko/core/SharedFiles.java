package dev.okienko.core;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's shared folder ({@code ../shared} beside the repository: design notes, official
 * contracts, test vectors). CI always has it; a test that needs it fails with a clear message when it is
 * missing rather than passing silently.
 */
final class SharedFiles {
    private SharedFiles() {
    }

    static Path require(String relative) {
        String configured = System.getProperty("okienko.shared.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        Path file = dir.resolve(relative).normalize();
        if (!Files.exists(file)) {
            fail("shared test material " + file.toAbsolutePath() + " is missing: clone the project with ../shared"
                    + " beside it (as CI does) or set -Dokienko.shared.dir=/path/to/shared");
        }
        return file;
    }
}
