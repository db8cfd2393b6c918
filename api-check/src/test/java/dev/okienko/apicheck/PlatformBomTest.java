package dev.okienko.apicheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The platform BOM (sdk-platform) states the versions okienko is built and tested with: every artifact it shares
 * with the parent's dependencyManagement has the parent's version, its own version is the project's, and the
 * kotlin-stdlib it pins is the one on okienko's own class path (the one OkHttp was built with).
 */
class PlatformBomTest {
    private static final Pattern PROPERTY = Pattern.compile("<([a-zA-Z0-9.-]+)>([^<]+)</\\1>");
    private static final Pattern DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>");

    @Test
    void platformVersions_areTheParents_andKotlinIsTheOneOnTheClassPath() throws Exception {
        String parent = Files.readString(Path.of("..", "pom.xml"));
        String platform = Files.readString(Path.of("..", "sdk-platform", "pom.xml"));
        Map<String, String> parentVersions = managed(parent);
        Map<String, String> platformVersions = managed(platform);
        assertThat(platformVersions).as("what sdk-platform manages").hasSizeGreaterThan(15);

        SoftAssertions soft = new SoftAssertions();
        int shared = 0;
        for (Map.Entry<String, String> e : platformVersions.entrySet()) {
            String inParent = parentVersions.get(e.getKey());
            if (inParent != null) {
                shared++;
                soft.assertThat(e.getValue()).as(e.getKey() + " in sdk-platform against the parent").isEqualTo(inParent);
            }
        }
        soft.assertAll();
        assertThat(shared).as("artifacts both manage").isGreaterThan(10);
        assertThat(platformVersions.get("org.jetbrains.kotlin:kotlin-stdlib"))
                .as("kotlin-stdlib: the version OkHttp brings onto okienko's class path")
                .isEqualTo(String.valueOf(Class.forName("kotlin.KotlinVersion").getField("CURRENT").get(null)));
        assertThat(tag(platform, "version")).as("sdk-platform's own version").isEqualTo(tag(parent.substring(parent.indexOf(
                "<artifactId>okienko-parent</artifactId>")), "version"));
    }

    /** groupId:artifactId to version, with the file's own properties put in. */
    private static Map<String, String> managed(String pom) {
        Map<String, String> properties = new LinkedHashMap<>();
        int start = pom.indexOf("<properties>");
        int end = pom.indexOf("</properties>");
        Matcher p = PROPERTY.matcher(pom.substring(start, end));
        while (p.find()) {
            properties.put(p.group(1), p.group(2).strip());
        }
        String management = pom.substring(pom.indexOf("<dependencyManagement>"), pom.indexOf("</dependencyManagement>"));
        Map<String, String> out = new LinkedHashMap<>();
        Matcher d = DEPENDENCY.matcher(management);
        while (d.find()) {
            String version = d.group(3).strip();
            Matcher ref = Pattern.compile("\\$\\{([^}]+)}").matcher(version);
            if (ref.matches() && properties.containsKey(ref.group(1))) {
                version = properties.get(ref.group(1));
            }
            out.put(d.group(1).strip() + ":" + d.group(2).strip(), version);
        }
        return out;
    }

    private static String tag(String xml, String name) {
        int from = xml.indexOf("<" + name + ">") + name.length() + 2;
        return xml.substring(from, xml.indexOf("</" + name + ">", from)).strip();
    }
}
