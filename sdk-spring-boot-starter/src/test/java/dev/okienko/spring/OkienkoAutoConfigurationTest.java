package dev.okienko.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.okienko.core.CredentialsException;
import dev.okienko.core.SystemCredentials;
import dev.okienko.edelivery.AddressBook;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.SendReport;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapSubmission;
import dev.okienko.epuap.SendResult;
import dev.okienko.epuap.Upp;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.Signer;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.seeded.Simulation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import dev.okienko.testkit.Mishap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The starter in a Spring application context against the embedded simulators: clients made from okienko.*
 * properties send and receive for real, every exchange shows in the meter registry, the health indicator tells a
 * registered system from a refused one, and what is missing or wrong is named at start.
 */
class OkienkoAutoConfigurationTest {
    @TempDir
    static Path dir;
    private static Simulation simulation;
    private static JsonNode described;

    @BeforeAll
    static void start() throws Exception {
        simulation = Simulation.start();
        described = new ObjectMapper().readTree(simulation.describe(dir).toFile());
    }

    @AfterAll
    static void stop() {
        simulation.close();
    }

    /** Micrometer as an application with the actuator has it: observations become timers. */
    @Configuration(proxyBeanMethods = false)
    static class Metrics {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        ObservationRegistry observationRegistry(MeterRegistry meters) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            return registry;
        }
    }

    private static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(OkienkoAutoConfiguration.class))
                .withUserConfiguration(Metrics.class)
                .withPropertyValues(SimulatorUrls.clientProperties(simulation, described));
    }

    @Test
    void fromProperties_theClientsSendForReal_andEveryExchangeIsMetered() {
        runner().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SystemCredentials.class).hasSingleBean(Mailbox.class)
                    .hasSingleBean(AddressBook.class).hasSingleBean(EpuapClient.class).hasSingleBean(Signer.class)
                    .hasSingleBean(SignatureVerifier.class);
            Mailbox mailbox = context.getBean(Mailbox.class);
            SendReport report = mailbox.await(mailbox.send(Letter.builder().to(Simulation.OFFICE_ADE).subject("Wezwanie")
                    .text("W załączeniu.").build()), Duration.ofSeconds(20));
            assertThat(report.allAccepted()).isTrue();

            EpuapClient epuap = context.getBean(EpuapClient.class);
            SendResult sent = epuap.send(EpuapSubmission.of(Simulation.SYSTEM_ENTITY, Simulation.OTHER_BOX, Simulation.OWN_BOX,
                    "pismo.xml", TestDocuments.xmlLetter("Wniosek")));
            assertThat(Upp.read(sent.uppDocument().orElseThrow(), context.getBean(SignatureVerifier.class))
                    .isGenuine(simulation.pki().epuapServer().certificate())).isTrue();

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find(ObservedHttp.CALLS).tags("client", "edelivery", "outcome", "SUCCESS").timer())
                    .as("e-Doręczenia calls").isNotNull().satisfies(t -> assertThat(t.count()).isGreaterThan(0));
            assertThat(meters.find(ObservedHttp.CALLS).tags("client", "edelivery-token").timer()).as("token calls").isNotNull();
            assertThat(meters.find(ObservedHttp.REQUESTS).tags("client", "epuap", "method", "POST").timer())
                    .as("ePUAP attempts").isNotNull().satisfies(t -> assertThat(t.count()).isGreaterThan(0));
            assertThat(meters.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags().toString())
                    .as("nothing personal or secret in a tag").doesNotContain("AE:PL").doesNotContain("Bearer"));
        });
    }

    @Test
    void retries_areCountedOnTheirOwn_andTaggedOnTheirCall() {
        runner().run(context -> {
            AddressBook bae = context.getBean(AddressBook.class);
            assertThat(bae.confirm(Simulation.OFFICE_ADE)).isPresent(); // the token is in hand: only BAE goes wrong next
            simulation.edelivery().injectSearch(Mishap.status(503)).injectSearch(Mishap.dropConnection());
            assertThat(bae.confirm(Simulation.OFFICE_ADE)).isPresent();

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find(ObservedHttp.CALLS + "." + ObservedHttp.RETRY_EVENT).tags("client", "edelivery-bae").counter())
                    .as("retries, counted on their own").isNotNull().satisfies(c -> assertThat(c.count()).isEqualTo(2.0));
            assertThat(meters.find(ObservedHttp.CALLS).tags("client", "edelivery-bae", "retries", "2", "outcome", "SUCCESS").timer())
                    .as("the call that needed them").isNotNull().satisfies(t -> assertThat(t.count()).isEqualTo(1));
            assertThat(meters.find(ObservedHttp.CALLS).tags("client", "edelivery-bae", "retries", "0").timer())
                    .as("the call that did not").isNotNull().satisfies(t -> assertThat(t.count()).isEqualTo(1));
            assertThat(meters.find(ObservedHttp.REQUESTS).tags("client", "edelivery-bae", "status", "503").timer())
                    .as("the attempt answered 503").isNotNull();
        });
    }

    /** An application's own names for okienko's calls. */
    @Configuration(proxyBeanMethods = false)
    static class OwnNames {
        @Bean
        OkienkoHttpObservationConvention calls() {
            return new DefaultOkienkoHttpObservationConvention(OkienkoHttpContext.Kind.CALL) {
                @Override
                public String getName() {
                    return "ezd.outbound";
                }

                @Override
                public io.micrometer.common.KeyValues getLowCardinalityKeyValues(OkienkoHttpContext context) {
                    return super.getLowCardinalityKeyValues(context).and("office", "testowo");
                }
            };
        }
    }

    @Test
    void aConventionBean_renamesAndRetagsTheCalls_andLeavesTheAttemptsAlone() {
        runner().withUserConfiguration(OwnNames.class).run(context -> {
            assertThat(context.getBean(AddressBook.class).confirm(Simulation.OFFICE_ADE)).isPresent();
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find("ezd.outbound").tags("client", "edelivery-bae", "office", "testowo", "retries", "0").timer())
                    .isNotNull();
            assertThat(meters.find(ObservedHttp.CALLS).timer()).as("okienko's name no longer used for calls").isNull();
            assertThat(meters.find(ObservedHttp.REQUESTS).tags("client", "edelivery-bae").timer()).isNotNull();
        });
    }

    @Test
    void health_upForARegisteredSystem_withTheCertificatesExpiry() {
        runner().run(context -> {
            OkienkoHealthCheck.Result health = context.getBean(OkienkoHealthCheck.class).check();
            assertThat(health.up()).as(health.details().toString()).isTrue();
            assertThat(health.details()).containsEntry("edeliveryToken", "obtained").containsKey("systemCertificateNotAfter")
                    .containsKey("systemCertificateDaysLeft");
            // the actuator shows it as "okienko" (the bean's name less "HealthIndicator"): Spring Boot 3's type here
            org.springframework.boot.actuate.health.Health shown = context.getBean(OkienkoAutoConfiguration.HEALTH_INDICATOR,
                    org.springframework.boot.actuate.health.HealthIndicator.class).health();
            assertThat(shown.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.UP);
            assertThat(shown.getDetails()).containsEntry("edeliveryToken", "obtained").containsKey("systemCertificateNotAfter");
        });
    }

    @Test
    void health_withoutTheActuator_theCheckStaysAndNoIndicatorIsMade() {
        runner().withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader(
                org.springframework.boot.actuate.health.HealthIndicator.class)).run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(OkienkoHealthCheck.class)
                            .doesNotHaveBean(OkienkoAutoConfiguration.HEALTH_INDICATOR);
                    assertThat(context.getBean(OkienkoHealthCheck.class).check().up()).isTrue();
                });
    }

    @Test
    void health_downWhenTheTokenIsRefused_naming_why() throws Exception {
        Path person = simulation.pki().person().writePkcs12(dir.resolve("person.p12"), "tajne".toCharArray());
        runner().withPropertyValues("okienko.credentials.pkcs12=" + person, "okienko.credentials.password=tajne").run(context -> {
            OkienkoHealthCheck.Result health = context.getBean(OkienkoHealthCheck.class).check();
            assertThat(health.up()).isFalse();
            assertThat(String.valueOf(health.details().get("edeliveryToken"))).startsWith("refused or unreachable: ");
        });
    }

    @Test
    void aTrustedListFromProperties_makesItsServicesAnchors_andItsFreshnessShowsInHealth() throws Exception {
        dev.okienko.testkit.pki.TestPki pki = simulation.pki();
        java.net.URI list = pki.publish("pl-starter.xml", dev.okienko.testkit.pki.TestTrustedList.builder("PL")
                .service("okienko Test Issuing CA", pki.issuingCaCertificate()).buildSigned(pki.trustedListSigner()), "application/xml");
        Path signer = Files.writeString(dir.resolve("tl-signer.pem"),
                dev.okienko.testkit.pki.TestPki.toPem(pki.trustedListSigner().certificate()));
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(OkienkoAutoConfiguration.class))
                .withPropertyValues("okienko.signature.trusted-list=" + list, "okienko.signature.trusted-list-signers=" + signer,
                        "okienko.signature.trusted-list-cache=" + dir.resolve("tl-cache"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    dev.okienko.signature.Content signed = Signer.builder().build().sign(
                            dev.okienko.signature.Content.of(TestDocuments.xmlLetter("Decyzja"), "decyzja.xml"),
                            dev.okienko.signature.SignatureOptions.xades(dev.okienko.signature.SignaturePackaging.ENVELOPED),
                            dev.okienko.signature.SigningKey.of(pki.person().toSystemCredentials()));
                    assertThat(context.getBean(SignatureVerifier.class).verify(signed).allValid()).as("trusted through the list").isTrue();
                    OkienkoHealthCheck.Result health = context.getBean(OkienkoHealthCheck.class).check();
                    assertThat(health.up()).isTrue();
                    assertThat(health.details()).containsKey("trustedList " + list);
                });
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(OkienkoAutoConfiguration.class))
                .withPropertyValues("okienko.signature.trusted-list=" + list)
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("okienko.signature.trusted-list needs okienko.signature.trusted-list-signers"));
    }

    @Test
    void withoutCredentials_onlyTheSignatureBeans_andTheHealthIsUp() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(OkienkoAutoConfiguration.class))
                .withPropertyValues("okienko.edelivery.address=" + Simulation.OWN_ADE.value()).run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(SystemCredentials.class).doesNotHaveBean(Mailbox.class)
                            .doesNotHaveBean(EpuapClient.class).hasSingleBean(SignatureVerifier.class).hasSingleBean(Signer.class);
                    assertThat(context.getBean(OkienkoHealthCheck.class).check().up()).isTrue();
                });
    }

    @Test
    void aWrongPassword_orAnUnknownEnvironment_failsTheStart_namingIt() throws Exception {
        runner().withPropertyValues("okienko.credentials.password=zle").run(context -> {
            assertThat(context).hasFailed();
            assertThat(cause(context.getStartupFailure(), CredentialsException.class).reason())
                    .isEqualTo(CredentialsException.Reason.WRONG_PASSWORD);
        });
        runner().withPropertyValues("okienko.edelivery.environment=testowe").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("\"testowe\" is none of production, integration or an http(s) base URL"));
        Path notPem = Files.writeString(dir.resolve("nie-certyfikat.pem"), "nie");
        runner().withPropertyValues("okienko.epuap.server-certificate=" + notPem).run(context -> assertThat(context).hasFailed()
                .getFailure().hasStackTraceContaining("okienko.epuap.server-certificate: " + notPem + " is not a PEM or DER certificate"));
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " among the causes of " + failure);
    }

    @Test
    void aMailboxOfTheApplications_replacesTheStarters() {
        runner().withBean("ours", Mailbox.class, () -> Mailbox.builder().environment(simulation.edelivery().environment())
                .tokens(dev.okienko.edelivery.SignedJwtTokenProvider.builder().environment(simulation.edelivery().environment())
                        .credentials(simulation.pki().seal().toSystemCredentials()).system(Simulation.OWN_ADE, Simulation.SYSTEM_NAME).build())
                .address(Simulation.OWN_ADE).build())
                .run(context -> assertThat(context.getBeansOfType(Mailbox.class)).containsOnlyKeys("ours"));
    }
}
