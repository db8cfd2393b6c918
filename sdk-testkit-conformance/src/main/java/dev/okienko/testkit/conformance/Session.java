package dev.okienko.testkit.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.okienko.testkit.conformance.internal.Check;
import dev.okienko.testkit.conformance.internal.Context;
import dev.okienko.testkit.seeded.Simulation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** One scenario's run: its simulators, its folder, the adapter's steps, and what was observed. */
final class Session implements Context {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOG_LINES = 200;
    private static final Pattern SECRETS = Pattern.compile("(eyJ[\\w-]{8,}\\.[\\w-]{8,}\\.[\\w-]*)|(\"password\"\\s*:\\s*\"[^\"]*\")"
            + "|((?<!\\d)\\d{7}(?=\\d{4}(?!\\d)))");

    private final Check check;
    private final Simulation sim;
    private final Path folder;
    private final Path state;
    private final Path simulatorJson;
    private final Adapter adapter;
    private final Duration timeout;
    private final List<String> observations = Collections.synchronizedList(new ArrayList<>());
    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private int steps;

    Session(Check check, Simulation sim, Path folder, Adapter adapter, Duration timeout) throws IOException {
        this.check = check;
        this.sim = sim;
        this.folder = Files.createDirectories(folder);
        this.state = Files.createDirectories(folder.resolve("state"));
        this.simulatorJson = sim.describe(folder.resolve("simulator"));
        this.adapter = adapter;
        this.timeout = timeout;
    }

    @Override
    public Simulation sim() {
        return sim;
    }

    @Override
    public Path folder() {
        return folder;
    }

    @Override
    public boolean canKill() {
        return adapter.commandOrNull() != null;
    }

    @Override
    public void observe(String text) {
        observations.add(text);
    }

    List<String> observations() {
        return List.copyOf(observations);
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    String log() {
        synchronized (log) {
            List<String> last = log.size() > LOG_LINES ? log.subList(log.size() - LOG_LINES, log.size()) : log;
            return String.join("\n", last);
        }
    }

    @Override
    public Step perform(String action, Map<String, Object> params, @Nullable Watcher watcher) {
        steps++;
        Task task = new Task(check.scenario().id(), action, params, simulatorJson, state);
        log.add("--- step " + steps + ": " + action);
        try {
            Driver driver = adapter.driverOrNull();
            Step step = driver != null ? drive(driver, task, watcher) : run(task, watcher);
            if (step.timedOut()) {
                throw new dev.okienko.testkit.conformance.internal.StepTimedOut("step " + steps + " (" + action + ") did not finish within "
                        + timeout + ": the scenario cannot be judged");
            }
            return step;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run step " + steps + " (" + action + "): " + e.getMessage(), e);
        }
    }

    private Step drive(Driver driver, Task task, @Nullable Watcher watcher) {
        List<Event> reported = Collections.synchronizedList(new ArrayList<>());
        Reporter reporter = (name, fields) -> {
            Event e = new Event(name, fields);
            reported.add(e);
            events.add(e);
        };
        String[] failure = {null};
        Thread t = new Thread(() -> {
            try {
                driver.perform(task, reporter);
            } catch (Exception | AssertionError e) {
                failure[0] = e.getClass().getSimpleName() + ": " + e.getMessage();
                log.add(mask("the driver failed: " + failure[0]));
            }
        }, "okienko-conformance-driver");
        t.setDaemon(true);
        t.start();
        long until = System.nanoTime() + timeout.toNanos();
        try {
            while (t.isAlive() && System.nanoTime() < until) {
                t.join(20);
                if (watcher != null) {
                    watcher.poll(sim); // a driver cannot be killed: the scenario's faults make it fail instead
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean timedOut = t.isAlive();
        if (timedOut) {
            t.interrupt();
            log.add("the driver did not finish within " + timeout);
        }
        return new Step(0, reported, false, timedOut ? "timed out after " + timeout : failure[0], timedOut);
    }

    private Step run(Task task, @Nullable Watcher watcher) throws IOException {
        ObjectNode json = JSON.createObjectNode().put("scenario", task.scenario()).put("action", task.action())
                .put("state", state.toString()).put("simulator", simulatorJson.toString());
        json.set("params", JSON.valueToTree(task.params()));
        Path taskJson = folder.resolve("task-" + steps + ".json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(taskJson.toFile(), json);
        List<String> command = new ArrayList<>(java.util.Objects.requireNonNull(adapter.commandOrNull()));
        command.add(simulatorJson.toString());
        command.add(taskJson.toString());
        // the caller's working directory, so that a relative adapter path works; the two paths given are absolute
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        List<Event> reported = Collections.synchronizedList(new ArrayList<>());
        Thread out = reader(p.getInputStream(), line -> {
            Event e = event(line);
            if (e != null) {
                reported.add(e);
                events.add(e);
            } else {
                log.add(mask(line));
            }
        });
        Thread err = reader(p.getErrorStream(), line -> log.add(mask(line)));
        long until = System.nanoTime() + timeout.toNanos();
        boolean killed = false;
        try {
            while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > until) {
                    break;
                }
                if (!killed && watcher != null && watcher.poll(sim)) {
                    p.destroyForcibly();
                    killed = true;
                    log.add("--- the kit killed the adapter (SIGKILL): the crash this scenario is about");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean timedOut = p.isAlive();
        if (timedOut) {
            p.destroyForcibly();
            log.add("--- the adapter did not finish within " + timeout + "; killed");
        }
        try {
            p.waitFor(10, TimeUnit.SECONDS);
            out.join(5000);
            err.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = timedOut ? -1 : p.exitValue();
        String failure = timedOut ? "timed out after " + timeout : killed ? "killed by the kit" : code != 0 ? "exit code " + code : null;
        return new Step(code, reported, killed, failure, timedOut);
    }

    private static Thread reader(InputStream in, java.util.function.Consumer<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.accept(line.length() > 4000 ? line.substring(0, 4000) + "…" : line);
                }
            } catch (IOException e) {
                lines.accept("(the adapter's output ended: " + e.getMessage() + ")");
            }
        }, "okienko-conformance-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** @return the line as an event, or null when it is not a JSON object with a text {@code event} */
    static @Nullable Event event(String line) {
        String l = line.trim();
        if (!l.startsWith("{")) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(l);
            if (n == null || !n.path("event").isTextual()) {
                return null;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            n.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("event")) {
                    fields.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString());
                }
            });
            return new Event(n.path("event").asText(), fields);
        } catch (IOException e) {
            return null;
        }
    }

    /** @return the text with tokens, passwords and PESEL-like numbers masked */
    static String mask(String text) {
        return SECRETS.matcher(text).replaceAll(m -> m.group(1) != null ? "eyJ***(a token)" : m.group(2) != null
                ? "\"password\": \"***\"" : "*******");
    }
}
