package dev.okienko.spring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.okienko.core.Environment;
import dev.okienko.testkit.seeded.Simulation;

/** The base URL of a simulator, as okienko.*.environment takes it, and the okienko.* properties of a simulation. */
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

    /**
     * @param simulation the simulators, seeded
     * @param described what {@code simulation.describe(dir)} wrote
     * @return the okienko.* properties of the simulation's system: its PKCS#12, both services and the PKI's root
     */
    static String[] clientProperties(Simulation simulation, JsonNode described) {
        JsonNode system = described.path("edelivery").path("system");
        return new String[] {
            "okienko.credentials.pkcs12=" + system.path("p12").asText(),
            "okienko.credentials.password=" + system.path("password").asText(),
            "okienko.edelivery.environment=" + base(simulation.edelivery().environment(), Environment.Service.EDELIVERY_TOKEN),
            "okienko.edelivery.address=" + Simulation.OWN_ADE.value(),
            "okienko.edelivery.system-name=" + Simulation.SYSTEM_NAME,
            "okienko.epuap.environment=" + base(simulation.epuap().environment(), Environment.Service.EPUAP),
            "okienko.epuap.server-certificate=" + described.path("epuap").path("serverCertificate").asText(),
            "okienko.signature.trust-anchors=" + described.path("pki").path("root").asText()};
    }
}
