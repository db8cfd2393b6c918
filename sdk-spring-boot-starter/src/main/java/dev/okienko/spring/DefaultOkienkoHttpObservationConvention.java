package dev.okienko.spring;

import io.micrometer.common.KeyValues;
import java.util.Objects;

/**
 * okienko's names and tags: {@value ObservedHttp#CALLS} per call and {@value ObservedHttp#REQUESTS} per attempt,
 * each tagged {@code client}, {@code method}, {@code status} and {@code outcome}; calls also {@code retries} (how many
 * times okienko's retry policy repeated the call: 0, 1, 2...). A span's name is {@code okienko <client> <method>}.
 */
public class DefaultOkienkoHttpObservationConvention implements OkienkoHttpObservationConvention {
    private final OkienkoHttpContext.Kind kind;

    /** @param kind the observation this names: calls or attempts */
    public DefaultOkienkoHttpObservationConvention(OkienkoHttpContext.Kind kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    @Override
    public OkienkoHttpContext.Kind kind() {
        return kind;
    }

    @Override
    public String getName() {
        return kind == OkienkoHttpContext.Kind.CALL ? ObservedHttp.CALLS : ObservedHttp.REQUESTS;
    }

    @Override
    public String getContextualName(OkienkoHttpContext context) {
        return "okienko " + context.client() + " " + context.method();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(OkienkoHttpContext context) {
        KeyValues values = KeyValues.of("client", context.client(), "method", context.method(), "status", context.status(),
                "outcome", context.outcome());
        return context.kind() == OkienkoHttpContext.Kind.CALL ? values.and("retries", Integer.toString(context.retries())) : values;
    }
}
