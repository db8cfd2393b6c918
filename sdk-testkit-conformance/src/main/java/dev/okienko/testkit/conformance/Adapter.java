package dev.okienko.testkit.conformance;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the runner reaches the system under test: a command it starts for each step (any language), or a
 * {@link Driver} it calls in-process (Java).
 */
public final class Adapter {
    private final @Nullable List<String> command;
    private final @Nullable Driver driver;

    private Adapter(@Nullable List<String> command, @Nullable Driver driver) {
        this.command = command;
        this.driver = driver;
    }

    /**
     * A command run for each step with the paths of {@code simulator.json} and {@code task.json} as its last two
     * arguments (absolute), in the working directory of the run; what it prints as JSON lines with an {@code event} field is what it
     * reports, other lines are its log. A crash scenario kills it with SIGKILL.
     *
     * @param command the program and its first arguments, e.g. {@code [python3, adapter.py]}
     * @return the adapter
     */
    public static Adapter command(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("an adapter command needs at least the program");
        }
        return new Adapter(List.copyOf(command), null);
    }

    /**
     * @param driver the system under test, in-process
     * @return the adapter
     */
    public static Adapter driver(Driver driver) {
        return new Adapter(null, Objects.requireNonNull(driver, "driver"));
    }

    /** @return the command, or null for a driver */
    @Nullable List<String> commandOrNull() {
        return command;
    }

    /** @return the driver, or null for a command */
    @Nullable Driver driverOrNull() {
        return driver;
    }

    @Override
    public String toString() {
        return command != null ? String.join(" ", command) : "driver " + Objects.requireNonNull(driver).getClass().getName();
    }
}
