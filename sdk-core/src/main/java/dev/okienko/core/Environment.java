package dev.okienko.core;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the public services are: {@link #PRODUCTION}, {@link #INTEGRATION} (the public test environments),
 * or {@link #custom(URI) custom} addresses, e.g. okienko's embedded simulators. A value, not a setting
 * hidden in a system property: each client is built with one.
 *
 * <p>Only addresses published by the services' operators are filled in. Where no address is known
 * (see the per-service notes on {@link Service}), {@link #endpoint(Service)} is empty and a client for that
 * service refuses to build until you give the address with {@link #toBuilder()}.
 */
public final class Environment {
    /** The services okienko talks to. */
    public enum Service {
        /** ePUAP SOAP services ({@code skrytka}, {@code pull}, {@code doreczyciel} ...), the base they sit under. */
        EPUAP("pk_external_ws/services/"),
        /** The e-Doręczenia mailbox (User Agent API). */
        EDELIVERY_MAILBOX("edelivery/ua/api/v3/"),
        /** The e-Doręczenia address search over BAE (Search Engine API). */
        EDELIVERY_SEARCH("edelivery/api/se/v4/"),
        /** The e-Doręczenia token endpoint (OAuth2 with a signed JWT client assertion). */
        EDELIVERY_TOKEN("edelivery/auth/realms/EDOR/protocol/openid-connect/token"),
        /** The trusted-profile signing service TpSigning5. */
        TRUSTED_PROFILE_SIGNING("ep-services/tpSigning5");

        private final String simulatorPath;

        Service(String simulatorPath) {
            this.simulatorPath = simulatorPath;
        }

        /** @return where okienko's simulators serve this service, relative to their base address */
        public String simulatorPath() {
            return simulatorPath;
        }
    }

    /** The production services. */
    public static final Environment PRODUCTION = builder("production")
            .endpoint(Service.EPUAP, URI.create("https://ws.epuap.gov.pl/pk_external_ws/services/"))
            .endpoint(Service.TRUSTED_PROFILE_SIGNING, URI.create("https://pz.gov.pl/ep-services/tpSigning5"))
            .build();

    /** The public integration (test) services. */
    public static final Environment INTEGRATION = builder("integration")
            .endpoint(Service.EPUAP, URI.create("https://ws-int.epuap.gov.pl/pk_external_ws/services/"))
            .build();

    private final String name;
    private final Map<Service, URI> endpoints;

    private Environment(String name, Map<Service, URI> endpoints) {
        this.name = name;
        this.endpoints = Map.copyOf(endpoints);
    }

    /**
     * An environment whose every service sits under one base address at okienko's simulator paths
     * ({@link Service#simulatorPath()}), as okienko's embedded simulators serve them.
     *
     * @param base e.g. {@code http://127.0.0.1:41234/}
     * @return the environment, named after the base
     */
    public static Environment custom(URI base) {
        Objects.requireNonNull(base, "base");
        URI root = base.toString().endsWith("/") ? base : URI.create(base + "/");
        Builder b = builder("custom " + root);
        for (Service s : Service.values()) {
            b.endpoint(s, root.resolve(s.simulatorPath()));
        }
        return b.build();
    }

    /**
     * @param name a name for logs and messages
     * @return a builder with no endpoints
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return a builder with this environment's name and endpoints, to change some of them */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.endpoints.putAll(endpoints);
        return b;
    }

    /** @return the environment's name */
    public String name() {
        return name;
    }

    /**
     * @param service a service
     * @return its address in this environment, when known
     */
    public Optional<URI> endpoint(Service service) {
        return Optional.ofNullable(endpoints.get(service));
    }

    /**
     * @param service a service
     * @return its address
     * @throws ClientException when this environment has no address for it
     */
    public URI requireEndpoint(Service service) {
        URI uri = endpoints.get(service);
        if (uri == null) {
            throw new ClientException("the " + name + " environment has no address for " + service
                    + "; give one with environment.toBuilder().endpoint(Service." + service.name() + ", uri)");
        }
        return uri;
    }

    @Override
    public boolean equals(@org.jspecify.annotations.Nullable Object o) {
        return o instanceof Environment other && name.equals(other.name) && endpoints.equals(other.endpoints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, endpoints);
    }

    @Override
    public String toString() {
        return "Environment[" + name + ", " + endpoints + "]";
    }

    /** Builds an {@link Environment}. */
    public static final class Builder {
        private final String name;
        private final Map<Service, URI> endpoints = new EnumMap<>(Service.class);

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /**
         * @param service a service
         * @param uri its absolute http or https address
         * @return this
         */
        public Builder endpoint(Service service, URI uri) {
            Objects.requireNonNull(uri, "uri");
            if (!uri.isAbsolute() || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("an endpoint must be an absolute http(s) URI, not " + uri);
            }
            endpoints.put(Objects.requireNonNull(service, "service"), uri);
            return this;
        }

        /** @return the environment */
        public Environment build() {
            return new Environment(name, endpoints);
        }
    }
}
