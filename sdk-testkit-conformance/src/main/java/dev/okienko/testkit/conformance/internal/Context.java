package dev.okienko.testkit.conformance.internal;

import dev.okienko.testkit.conformance.Event;
import dev.okienko.testkit.seeded.Simulation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What a check works with: its fresh simulators, its folder, and the system under test, one step at a time. */
public interface Context {
    /** @return the scenario's simulators */
    Simulation sim();

    /** @return the scenario's folder: inputs for the system under test go here */
    Path folder();

    /** @return whether the system under test is a process the kit can kill (an adapter command) */
    boolean canKill();

    /**
     * Runs one step and waits for it.
     *
     * @param action the action
     * @param params its parameters (strings or lists of strings)
     * @return what came of it
     */
    default Step perform(String action, Map<String, Object> params) {
        return perform(action, params, null);
    }

    /**
     * Runs one step, polling the watcher every 20 ms while it runs.
     *
     * @param action the action
     * @param params its parameters
     * @param watcher looks at the simulators while the step runs; returns true to kill the system under test now
     *     (a process adapter is killed with SIGKILL; a driver is left to fail on its own)
     * @return what came of it
     */
    Step perform(String action, Map<String, Object> params, @Nullable Watcher watcher);

    /**
     * @param text something the simulators observed that the verdict rests on
     */
    void observe(String text);

    /** Looks at the simulators while a step runs. */
    @FunctionalInterface
    interface Watcher {
        /**
         * @param sim the simulators
         * @return whether to kill the system under test now
         */
        boolean poll(Simulation sim);
    }

    /**
     * What came of a step.
     *
     * @param exitCode the adapter's exit code; 0 for a driver that returned
     * @param events what it reported
     * @param killed whether the kit killed it (a crash scenario)
     * @param failure why it failed (a driver's exception, a non-zero exit, a timeout), or null
     * @param timedOut whether it did not finish within the timeout
     */
    record Step(int exitCode, List<Event> events, boolean killed, @Nullable String failure, boolean timedOut) {
        /** Copies the list. */
        public Step {
            events = List.copyOf(events);
        }

        /**
         * @param name an event's name
         * @return the events of that name
         */
        public List<Event> events(String name) {
            return events.stream().filter(e -> e.name().equals(name)).toList();
        }
    }
}
