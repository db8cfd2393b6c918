package dev.okienko.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.okienko.core.ClientException;
import dev.okienko.testkit.conformance.Adapter;
import dev.okienko.testkit.conformance.Catalogue;
import dev.okienko.testkit.conformance.ConformanceRun;
import dev.okienko.testkit.conformance.Reports;
import dev.okienko.testkit.conformance.Result;
import dev.okienko.testkit.conformance.Scenario;
import dev.okienko.testkit.conformance.Task;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code okienko conformance list|run|adapter}: the conformance kit from the command line. */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Prove a system's own integration with ePUAP and e-Doręczenia against fresh simulators, from any language.",
        subcommands = {ConformanceCommands.ListScenarios.class, ConformanceCommands.Run.class, ConformanceCommands.OwnAdapter.class,
            ConformanceSmoke.class})
final class ConformanceCommands implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.@Nullable CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(java.util.Objects.requireNonNull(spec).commandLine(),
                "say what to do: list, run, adapter or smoke");
    }

    /** {@code okienko conformance list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the catalogue of scenarios.")
    static final class ListScenarios implements Callable<Integer> {
        @Option(names = "--json", description = "as JSON: id, area, title, rule, source, actions, task, faults, verdict")
        boolean json;
        @CommandLine.Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = java.util.Objects.requireNonNull(spec).commandLine().getOut();
            List<Scenario> all = Catalogue.scenarios();
            if (json) {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(all));
                return 0;
            }
            for (Scenario s : all) {
                out.printf("%-32s %-13s %s%n", s.id(), s.area(), s.title());
                out.printf("%-32s %-13s rule: %s%n", "", "", s.rule());
                out.printf("%-32s %-13s source: %s%n", "", "", s.source());
            }
            out.println(all.size() + " scenarios; 'okienko conformance list --json' gives each one's task, faults and verdict");
            return 0;
        }
    }

    /** {@code okienko conformance run}. */
    @Command(name = "run", mixinStandardHelpOptions = true, description = {"Run scenarios against a system under test.",
        "For each scenario: fresh simulators, a folder with simulator.json and task.json, the adapter COMMAND run with their "
            + "paths as its last two arguments, then a verdict. Exit code 0 when every scenario passed, 1 otherwise."})
    static final class Run implements Callable<Integer> {
        @Option(names = "--sut", required = true, paramLabel = "COMMAND",
                description = "the adapter command, split at spaces (quote parts with spaces), e.g. \"python3 adapter.py\"")
        String sut;
        @Option(names = "--scenario", paramLabel = "ID", description = "a scenario to run (repeatable; default: all)")
        List<String> scenarios = new ArrayList<>();
        @Option(names = "--report", paramLabel = "DIR", description = "write JUnit XML, HTML and JSON reports there")
        @Nullable Path report;
        @Option(names = "--timeout", paramLabel = "SECONDS", description = "the most one step may take (default: ${DEFAULT-VALUE})")
        long timeout = 120;
        @Option(names = "--parallel", paramLabel = "N", description = "scenarios at once (default: ${DEFAULT-VALUE})")
        int parallel = 1;
        @Option(names = "--dir", paramLabel = "DIR", description = "where the scenarios' folders go (default: a new temporary folder)")
        @Nullable Path dir;
        @CommandLine.Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<String> command = split(sut);
            for (String id : scenarios) {
                Catalogue.scenario(id); // an unknown id is refused before anything starts
            }
            Path folder = dir != null ? dir : Files.createTempDirectory("okienko-conformance");
            PrintWriter out = java.util.Objects.requireNonNull(spec).commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            err.println("okienko conformance: " + (scenarios.isEmpty() ? Catalogue.scenarios().size() + " scenarios" : scenarios)
                    + " against " + String.join(" ", command) + "; folders in " + folder);
            err.flush();
            List<Result> results = ConformanceRun.builder().adapter(Adapter.command(command)).scenarios(scenarios)
                    .timeout(Duration.ofSeconds(timeout)).parallelism(parallel).folder(folder).build().run();
            for (Result r : results) {
                out.printf("%-7s %-32s %s%n", r.verdict(), r.scenario().id(), r.passed() ? r.scenario().title() : r.why());
            }
            long passed = results.stream().filter(Result::passed).count();
            out.println(passed + " of " + results.size() + " passed");
            if (report != null) {
                Reports.write(results, report);
                out.println("reports: " + report.resolve(Reports.JUNIT) + ", " + report.resolve(Reports.HTML) + ", "
                        + report.resolve(Reports.JSON));
            }
            return passed == results.size() ? 0 : 1;
        }

        /** @return the command split at spaces outside quotes */
        static List<String> split(String command) {
            List<String> parts = new ArrayList<>();
            StringBuilder part = new StringBuilder();
            char quote = 0;
            boolean any = false;
            for (char ch : command.toCharArray()) {
                if (quote != 0) {
                    if (ch == quote) {
                        quote = 0;
                    } else {
                        part.append(ch);
                    }
                } else if (ch == '"' || ch == '\'') {
                    quote = ch;
                    any = true;
                } else if (Character.isWhitespace(ch)) {
                    if (part.length() > 0 || any) {
                        parts.add(part.toString());
                        part.setLength(0);
                        any = false;
                    }
                } else {
                    part.append(ch);
                }
            }
            if (quote != 0) {
                throw new ClientException("--sut: an unclosed quote in " + command);
            }
            if (part.length() > 0 || any) {
                parts.add(part.toString());
            }
            if (parts.isEmpty()) {
                throw new ClientException("--sut: give the adapter command, e.g. \"python3 adapter.py\"");
            }
            return parts;
        }
    }

    /** {@code okienko conformance adapter}: okienko's own clients as an adapter command. */
    @Command(name = "adapter", mixinStandardHelpOptions = true, description = {"okienko's own clients as a system under test: "
        + "performs task.json against the simulators simulator.json describes and prints what it did as JSON lines.",
        "An example adapter: 'okienko conformance run --sut \"./okienko conformance adapter\"'."})
    static final class OwnAdapter implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SIMULATOR_JSON")
        Path simulator;
        @Parameters(index = "1", paramLabel = "TASK_JSON")
        Path taskFile;
        @CommandLine.Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ObjectMapper json = new ObjectMapper();
            JsonNode t = json.readTree(taskFile.toFile());
            Map<String, Object> params = new LinkedHashMap<>();
            t.path("params").fields().forEachRemaining(f -> {
                if (f.getValue().isArray()) {
                    List<String> values = new ArrayList<>();
                    f.getValue().forEach(v -> values.add(v.asText()));
                    params.put(f.getKey(), values);
                } else {
                    params.put(f.getKey(), f.getValue().asText());
                }
            });
            Task task = new Task(t.path("scenario").asText(), t.path("action").asText(), params, simulator, Path.of(t.path("state").asText()));
            PrintWriter out = java.util.Objects.requireNonNull(spec).commandLine().getOut();
            new OkienkoDriver().perform(task, (event, fields) -> {
                Map<String, String> line = new LinkedHashMap<>();
                line.put("event", event);
                line.putAll(fields);
                try {
                    out.println(json.writeValueAsString(line));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
                out.flush();
            });
            return 0;
        }
    }
}
