package dev.okienko.testkit.conformance.internal;

import dev.okienko.testkit.conformance.Scenario;
import dev.okienko.testkit.seeded.Simulation;

/** One scenario's implementation: its description, its simulators, its steps and its judgement. */
public interface Check {
    /** @return its description */
    Scenario scenario();

    /** @return its fresh simulators (seeded as {@code okienko simulate}, unless the scenario needs otherwise) */
    default Simulation start() {
        return Simulation.start();
    }

    /**
     * Runs the steps and judges.
     *
     * @param c the context
     * @return null when the system passed; otherwise why it failed, for a person
     * @throws Exception when the kit fails (an error, not a verdict)
     */
    @org.jspecify.annotations.Nullable String run(Context c) throws Exception;
}
