package dev.okienko.spring;

import dev.okienko.core.HttpClients;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * okienko's HTTP stack for one client, observed with Micrometer: an observation {@code okienko.http.client.calls} per
 * call (retries included) and {@code okienko.http.client.requests} per attempt on the wire, each with the client's
 * name, the method, the status and the outcome (SUCCESS, CLIENT_ERROR, SERVER_ERROR, IO_ERROR) as low-cardinality
 * tags, and the calls with the number of retries. Each retry is also an event {@value #RETRY_EVENT} of its call:
 * with Spring Boot's actuator a counter {@code okienko.http.client.calls.retry}, tagged with the client and method.
 * Nothing from the URL, the headers or the body is recorded: tokens and PESEL numbers never reach a metric or a
 * trace. With the actuator each observation is also a timer of the same name. Names and tags can be changed with
 * an {@link OkienkoHttpObservationConvention}.
 */
public final class ObservedHttp {
    /** One observation per call, retries included. */
    public static final String CALLS = "okienko.http.client.calls";
    /** One observation per attempt on the wire: more than the calls when retries happened. */
    public static final String REQUESTS = "okienko.http.client.requests";
    /** The name of the event each retry is on its call's observation. */
    public static final String RETRY_EVENT = "retry";
    static final Observation.Event RETRY = Observation.Event.of(RETRY_EVENT, "okienko's retry policy repeats the call");

    private ObservedHttp() {
    }

    /**
     * @param client the client's name for the tags, e.g. {@code edelivery}
     * @param registry where observations go ({@link ObservationRegistry#NOOP} for none)
     * @return okienko's client (retries, timeouts, masked logs) with the observations, named and tagged by okienko
     */
    public static OkHttpClient client(String client, ObservationRegistry registry) {
        return client(client, registry, List.of());
    }

    /**
     * @param client the client's name for the tags, e.g. {@code edelivery}
     * @param registry where observations go ({@link ObservationRegistry#NOOP} for none)
     * @param conventions yours, if any: the first of each kind names and tags that observation instead of okienko's
     * @return okienko's client (retries, timeouts, masked logs) with the observations
     */
    public static OkHttpClient client(String client, ObservationRegistry registry, List<OkienkoHttpObservationConvention> conventions) {
        return builder(client, registry, conventions).build();
    }

    /** @return okienko's client builder with the observations, for settings of its own (TLS) before it is built */
    static HttpClients.Builder builder(String client, ObservationRegistry registry, List<OkienkoHttpObservationConvention> conventions) {
        OkHttpClient base = new OkHttpClient.Builder()
                .addInterceptor(new Observing(OkienkoHttpContext.Kind.CALL, client, registry, first(conventions, OkienkoHttpContext.Kind.CALL)))
                .addNetworkInterceptor(new Observing(OkienkoHttpContext.Kind.REQUEST, client, registry,
                        first(conventions, OkienkoHttpContext.Kind.REQUEST)))
                .build();
        return HttpClients.builder().baseClient(base).retryListener(ObservedHttp::retrying);
    }

    private static void retrying(Request request, int nextAttempt, String reason, java.time.Duration wait) {
        OkienkoHttpContext call = request.tag(OkienkoHttpContext.class);
        if (call != null) {
            call.retrying(reason);
        }
    }

    private static @Nullable OkienkoHttpObservationConvention first(List<OkienkoHttpObservationConvention> conventions,
                                                                    OkienkoHttpContext.Kind kind) {
        return conventions.stream().filter(c -> c.kind() == kind).findFirst().orElse(null);
    }

    private record Observing(OkienkoHttpContext.Kind kind, String client, ObservationRegistry registry,
                             @Nullable OkienkoHttpObservationConvention custom) implements Interceptor {
        @Override
        public Response intercept(Chain chain) throws IOException {
            Request request = chain.request();
            OkienkoHttpContext context = new OkienkoHttpContext(kind, client, request.method());
            Observation observation = Observation.createNotStarted(custom, new DefaultOkienkoHttpObservationConvention(kind),
                    () -> context, registry).start();
            context.observation(observation);
            if (kind == OkienkoHttpContext.Kind.CALL) {
                // the retry listener finds its call through the request's tag (a retried request keeps its tags)
                request = request.newBuilder().tag(OkienkoHttpContext.class, context).build();
            }
            try (Observation.Scope scope = observation.openScope()) {
                Response response = chain.proceed(request);
                context.answered(response.code());
                return response;
            } catch (IOException | RuntimeException e) {
                context.failed();
                observation.error(e);
                throw e;
            } finally {
                observation.stop();
            }
        }
    }
}
