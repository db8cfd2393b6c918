package dev.okienko.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The README's Java is compiled code: every {@code ```java} block in README.md follows a {@code <!-- snippet: NAME -->}
 * line and is, line for line, the region {@code tag::NAME[]} .. {@code end::NAME[]} of a source in this package (which
 * compiles, and where it is a test, runs). After changing a region, {@code mvn -B verify -pl examples
 * -Dtest=ReadmeSnippetsTest -Dokienko.readme.update=true} writes the README's blocks from the sources.
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCES = Path.of("src", "test", "java", "dev", "okienko", "examples", "readme");
    private static final Pattern MARKER = Pattern.compile("^<!-- snippet: ([a-z0-9-]+) -->$");
    private static final Pattern TAG = Pattern.compile("^\\s*// tag::([a-z0-9-]+)\\[]$");

    @Test
    void everyJavaBlockInTheReadme_isACompiledRegion() throws IOException {
        Map<String, List<String>> regions = regions();
        List<String> readme = Files.readAllLines(README, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        List<String> used = new ArrayList<>();
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < readme.size(); i++) {
            String line = readme.get(i);
            out.add(line);
            if (!line.equals("```java")) {
                continue;
            }
            Matcher marker = i > 0 ? MARKER.matcher(readme.get(i - 1)) : null;
            int end = i + 1;
            while (end < readme.size() && !readme.get(end).equals("```")) {
                end++;
            }
            List<String> block = readme.subList(i + 1, end);
            if (marker == null || !marker.matches()) {
                soft.fail("README.md line " + (i + 1) + ": a ```java block without a <!-- snippet: NAME --> line before it");
                out.addAll(block);
            } else {
                String name = marker.group(1);
                used.add(name);
                List<String> region = regions.get(name);
                if (region == null) {
                    soft.fail("README.md line " + i + ": no region tag::" + name + "[] in " + SOURCES);
                    out.addAll(block);
                } else {
                    soft.assertThat(String.join("\n", block)).as("README block " + name + " (line " + (i + 2) + ") against its region")
                            .isEqualTo(String.join("\n", region));
                    out.addAll(region);
                }
            }
            i = end - 1;
        }
        soft.assertThat(used).as("regions the README shows").containsExactlyInAnyOrderElementsOf(regions.keySet());
        if (Boolean.getBoolean("okienko.readme.update")) {
            Files.write(README, out, StandardCharsets.UTF_8);
            return;
        }
        soft.assertAll();
    }

    /** Each region of the sources here, de-indented. */
    private static Map<String, List<String>> regions() throws IOException {
        Map<String, List<String>> regions = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(SOURCES)) {
            files = list.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher tag = TAG.matcher(lines.get(i));
                if (!tag.matches()) {
                    continue;
                }
                String name = tag.group(1);
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).strip().equals("// end::" + name + "[]")) {
                    end++;
                }
                assertThat(end).as("end::" + name + "[] in " + file).isLessThan(lines.size());
                List<String> region = lines.subList(i + 1, end);
                int indent = region.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                        .min().orElse(0);
                assertThat(regions.put(name, region.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList()))
                        .as("region " + name + " defined twice").isNull();
            }
        }
        assertThat(regions).as("regions in " + SOURCES).hasSizeGreaterThan(10);
        return regions;
    }
}
