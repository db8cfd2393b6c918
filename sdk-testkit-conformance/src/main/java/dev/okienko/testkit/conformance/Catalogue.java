package dev.okienko.testkit.conformance;

import dev.okienko.testkit.conformance.internal.Check;
import dev.okienko.testkit.conformance.internal.Checks;
import java.util.List;
import java.util.stream.Collectors;

/** The scenarios of the conformance kit, in a stable order. */
public final class Catalogue {
    private Catalogue() {
    }

    /** @return every scenario */
    public static List<Scenario> scenarios() {
        return Checks.all().stream().map(Check::scenario).toList();
    }

    /**
     * @param id a scenario's id
     * @return the scenario
     * @throws IllegalArgumentException when there is none, naming the ids there are
     */
    public static Scenario scenario(String id) {
        return check(id).scenario();
    }

    static Check check(String id) {
        return Checks.all().stream().filter(c -> c.scenario().id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scenario " + id + "; the catalogue has "
                        + Checks.all().stream().map(c -> c.scenario().id()).collect(Collectors.joining(", "))));
    }
}
