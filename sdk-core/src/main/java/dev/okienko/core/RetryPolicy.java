package dev.okienko.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how okienko repeats an HTTP call. Only idempotent requests are ever repeated: GET, HEAD, PUT,
 * DELETE, OPTIONS and TRACE, and requests an okienko client marks idempotent itself (e.g. a read-only SOAP
 * call); a POST that sends a letter is never sent twice. A call is repeated after a transport failure
 * (connection refused or reset, timeout) or an answer with one of {@link #retryableStatuses()}, waiting
 * an exponentially growing delay with jitter, or the server's {@code Retry-After} when it sent one
 * (a {@code Retry-After} longer than {@link #maxRetryAfter()} ends the retries: the answer is returned).
 *
 * <p>Immutable and thread-safe. {@link #defaults()}: 3 attempts, 200 ms initial delay, doubling, at most
 * 10 s, Retry-After honoured up to 60 s, statuses 408, 429, 500, 502, 503, 504.
 */
public final class RetryPolicy {
    private static final RetryPolicy DEFAULTS = builder().build();
    private static final RetryPolicy NONE = builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final double multiplier;
    private final double jitter;
    private final Duration maxRetryAfter;
    private final Set<Integer> retryableStatuses;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialDelay = b.initialDelay;
        this.maxDelay = b.maxDelay;
        this.multiplier = b.multiplier;
        this.jitter = b.jitter;
        this.maxRetryAfter = b.maxRetryAfter;
        this.retryableStatuses = Set.copyOf(b.retryableStatuses);
    }

    /** @return the default policy described above */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** @return a policy that never repeats a call */
    public static RetryPolicy none() {
        return NONE;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from this policy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxAttempts = maxAttempts;
        b.initialDelay = initialDelay;
        b.maxDelay = maxDelay;
        b.multiplier = multiplier;
        b.jitter = jitter;
        b.maxRetryAfter = maxRetryAfter;
        b.retryableStatuses = retryableStatuses;
        return b;
    }

    /** @return how many times a call is made at most, the first one included */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the HTTP statuses after which an idempotent call is repeated */
    public Set<Integer> retryableStatuses() {
        return retryableStatuses;
    }

    /** @return the longest {@code Retry-After} okienko waits for; a longer one ends the retries */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * The delay before attempt {@code attempt + 1}: {@code initialDelay * multiplier^(attempt-1)}, capped at
     * the maximum, then reduced by a random fraction of up to {@code jitter} so that many clients do not
     * retry in step.
     *
     * @param attempt the attempt that just failed, 1 for the first
     * @return how long to wait
     */
    public Duration backoff(int attempt) {
        double base = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        double capped = Math.min(base, maxDelay.toMillis());
        double factor = 1.0 - jitter * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.round(capped * factor));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialDelay=" + initialDelay + ", maxDelay=" + maxDelay
                + ", multiplier=" + multiplier + ", jitter=" + jitter + ", maxRetryAfter=" + maxRetryAfter
                + ", statuses=" + retryableStatuses + "]";
    }

    /** Builds a {@link RetryPolicy}. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialDelay = Duration.ofMillis(200);
        private Duration maxDelay = Duration.ofSeconds(10);
        private double multiplier = 2.0;
        private double jitter = 0.5;
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private Set<Integer> retryableStatuses = Set.of(408, 429, 500, 502, 503, 504);

        private Builder() {
        }

        /**
         * @param maxAttempts 1 (no retries) to 10
         * @return this
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 10) {
                throw new IllegalArgumentException("maxAttempts must be 1 to 10, not " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * @param initialDelay the delay after the first failure, zero or more
         * @return this
         */
        public Builder initialDelay(Duration initialDelay) {
            this.initialDelay = nonNegative(initialDelay, "initialDelay");
            return this;
        }

        /**
         * @param maxDelay the longest delay between attempts
         * @return this
         */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = nonNegative(maxDelay, "maxDelay");
            return this;
        }

        /**
         * @param multiplier how much each delay grows, at least 1
         * @return this
         */
        public Builder multiplier(double multiplier) {
            if (!(multiplier >= 1.0)) {
                throw new IllegalArgumentException("multiplier must be at least 1, not " + multiplier);
            }
            this.multiplier = multiplier;
            return this;
        }

        /**
         * @param jitter the largest fraction, 0 to 1, taken off a delay at random
         * @return this
         */
        public Builder jitter(double jitter) {
            if (!(jitter >= 0.0 && jitter <= 1.0)) {
                throw new IllegalArgumentException("jitter must be 0 to 1, not " + jitter);
            }
            this.jitter = jitter;
            return this;
        }

        /**
         * @param maxRetryAfter the longest server-requested wait okienko honours
         * @return this
         */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = nonNegative(maxRetryAfter, "maxRetryAfter");
            return this;
        }

        /**
         * @param statuses the HTTP statuses after which an idempotent call is repeated
         * @return this
         */
        public Builder retryableStatuses(Set<Integer> statuses) {
            this.retryableStatuses = Set.copyOf(statuses);
            return this;
        }

        /** @return the policy */
        public RetryPolicy build() {
            return new RetryPolicy(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return d;
        }
    }
}
