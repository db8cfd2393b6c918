package dev.okienko.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The command line as users run it: the packaged jar with its lib folder, in a process of its own, not the classes on
 * a test class path. A dependency that only the tests see (a scope set to test by mistake once took JAXB out of the
 * jar's folder, and ./okienko demo failed with NoClassDefFoundError while every test passed) fails here.
 */
class PackagedCommandLineTest {
    @Test
    void thePackagedJar_runsTheDemo_fromItsOwnFolder() throws Exception {
        Path jar = Path.of("..", "examples", "target", "okienko.jar").toAbsolutePath().normalize();
        assertThat(jar).as("the command line's jar, packaged by the examples module earlier in the build").isRegularFile();
        assertThat(jar.resolveSibling("lib")).isDirectory();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process demo = new ProcessBuilder(java, "-jar", jar.toString(), "demo").redirectErrorStream(true)
                .directory(Files.createTempDirectory("okienko-demo").toFile()).start();
        String output = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(demo.waitFor(180, TimeUnit.SECONDS)).as("the demo ends within 3 minutes").isTrue();
        assertThat(output).doesNotContain("NoClassDefFoundError").doesNotContain("ClassNotFoundException")
                .contains("Demo finished: every step got what it expected.");
        assertThat(demo.exitValue()).as(output).isZero();
    }
}
