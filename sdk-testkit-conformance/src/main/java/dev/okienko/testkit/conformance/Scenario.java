package dev.okienko.testkit.conformance;

import java.util.List;

/**
 * One entry of the catalogue: what a system under test is asked to do against fresh simulators, which faults
 * they inject, which rule that checks and where the rule comes from, and how the verdict is reached from what
 * the simulators observed.
 *
 * @param id a stable id, e.g. {@code edelivery-lost-answer}; scenario ids never change meaning
 * @param area {@code e-Doręczenia} or {@code ePUAP}
 * @param title what it proves, in one line
 * @param rule the rule it checks
 * @param source where the rule comes from (the contract, the operator's documentation, the law)
 * @param actions the actions the adapter is asked to perform, in order ({@link Task#action()})
 * @param task what the system under test is asked to do, for a person
 * @param faults what the simulators do wrong on purpose, or "none"
 * @param verdict how the verdict is reached
 */
public record Scenario(String id, String area, String title, String rule, String source, List<String> actions, String task,
                       String faults, String verdict) {
    /** Copies the list. */
    public Scenario {
        actions = List.copyOf(actions);
    }
}
