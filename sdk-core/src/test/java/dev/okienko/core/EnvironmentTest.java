package dev.okienko.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.Environment.Service;
import java.net.URI;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @Test
    void production_knowsPublishedEpuapAddress() {
        assertThat(Environment.PRODUCTION.requireEndpoint(Service.EPUAP))
                .isEqualTo(URI.create("https://ws.epuap.gov.pl/pk_external_ws/services/"));
        assertThat(Environment.INTEGRATION.requireEndpoint(Service.EPUAP).getHost()).isEqualTo("ws-int.epuap.gov.pl");
    }

    @Test
    void requireEndpoint_unknownAddress_explainsHowToSetIt() {
        assertThat(Environment.INTEGRATION.endpoint(Service.EDELIVERY_MAILBOX)).isEmpty();
        assertThatThrownBy(() -> Environment.INTEGRATION.requireEndpoint(Service.EDELIVERY_MAILBOX))
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("integration")
                .hasMessageContaining("toBuilder().endpoint(Service.EDELIVERY_MAILBOX");
    }

    @Test
    void custom_putsEveryServiceUnderBase() {
        Environment sim = Environment.custom(URI.create("http://127.0.0.1:41234"));

        for (Service s : Service.values()) {
            assertThat(sim.requireEndpoint(s).toString()).startsWith("http://127.0.0.1:41234/");
        }
        assertThat(sim.requireEndpoint(Service.EPUAP)).isEqualTo(URI.create("http://127.0.0.1:41234/pk_external_ws/services/"));
    }

    @Test
    void toBuilder_overridesOneServiceKeepsOthers() {
        URI mailbox = URI.create("https://mailbox.example/api/v3/");

        Environment e = Environment.INTEGRATION.toBuilder().endpoint(Service.EDELIVERY_MAILBOX, mailbox).build();

        assertThat(e.requireEndpoint(Service.EDELIVERY_MAILBOX)).isEqualTo(mailbox);
        assertThat(e.requireEndpoint(Service.EPUAP)).isEqualTo(Environment.INTEGRATION.requireEndpoint(Service.EPUAP));
        assertThat(Environment.INTEGRATION.endpoint(Service.EDELIVERY_MAILBOX)).isEmpty();
    }

    @Test
    void endpoint_relativeOrOtherScheme_refused() {
        var b = Environment.builder("x");
        assertThatThrownBy(() -> b.endpoint(Service.EPUAP, URI.create("/relative"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.endpoint(Service.EPUAP, URI.create("ftp://h/"))).isInstanceOf(IllegalArgumentException.class);
    }
}
