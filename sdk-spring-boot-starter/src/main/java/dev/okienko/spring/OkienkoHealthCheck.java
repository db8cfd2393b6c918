package dev.okienko.spring;

import dev.okienko.core.SystemCredentials;
import dev.okienko.correspondence.Correspondence;
import dev.okienko.correspondence.CorrespondenceEntry;
import dev.okienko.correspondence.CorrespondenceQuery;
import dev.okienko.edelivery.TokenProvider;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.signature.TrustedListStatus;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What okienko's part of {@code /actuator/health} reports, free of any Spring Boot version: DOWN when the system certificate has expired (or is not yet valid),
 * when e-Doręczenia's token endpoint refuses or cannot be reached, or when a configured trusted list failed to load;
 * UP otherwise, with the certificate's expiry, the days left (and a warning within
 * {@code okienko.health.certificate-warning}), each trusted list's next update and, with the one window, the
 * letters waiting to be sent and needing a person (each counted up to {@value #BACKLOG_LIMIT}); DOWN too when the
 * window's store cannot be read. Nothing secret is shown.
 *
 * <p>The starter makes one as a bean and, with the actuator, shows it as the health indicator {@code okienko}:
 * through {@code org.springframework.boot.actuate.health} on Spring Boot 3, through
 * {@code org.springframework.boot.health.contributor} on Spring Boot 4. An application on neither (or with its own
 * health endpoint) calls {@link #check()} itself.
 */
public final class OkienkoHealthCheck {
    /** Each backlog figure is counted up to this many letters. */
    public static final int BACKLOG_LIMIT = 1000;
    private final @Nullable SystemCredentials credentials;
    private final @Nullable TokenProvider tokens;
    private final TrustConfiguration trust;
    private final Duration warning;
    private final Clock clock;
    private final Supplier<@Nullable Correspondence> window;

    /**
     * @param credentials the system's credentials, if configured
     * @param tokens e-Doręczenia's token provider, if configured and to be checked
     * @param trust the trust configuration
     * @param warning how long before expiry the certificate is reported as expiring
     * @param clock the clock
     * @param window the one window, when the application has one (asked for at each check)
     */
    public OkienkoHealthCheck(@Nullable SystemCredentials credentials, @Nullable TokenProvider tokens, TrustConfiguration trust,
                              Duration warning, Clock clock, Supplier<@Nullable Correspondence> window) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.trust = trust;
        this.warning = warning;
        this.clock = clock;
        this.window = window;
    }

    /**
     * Checks everything now: the certificate, the token endpoint (one request), the trusted lists and the store.
     *
     * @return UP or DOWN, with the details
     */
    public Result check() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean down = false;
        Instant now = clock.instant();
        if (credentials != null) {
            X509Certificate cert = credentials.certificate();
            Instant notAfter = cert.getNotAfter().toInstant();
            long daysLeft = Duration.between(now, notAfter).toDays();
            details.put("systemCertificate", cert.getSubjectX500Principal().getName());
            details.put("systemCertificateNotAfter", notAfter.toString());
            details.put("systemCertificateDaysLeft", daysLeft);
            if (now.isAfter(notAfter) || now.isBefore(cert.getNotBefore().toInstant())) {
                details.put("systemCertificateProblem", now.isAfter(notAfter) ? "expired" : "not yet valid");
                down = true;
            } else if (Duration.between(now, notAfter).compareTo(warning) < 0) {
                details.put("systemCertificateWarning", "expires in " + daysLeft + " day(s): renew it and register the new one");
            }
        }
        if (tokens != null) {
            try {
                tokens.token();
                details.put("edeliveryToken", "obtained");
            } catch (RuntimeException e) {
                details.put("edeliveryToken", "refused or unreachable: " + e.getMessage());
                down = true;
            }
        }
        List<TrustedListStatus> lists = trust.trustedListStatus();
        for (TrustedListStatus list : lists) {
            String key = "trustedList " + list.url();
            if (!list.loaded() || list.error() != null) {
                details.put(key, "not loaded: " + list.error());
                down = true;
            } else {
                details.put(key, "loaded" + (list.nextUpdate() == null ? "" : ", next update " + list.nextUpdate()));
            }
        }
        Correspondence correspondence = window.get();
        if (correspondence != null) {
            try {
                int waiting = 0;
                for (String status : List.of("SUBMITTED", "ROUTED", "SENDING")) {
                    waiting += correspondence.correspondence(CorrespondenceQuery.all().direction(CorrespondenceEntry.Direction.OUTGOING)
                            .status(status).limit(BACKLOG_LIMIT)).size();
                }
                details.put("lettersWaitingToBeSent", waiting);
                details.put("lettersNeedingAttention", correspondence.needingAttention(BACKLOG_LIMIT).size());
            } catch (RuntimeException e) {
                details.put("correspondenceStore", "cannot be read: " + e.getMessage());
                down = true;
            }
        }
        return new Result(!down, details);
    }

    /**
     * The outcome of one check.
     *
     * @param up whether everything checked is usable
     * @param details what was checked and found, in a fixed order; nothing secret
     */
    public record Result(boolean up, Map<String, Object> details) {
        /**
         * @param up whether everything checked is usable
         * @param details what was checked and found (copied)
         */
        public Result {
            details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }
    }
}
