package dev.okienko.signature;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs an independent tool (poppler's pdfsig, xmlsec1, NSS's certutil) in a separate process. Such tools
 * come from Debian packages that {@code .ci/run} installs: under CI a missing tool fails the test; on a
 * developer's machine without them the test is skipped and says which package to install.
 */
final class ExternalTool {
    record Result(int exitCode, String output) {
    }

    private ExternalTool() {
    }

    static void require(String tool, String debianPackage) {
        boolean present = List.of("/usr/bin", "/usr/local/bin", "/bin").stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
        if (present) {
            return;
        }
        String message = tool + " is not installed (Debian package " + debianPackage + "; .ci/run installs it)";
        if (System.getenv("CI") != null) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    static Result run(Path workDir, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), out);
    }
}
