package dev.okienko.testkit.conformance;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the system under test is asked to do in one step of a scenario. An adapter command reads the same as
 * {@code task.json}: {@code {"scenario": ..., "action": ..., "params": {...}, "state": ..., "simulator": ...}}.
 *
 * <p>Actions and their parameters:
 * <ul>
 * <li>{@code edelivery.send}: send one letter from the system's own mailbox. {@code to} (ADEs, one message
 *   each unless the system groups them), or {@code nip}/{@code pesel} to look up in BAE first; {@code subject},
 *   {@code text}, {@code attachments} (file paths), {@code evidences} (evidence types to collect and check
 *   after sending, e.g. {@code A.1}, {@code D.1}), {@code pauseSeconds} (between letters when {@code to} has
 *   several), {@code oneLetter} ({@code true}: the addresses in {@code to} are the recipients of one letter, which
 *   the system sends as the service allows). Report {@code sent} (with {@code messageId}) for each message sent,
 *   {@code not-sent} (with {@code reason}) for each refused, {@code evidence} (with {@code type}, {@code verdict}
 *   GENUINE or REJECTED, {@code reason}).</li>
 * <li>{@code edelivery.status}: find out where the sent message {@code messageId} is, and collect and check the
 *   evidences named in {@code evidences}; report {@code status} with {@code status} (SENT, DELIVERED,
 *   PRESUMED_DELIVERED, NOT_DELIVERED, or the operator's status as given) and {@code evidence} as above.</li>
 * <li>{@code edelivery.receive}: take what is in the system's mailbox into the system's store without opening
 *   anything; report {@code stored} with {@code messageId} for each.</li>
 * <li>{@code epuap.receive}: take every document from the box {@code box} into the system's store, each stored
 *   before it is confirmed; report {@code stored} with {@code sha256} (of the document's content, hex) and
 *   {@code fileName} for each new one, {@code duplicate} with {@code sha256} for one recognised as stored.</li>
 * <li>{@code epuap.send}: send the file {@code file} from box {@code from} to box {@code to}; check the UPP;
 *   report {@code upp} with {@code verdict} GENUINE or REJECTED and {@code reason}.</li>
 * <li>{@code list}: report {@code stored} for every document the system has stored in this scenario.</li>
 * </ul>
 *
 * @param scenario the scenario's id
 * @param action what to do
 * @param params its parameters: strings, or lists of strings
 * @param simulator the simulators' description ({@code simulator.json}: endpoints, the system's keys, trust)
 * @param state a folder the system under test keeps its store in; the same for every step of a scenario, so that
 *     a system restarted after a crash finds what it stored
 */
public record Task(String scenario, String action, Map<String, Object> params, Path simulator, Path state) {
    /** Copies the parameters. */
    public Task {
        params = Map.copyOf(params);
    }

    /**
     * @param name a parameter
     * @return its value, or null when it is not given
     */
    public @Nullable String param(String name) {
        Object v = params.get(name);
        return v instanceof String s ? s : null;
    }

    /**
     * @param name a parameter
     * @return its value
     * @throws IllegalArgumentException when it is not given
     */
    public String required(String name) {
        String v = param(name);
        if (v == null) {
            throw new IllegalArgumentException("task " + action + " of " + scenario + " has no parameter " + name);
        }
        return v;
    }

    /**
     * @param name a list parameter (a single string counts as a list of one)
     * @return its values, or an empty list
     */
    public List<String> params(String name) {
        Object v = params.get(name);
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof List<?> list) {
            return list.stream().map(o -> Objects.toString(o)).toList();
        }
        return List.of();
    }
}
