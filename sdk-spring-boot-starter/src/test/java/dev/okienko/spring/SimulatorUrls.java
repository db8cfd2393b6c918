package dev.okienko.spring;

import dev.okienko.core.Environment;

/** The base URL of a simulator, as okienko.*.environment takes it. */
final class SimulatorUrls {
    private SimulatorUrls() {
    }

    /**
     * @param environment a simulator's environment
     * @param service one of its services
     * @return the base all its services sit under
     */
    static String base(Environment environment, Environment.Service service) {
        String endpoint = environment.requireEndpoint(service).toString();
        return endpoint.substring(0, endpoint.length() - service.simulatorPath().length());
    }
}
