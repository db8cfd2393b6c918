package dev.okienko.testkit.conformance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The reports of a run: JUnit XML (one test case per scenario, which every CI shows natively), a self-contained
 * HTML page for a person (verdict, rule, source, what was observed, the traffic that decided it), and JSON. What
 * they quote is masked: tokens, passwords and PESEL numbers never appear.
 */
public final class Reports {
    /** The JUnit XML file's name. */
    public static final String JUNIT = "TEST-okienko-conformance.xml";
    /** The HTML page's name. */
    public static final String HTML = "conformance.html";
    /** The JSON file's name. */
    public static final String JSON = "conformance.json";

    private Reports() {
    }

    /**
     * Writes the three reports into a folder.
     *
     * @param results the results
     * @param dir the folder; made when missing
     * @throws UncheckedIOException when it cannot be written
     */
    public static void write(List<Result> results, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(JUNIT), junitXml(results), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(HTML), html(results), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(JSON), json(results), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the conformance reports into " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param results the results
     * @return JUnit XML: a test suite with one test case per scenario; a failure's message is why, its text the
     *     rule, the source and what was observed
     */
    public static String junitXml(List<Result> results) {
        long failures = results.stream().filter(r -> r.verdict() == Result.Verdict.FAILED).count();
        long errors = results.stream().filter(r -> r.verdict() == Result.Verdict.ERROR).count();
        long skipped = results.stream().filter(r -> r.verdict() == Result.Verdict.SKIPPED).count();
        double seconds = results.stream().mapToLong(r -> r.took().toMillis()).sum() / 1000.0;
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuite name=\"okienko-conformance\" tests=\"").append(results.size()).append("\" failures=\"").append(failures)
                .append("\" errors=\"").append(errors).append("\" skipped=\"").append(skipped).append("\" time=\"").append(seconds(seconds))
                .append("\" timestamp=\"").append(Instant.now().toString(), 0, 19).append("\">\n");
        for (Result r : results) {
            String id = r.scenario().id();
            x.append("  <testcase classname=\"okienko.conformance.").append(xml(id.contains("-") ? id.substring(0, id.indexOf('-')) : id))
                    .append("\" name=\"").append(xml(r.scenario().id() + ": " + r.scenario().title())).append("\" time=\"")
                    .append(seconds(r.took().toMillis() / 1000.0)).append("\"");
            if (r.passed()) {
                x.append("/>\n");
                continue;
            }
            if (r.verdict() == Result.Verdict.SKIPPED) {
                x.append(">\n    <skipped message=\"").append(xml(r.why())).append("\"/>\n  </testcase>\n");
                continue;
            }
            String tag = r.verdict() == Result.Verdict.FAILED ? "failure" : "error";
            x.append(">\n    <").append(tag).append(" message=\"").append(xml(r.why())).append("\" type=\"").append(r.verdict())
                    .append("\">").append(xml(details(r))).append("</").append(tag).append(">\n");
            x.append("    <system-out>").append(xml(r.log())).append("</system-out>\n  </testcase>\n");
        }
        return x.append("</testsuite>\n").toString();
    }

    private static String details(Result r) {
        StringBuilder d = new StringBuilder();
        d.append("rule: ").append(r.scenario().rule()).append("\nsource: ").append(r.scenario().source())
                .append("\nfaults: ").append(r.scenario().faults()).append("\nverdict: ").append(r.scenario().verdict()).append("\n");
        r.observations().forEach(o -> d.append("observed: ").append(o).append('\n'));
        r.events().forEach(e -> d.append("reported: ").append(e).append('\n'));
        return d.toString();
    }

    /**
     * @param results the results
     * @return the results as JSON: {@code {"passed": n, "failed": n, "errors": n, "scenarios": [...]}}
     */
    public static String json(List<Result> results) {
        ObjectNode root = Session.JSON.createObjectNode();
        root.put("passed", results.stream().filter(Result::passed).count());
        root.put("failed", results.stream().filter(r -> r.verdict() == Result.Verdict.FAILED).count());
        root.put("errors", results.stream().filter(r -> r.verdict() == Result.Verdict.ERROR).count());
        root.put("skipped", results.stream().filter(r -> r.verdict() == Result.Verdict.SKIPPED).count());
        ArrayNode all = root.putArray("scenarios");
        for (Result r : results) {
            ObjectNode n = all.addObject();
            n.put("id", r.scenario().id()).put("area", r.scenario().area()).put("title", r.scenario().title())
                    .put("verdict", r.verdict().name()).put("why", r.why()).put("rule", r.scenario().rule())
                    .put("source", r.scenario().source()).put("millis", r.took().toMillis());
            r.observations().forEach(n.putArray("observed")::add);
            ArrayNode events = n.putArray("reported");
            r.events().forEach(e -> {
                ObjectNode en = events.addObject().put("event", e.name());
                e.fields().forEach(en::put);
            });
            ArrayNode traffic = n.putArray("traffic");
            r.traffic().forEach(t -> traffic.add(t.toString()));
        }
        try {
            return Session.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param results the results
     * @return a self-contained HTML page: a summary, then each scenario with its verdict, why, the rule and its
     *     source, what was observed and reported, the traffic and the adapter's log; failures first
     */
    public static String html(List<Result> results) {
        long passed = results.stream().filter(Result::passed).count();
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>okienko conformance: " + passed + " of " + results.size() + " passed</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:2em;max-width:72em}"
                + "h2{margin-top:2em}.PASSED{color:#176317}.FAILED{color:#a31515}.ERROR{color:#8a5a00}.SKIPPED{color:#555}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}"
                + "pre{background:#f6f6f6;padding:.5em;overflow-x:auto;white-space:pre-wrap}dt{font-weight:bold}</style></head><body>\n");
        h.append("<h1>okienko conformance: ").append(passed).append(" of ").append(results.size()).append(" passed</h1>\n<table>")
                .append("<tr><th>scenario</th><th>area</th><th>verdict</th><th>why</th></tr>\n");
        List<Result> ordered = results.stream().sorted(java.util.Comparator.comparing(Result::passed)).toList();
        for (Result r : ordered) {
            h.append("<tr><td><a href=\"#").append(html(r.scenario().id())).append("\">").append(html(r.scenario().id()))
                    .append("</a></td><td>").append(html(r.scenario().area())).append("</td><td class=\"").append(r.verdict())
                    .append("\">").append(r.verdict()).append("</td><td>").append(html(r.why())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (Result r : ordered) {
            Scenario s = r.scenario();
            h.append("<h2 id=\"").append(html(s.id())).append("\"><span class=\"").append(r.verdict()).append("\">")
                    .append(r.verdict()).append("</span> ").append(html(s.id())).append(": ").append(html(s.title())).append("</h2>\n<dl>");
            dd(h, "why", r.why());
            dd(h, "rule", s.rule());
            dd(h, "source", s.source());
            dd(h, "the system was asked", s.task());
            dd(h, "faults injected", s.faults());
            dd(h, "how it is judged", s.verdict());
            dd(h, "took", r.took().toMillis() + " ms");
            h.append("</dl>\n");
            list(h, "observed by the simulators", r.observations());
            list(h, "reported by the system", r.events().stream().map(Event::toString).toList());
            h.append("<h3>traffic</h3><pre>");
            r.traffic().forEach(t -> h.append(html(t.toString())).append('\n'));
            h.append("</pre>\n<h3>the adapter's log</h3><pre>").append(html(r.log())).append("</pre>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static void dd(StringBuilder h, String term, String text) {
        h.append("<dt>").append(html(term)).append("</dt><dd>").append(html(text)).append("</dd>");
    }

    private static void list(StringBuilder h, String title, List<String> items) {
        h.append("<h3>").append(html(title)).append("</h3>");
        if (items.isEmpty()) {
            h.append("<p>nothing</p>\n");
            return;
        }
        h.append("<ul>");
        items.forEach(i -> h.append("<li>").append(html(i)).append("</li>"));
        h.append("</ul>\n");
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private static String xml(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return Session.mask(b.toString());
    }

    private static String html(String text) {
        return xml(text);
    }
}
