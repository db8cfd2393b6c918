package dev.okienko.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A remote service answered with an error: an HTTP error status, a SOAP fault, or an error status in an
 * otherwise well-formed answer. Carries what the service said so that callers can act on it without
 * parsing messages: the HTTP status, the service's own error codes, the correlation id to quote to the
 * operator, and whether (and when) the call may be retried.
 */
public class ServiceException extends OkienkoException {
    private static final long serialVersionUID = 1L;

    private final String service;
    private final int httpStatus;
    private final List<String> errorCodes;
    private final @Nullable String correlationId;
    private final @Nullable Duration retryAfter;

    /**
     * @param service which service answered (e.g. {@code "ePUAP skrytka"}, {@code "e-Doręczenia UA API"})
     * @param httpStatus the HTTP status of the answer, or 0 when there was none (e.g. an error in a 200 body)
     * @param errorCodes the service's own error codes, possibly empty
     * @param correlationId the id the operator can trace the call by, if the service gave one
     * @param retryAfter how long the service asked the caller to wait, if it did
     * @param message what the service said, without secrets
     * @param cause the underlying failure, if any
     */
    public ServiceException(String service, int httpStatus, List<String> errorCodes,
                            @Nullable String correlationId, @Nullable Duration retryAfter,
                            String message, @Nullable Throwable cause) {
        super(service + ": " + message + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "")
                + (errorCodes.isEmpty() ? "" : " " + errorCodes)
                + (correlationId == null ? "" : " [correlation id " + correlationId + "]"), cause);
        this.service = Objects.requireNonNull(service, "service");
        this.httpStatus = httpStatus;
        this.errorCodes = List.copyOf(errorCodes);
        this.correlationId = correlationId;
        this.retryAfter = retryAfter;
    }

    /** @return which service answered */
    public String service() {
        return service;
    }

    /** @return the HTTP status of the answer, or 0 when the error came in a successful HTTP answer */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return the service's own error codes (e.g. {@code SEAPI-00012}), possibly empty */
    public List<String> errorCodes() {
        return errorCodes;
    }

    /** @return the correlation id to quote to the service operator, when the service gave one */
    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    /** @return how long the service asked to wait before trying again, when it said so */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Whether the same call may succeed later: true for 408, 429 and 5xx answers other than 501 and 505,
     * and whenever the service sent {@code Retry-After}.
     *
     * @return whether retrying may help
     */
    public boolean isRetryable() {
        if (retryAfter != null) {
            return true;
        }
        return httpStatus == 408 || httpStatus == 429
                || (httpStatus >= 500 && httpStatus != 501 && httpStatus != 505);
    }
}
