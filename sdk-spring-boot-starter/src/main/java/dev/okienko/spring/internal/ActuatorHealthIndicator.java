package dev.okienko.spring.internal;

import dev.okienko.spring.OkienkoHealthCheck;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** {@link OkienkoHealthCheck} as Spring Boot 3's health indicator ({@code org.springframework.boot.actuate.health}). */
public final class ActuatorHealthIndicator implements HealthIndicator {
    private final OkienkoHealthCheck check;

    /** @param check what is checked */
    public ActuatorHealthIndicator(OkienkoHealthCheck check) {
        this.check = check;
    }

    @Override
    public Health health() {
        OkienkoHealthCheck.Result result = check.check();
        return (result.up() ? Health.up() : Health.down()).withDetails(result.details()).build();
    }
}
