package dev.okienko.spring;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags one of the two observations of okienko's HTTP exchanges: the calls or the attempts on the wire
 * ({@link #kind()}). Define a bean of this type for each you want to change, e.g. to rename it or to add a tag
 * (extend {@link DefaultOkienkoHttpObservationConvention} to keep okienko's tags); a global convention registered
 * in the {@code ObservationRegistry} takes precedence, as Micrometer has it.
 */
public interface OkienkoHttpObservationConvention extends ObservationConvention<OkienkoHttpContext> {
    /** @return the observation this convention names: calls or attempts */
    OkienkoHttpContext.Kind kind();

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof OkienkoHttpContext http && http.kind() == kind();
    }
}
