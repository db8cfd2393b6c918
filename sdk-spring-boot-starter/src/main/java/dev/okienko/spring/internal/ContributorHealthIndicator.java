package dev.okienko.spring.internal;

import dev.okienko.spring.OkienkoHealthCheck;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** {@link OkienkoHealthCheck} as Spring Boot 4's health indicator ({@code org.springframework.boot.health.contributor}). */
public final class ContributorHealthIndicator implements HealthIndicator {
    private final OkienkoHealthCheck check;

    /** @param check what is checked */
    public ContributorHealthIndicator(OkienkoHealthCheck check) {
        this.check = check;
    }

    @Override
    public Health health() {
        OkienkoHealthCheck.Result result = check.check();
        return (result.up() ? Health.up() : Health.down()).withDetails(result.details()).build();
    }
}
