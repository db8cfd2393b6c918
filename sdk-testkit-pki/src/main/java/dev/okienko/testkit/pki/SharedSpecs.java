package dev.okienko.testkit.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's official contracts (the folder {@code shared/specs}, beside the repository), for contract
 * tests. When the folder is missing a test needing it fails under CI (where it always exists) and is skipped
 * elsewhere, saying so; the location can be given with {@code -Dokienko.shared.dir=...}.
 */
public final class SharedSpecs {
    private SharedSpecs() {
    }

    /**
     * @param relative a path under {@code shared/specs}, e.g. {@code epuap/wsdl/obiektypk.xsd}
     * @return the file
     */
    public static Path require(String relative) {
        String configured = System.getProperty("okienko.shared.dir");
        Path shared = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        Path file = shared.resolve("specs").resolve(relative).normalize();
        if (!Files.exists(file)) {
            String message = "the official contract " + file.toAbsolutePath() + " is not here: contract tests need the"
                    + " project's shared/ folder beside the clone (or -Dokienko.shared.dir=...)";
            if (System.getenv("CI") != null) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return file;
    }
}
