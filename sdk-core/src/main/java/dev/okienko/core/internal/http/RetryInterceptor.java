package dev.okienko.core.internal.http;

import dev.okienko.core.HttpClients;
import dev.okienko.core.PrintableText;
import dev.okienko.core.RetryPolicy;
import dev.okienko.core.internal.Secrets;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link RetryPolicy} (see there for the rules) and adds the {@code User-Agent}. A call that
 * was cancelled or ran out of its call timeout is never repeated.
 */
public final class RetryInterceptor implements Interceptor {
    private static final Logger LOG = LoggerFactory.getLogger("dev.okienko.http");
    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");

    private final RetryPolicy policy;
    private final String userAgent;
    private final HttpClients.RetryListener listener;

    /**
     * @param policy when to retry
     * @param userAgent the User-Agent for requests that have none
     * @param listener told of each retry before the wait
     */
    public RetryInterceptor(RetryPolicy policy, String userAgent, HttpClients.RetryListener listener) {
        this.policy = policy;
        this.userAgent = userAgent;
        this.listener = listener;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (request.header("User-Agent") == null) {
            request = request.newBuilder().header("User-Agent", userAgent).build();
        }
        boolean repeatable = isRepeatable(request);
        for (int attempt = 1; ; attempt++) {
            boolean last = !repeatable || attempt >= policy.maxAttempts();
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException e) {
                if (last || chain.call().isCanceled() || !isTransient(e)) {
                    throw e;
                }
                Duration wait = policy.backoff(attempt);
                LOG.info("{} {} failed ({}); attempt {} of {} in {} ms", request.method(),
                        Secrets.maskUrl(request.url()), PrintableText.of(e.toString()), attempt + 1, policy.maxAttempts(), wait.toMillis());
                tell(request, attempt + 1, e.getClass().getSimpleName(), wait);
                sleep(wait);
                continue;
            }
            if (last || !policy.retryableStatuses().contains(response.code())) {
                return response;
            }
            Optional<Duration> retryAfter = retryAfter(response);
            if (retryAfter.isPresent() && retryAfter.get().compareTo(policy.maxRetryAfter()) > 0) {
                LOG.info("{} {} answered {} with Retry-After {} s, longer than the {} s okienko waits; giving up",
                        request.method(), Secrets.maskUrl(request.url()), response.code(),
                        retryAfter.get().toSeconds(), policy.maxRetryAfter().toSeconds());
                return response;
            }
            Duration wait = retryAfter.isPresent() ? retryAfter.get() : policy.backoff(attempt);
            LOG.info("{} {} answered {}; attempt {} of {} in {} ms", request.method(),
                    Secrets.maskUrl(request.url()), response.code(), attempt + 1, policy.maxAttempts(), wait.toMillis());
            response.close();
            tell(request, attempt + 1, Integer.toString(response.code()), wait);
            sleep(wait);
        }
    }

    private void tell(Request request, int nextAttempt, String reason, Duration wait) {
        try {
            listener.retrying(request, nextAttempt, reason, wait);
        } catch (RuntimeException e) {
            // a listener's failure must not change what the call does
            LOG.warn("the retry listener failed: {}", PrintableText.of(e.toString()));
        }
    }

    private static boolean isRepeatable(Request request) {
        if (request.body() != null && request.body().isOneShot()) {
            return false;
        }
        return IDEMPOTENT_METHODS.contains(request.method()) || request.tag(Idempotent.class) != null;
    }

    /**
     * @param e a transport failure
     * @return whether trying again may help: not for an unknown host or a TLS certificate that failed checks
     */
    public static boolean isTransient(IOException e) {
        if (e instanceof UnknownHostException || e instanceof SSLPeerUnverifiedException) {
            return false;
        }
        if (e instanceof SSLHandshakeException && e.getCause() instanceof java.security.cert.CertificateException) {
            return false;
        }
        return true;
    }

    static Optional<Duration> retryAfter(Response response) {
        String value = response.header("Retry-After");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        value = value.trim();
        try {
            long seconds = Long.parseLong(value);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private static void sleep(Duration wait) throws InterruptedIOException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted while waiting to retry");
            io.initCause(e);
            throw io;
        }
    }
}
