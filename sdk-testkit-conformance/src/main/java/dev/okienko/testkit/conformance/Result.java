package dev.okienko.testkit.conformance;

import dev.okienko.testkit.Exchange;
import java.time.Duration;
import java.util.List;

/**
 * A scenario's verdict with what decided it.
 *
 * @param scenario the scenario
 * @param verdict passed, failed, an error of the kit or the adapter (it did not run to the end), or skipped
 * @param why the reason, for a person: what was expected and what was seen
 * @param observations what the simulators observed that the verdict rests on
 * @param events what the system under test reported
 * @param traffic the requests the simulators answered, without bodies, PESEL masked
 * @param log the adapter's other output (the last lines), secrets masked
 * @param took how long the scenario took
 */
public record Result(Scenario scenario, Verdict verdict, String why, List<String> observations, List<Event> events,
                     List<Exchange> traffic, String log, Duration took) {
    /** A verdict. */
    public enum Verdict {
        /** The system behaved as the rule requires. */
        PASSED,
        /** It did not. */
        FAILED,
        /** The scenario could not be judged: the adapter timed out or the kit failed. */
        ERROR,
        /** Not run, and why says so (a smoke check without credentials). */
        SKIPPED
    }

    /** Copies the lists. */
    public Result {
        observations = List.copyOf(observations);
        events = List.copyOf(events);
        traffic = List.copyOf(traffic);
    }

    /** @return whether it passed */
    public boolean passed() {
        return verdict == Verdict.PASSED;
    }
}
