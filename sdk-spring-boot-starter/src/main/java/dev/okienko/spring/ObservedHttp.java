package dev.okienko.spring;

import dev.okienko.core.HttpClients;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * okienko's HTTP stack for one client, observed with Micrometer: an observation {@code okienko.http.client.calls} per
 * call (retries included) and {@code okienko.http.client.requests} per attempt on the wire, each with the client's
 * name, the method, the status and the outcome (SUCCESS, CLIENT_ERROR, SERVER_ERROR, IO_ERROR) as low-cardinality
 * tags. Nothing from the URL, the headers or the body is recorded: tokens and PESEL numbers never reach a metric or a
 * trace. With Spring Boot's actuator each observation is also a timer of the same name.
 */
public final class ObservedHttp {
    /** One observation per call, retries included. */
    public static final String CALLS = "okienko.http.client.calls";
    /** One observation per attempt on the wire: more than the calls when retries happened. */
    public static final String REQUESTS = "okienko.http.client.requests";

    private ObservedHttp() {
    }

    /**
     * @param client the client's name for the tags, e.g. {@code edelivery}
     * @param registry where observations go ({@link ObservationRegistry#NOOP} for none)
     * @return okienko's client (retries, timeouts, masked logs) with the observations
     */
    public static OkHttpClient client(String client, ObservationRegistry registry) {
        OkHttpClient base = new OkHttpClient.Builder()
                .addInterceptor(new Observing(CALLS, client, registry))
                .addNetworkInterceptor(new Observing(REQUESTS, client, registry))
                .build();
        return HttpClients.builder().baseClient(base).build();
    }

    private record Observing(String name, String client, ObservationRegistry registry) implements Interceptor {
        @Override
        public Response intercept(Chain chain) throws IOException {
            Observation observation = Observation.createNotStarted(name, registry)
                    .lowCardinalityKeyValue("client", client)
                    .lowCardinalityKeyValue("method", chain.request().method())
                    .contextualName("okienko " + client + " " + chain.request().method())
                    .start();
            try (Observation.Scope scope = observation.openScope()) {
                Response response = chain.proceed(chain.request());
                int code = response.code();
                observation.lowCardinalityKeyValue("status", Integer.toString(code))
                        .lowCardinalityKeyValue("outcome", code >= 500 ? "SERVER_ERROR" : code >= 400 ? "CLIENT_ERROR" : "SUCCESS");
                return response;
            } catch (IOException | RuntimeException e) {
                observation.lowCardinalityKeyValue("status", "IO_ERROR").lowCardinalityKeyValue("outcome", "IO_ERROR");
                observation.error(e);
                throw e;
            } finally {
                observation.stop();
            }
        }
    }
}
