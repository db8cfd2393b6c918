package dev.okienko.apicheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public API of each published module, held against {@code api/<module>.api}. The API is every public type
 * outside {@code .internal} packages (nested ones too, when every enclosing type is public), with its
 * declaration, and its public and protected constructors, methods and fields, as the compiled classes declare
 * them (generic signatures, throws clauses, modifiers). A change in any of them fails here with the lines added
 * and removed: update the baseline in the same commit ({@code mvn -B verify -pl api-check -am
 * -Dokienko.api.update=true}), so that the change is a deliberate, reviewed diff.
 */
class PublicApiTest {
    private static final String UPDATE = "okienko.api.update";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "sdk-core, dev.okienko.core.Pesel",
        "sdk-signature, dev.okienko.signature.SignatureVerifier",
        "sdk-edelivery, dev.okienko.edelivery.Mailbox",
        "sdk-epuap, dev.okienko.epuap.EpuapClient",
        "sdk-testkit-pki, dev.okienko.testkit.pki.TestPki",
        "sdk-testkit-base, dev.okienko.testkit.SimulatorClock",
        "sdk-testkit-edelivery, dev.okienko.testkit.edelivery.EDeliverySimulator",
        "sdk-testkit-epuap, dev.okienko.testkit.epuap.EpuapSimulator",
        "sdk-correspondence, dev.okienko.correspondence.Correspondence",
        "sdk-testkit, dev.okienko.testkit.seeded.Simulation",
        "sdk-testkit-conformance, dev.okienko.testkit.conformance.ConformanceRun",
        "okienko-spring-boot-starter, dev.okienko.spring.OkienkoProperties"})
    void publicApi_matchesTheBaseline(String module, String oneOfItsClasses) throws Exception {
        List<String> api = api(Class.forName(oneOfItsClasses));
        Path baseline = Path.of(System.getProperty("okienko.api.dir", "api")).resolve(module + ".api");
        if (Boolean.getBoolean(UPDATE)) {
            Files.write(baseline, api, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(baseline)) {
            fail("no API baseline " + baseline + ": write it with -D" + UPDATE + "=true and commit it");
        }
        List<String> expected = Files.readAllLines(baseline, StandardCharsets.UTF_8);
        if (!expected.equals(api)) {
            List<String> removed = new ArrayList<>(expected);
            removed.removeAll(api);
            List<String> added = new ArrayList<>(api);
            added.removeAll(expected);
            fail("the public API of " + module + " changed; if that is meant, update " + baseline + " with -D" + UPDATE
                    + "=true in the same commit\n  removed:\n    " + String.join("\n    ", removed)
                    + "\n  added:\n    " + String.join("\n    ", added));
        }
        assertThat(api).isNotEmpty();
    }

    /** The module's public API, one sorted line per element, read from the jar or folder its classes come from. */
    static List<String> api(Class<?> oneOfItsClasses) throws IOException, URISyntaxException {
        Path location = Path.of(oneOfItsClasses.getProtectionDomain().getCodeSource().getLocation().toURI());
        TreeSet<String> lines = new TreeSet<>();
        if (Files.isDirectory(location)) {
            collect(location, oneOfItsClasses.getClassLoader(), lines);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                collect(jar.getPath("/"), oneOfItsClasses.getClassLoader(), lines);
            }
        }
        return new ArrayList<>(lines);
    }

    private static void collect(Path root, ClassLoader loader, TreeSet<String> lines) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (!relative.endsWith(".class") || relative.contains("/internal/") || relative.endsWith("module-info.class")
                        || relative.endsWith("package-info.class")) {
                    continue;
                }
                String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                Class<?> type;
                try {
                    type = Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("cannot load " + name, e);
                }
                if (isApi(type)) {
                    describe(type, lines);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static boolean isApi(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isSynthetic() || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static void describe(Class<?> type, TreeSet<String> lines) {
        String t = type.getName();
        // Class.toGenericString names "sealed" from JDK 21 on, not on 17: written out the same way on both
        String generic = type.toGenericString().replace(" non-sealed ", " ").replace(" sealed ", " ");
        StringBuilder declaration = new StringBuilder(t).append(": ").append(generic);
        if (type.isSealed()) {
            declaration.append(" sealed, permits ").append(String.join(", ",
                    Arrays.stream(type.getPermittedSubclasses()).map(Class::getName).sorted().toList()));
        }
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum() && !type.isRecord()) {
            declaration.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        if (type.getGenericInterfaces().length > 0) {
            declaration.append(" implements ").append(String.join(", ",
                    Arrays.stream(type.getGenericInterfaces()).map(java.lang.reflect.Type::getTypeName).toList()));
        }
        lines.add(declaration.toString());
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c)) {
                lines.add(t + ": " + c.toGenericString());
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m) && !m.isBridge()) {
                lines.add(t + ": " + m.toGenericString());
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f)) {
                lines.add(t + ": " + f.toGenericString());
            }
        }
    }

    private static boolean visible(Member member) {
        int m = member.getModifiers();
        return !member.isSynthetic() && (Modifier.isPublic(m) || (Modifier.isProtected(m)
                && !Modifier.isFinal(member.getDeclaringClass().getModifiers())));
    }
}
