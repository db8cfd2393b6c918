package dev.okienko.testkit.epuap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.EpuapAddress;
import dev.okienko.core.OkienkoException;
import dev.okienko.core.SystemCredentials;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapSubmission;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** As in ePUAP, a system acts only for the entities it is registered for: their boxes, their sending. */
@ExtendWith(TestPkiExtension.class)
class SystemRegistrationTest {
    private static final EpuapAddress OURS = EpuapAddress.parse("/UrzadGminyTestowo/skrytka");
    private static final EpuapAddress THEIRS = EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP");

    private EpuapSimulator epuap;
    private EpuapClient ours;
    private EpuapClient unbound;

    @BeforeEach
    void start(TestPki pki) {
        epuap = EpuapSimulator.start(pki).createInbox(OURS).createInbox(THEIRS);
        SystemCredentials gmina = pki.seal().toSystemCredentials();
        SystemCredentials other = pki.issueSeal("Inny system", TestData.nip(526025027)).toSystemCredentials();
        epuap.registerSystem(gmina.certificate(), "UrzadGminyTestowo").registerSystem(other.certificate());
        ours = EpuapClient.builder().environment(epuap.environment()).credentials(gmina)
                .serverCertificate(pki.epuapServer().certificate()).build();
        unbound = EpuapClient.builder().environment(epuap.environment()).credentials(other)
                .serverCertificate(pki.epuapServer().certificate()).build();
    }

    @AfterEach
    void stop() {
        epuap.close();
    }

    @Test
    void aSystem_actsForItsOwnEntity() {
        ours.send(EpuapSubmission.of("UrzadGminyTestowo", THEIRS, OURS, "pismo.xml", TestDocuments.xmlLetter("pismo")));

        assertThat(epuap.inbox(THEIRS)).hasSize(1);
        assertThat(ours.inbox("UrzadGminyTestowo", OURS).pending()).isZero();
    }

    @Test
    void aSystem_cannotSendOrPullForAnotherEntity() {
        assertThatThrownBy(() -> ours.send(EpuapSubmission.of("PodlaskaWKOHP", OURS, THEIRS, "pismo.xml", TestDocuments.xmlLetter("x"))))
                .isInstanceOf(OkienkoException.class).hasMessageContaining("Brak uprawnień systemu do działania w imieniu podmiotu "
                        + "PodlaskaWKOHP").hasMessageContaining("registered for UrzadGminyTestowo");
        assertThatThrownBy(() -> ours.inbox("PodlaskaWKOHP", THEIRS).pending()).isInstanceOf(OkienkoException.class)
                .hasMessageContaining("w imieniu podmiotu PodlaskaWKOHP");
        assertThat(epuap.inbox(OURS)).as("nothing was sent").isEmpty();
    }

    @Test
    void aSystemRegisteredWithoutEntities_mayActForAny_asTestsThatDoNotCareNeed() {
        unbound.send(EpuapSubmission.of("PodlaskaWKOHP", OURS, THEIRS, "pismo.xml", TestDocuments.xmlLetter("pismo")));

        assertThat(unbound.inbox("UrzadGminyTestowo", OURS).pending()).isEqualTo(1);
    }
}
