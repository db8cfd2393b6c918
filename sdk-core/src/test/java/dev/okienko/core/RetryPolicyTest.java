package dev.okienko.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backoff_noJitter_growsExponentiallyUpToMax() {
        RetryPolicy p = RetryPolicy.builder().initialDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(700))
                .multiplier(2).jitter(0).build();

        assertThat(p.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(p.backoff(4)).isEqualTo(Duration.ofMillis(700));
        assertThat(p.backoff(9)).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void backoff_withJitter_staysWithinBoundsAndVaries() {
        RetryPolicy p = RetryPolicy.builder().initialDelay(Duration.ofMillis(1000)).jitter(0.5).build();
        java.util.Set<Long> seen = new java.util.HashSet<>();

        for (int i = 0; i < 200; i++) {
            long ms = p.backoff(1).toMillis();
            assertThat(ms).isBetween(500L, 1000L);
            seen.add(ms);
        }
        assertThat(seen).hasSizeGreaterThan(10);
    }

    @Test
    void defaults_threeAttemptsOnTransientStatuses() {
        RetryPolicy p = RetryPolicy.defaults();

        assertThat(p.maxAttempts()).isEqualTo(3);
        assertThat(p.retryableStatuses()).containsExactlyInAnyOrder(408, 429, 500, 502, 503, 504);
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    }

    @Test
    void builder_outOfRange_refused() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().multiplier(0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().initialDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
