package dev.okienko.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.EpuapAddress;
import dev.okienko.core.Environment;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapInbox;
import dev.okienko.epuap.EpuapSubmission;
import dev.okienko.epuap.IncomingDocument;
import dev.okienko.epuap.SendResult;
import dev.okienko.testkit.epuap.EpuapSimulator;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.cxf.endpoint.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import pl.gov.epuap.ws.pull.Pull;
import pl.gov.epuap.ws.skrytka.Skrytka;
import pl.gov.epuap.wsdl.obiekty.DokumentTyp;
import pl.gov.epuap.wsdl.obiekty.OdpowiedzPullOczekujaceTyp;
import pl.gov.epuap.wsdl.obiekty.OdpowiedzPullPobierzTyp;
import pl.gov.epuap.wsdl.obiekty.OdpowiedzPullPotwierdzTyp;
import pl.gov.epuap.wsdl.obiekty.OdpowiedzSkrytkiTyp;
import pl.gov.epuap.wsdl.obiekty.StatusTyp;
import pl.gov.epuap.wsdl.obiekty.ZapytaniePullOczekujaceTyp;
import pl.gov.epuap.wsdl.obiekty.ZapytaniePullPobierzTyp;
import pl.gov.epuap.wsdl.obiekty.ZapytaniePullPotwierdzTyp;

/**
 * Both directions of wire compatibility with the official ePUAP WSDL (skrytka, pull), with Apache CXF as the
 * standard tool: its wsdl2java made the service interfaces and types from shared/specs/epuap/wsdl, and WSS4J
 * does the WS-Security on its side.
 */
@ExtendWith(TestPkiExtension.class)
class WireCompatibilityTest {
    private static final EpuapAddress URZAD = EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP");
    private static final EpuapAddress NASZA = EpuapAddress.parse("/UrzadGminyTestowo/skrytka");
    private static final byte[] LETTER = TestDocuments.xmlLetter("Pismo z klienta CXF");

    // ------------------------------------------------------------------ a generated client against the embedded ePUAP

    @Test
    void generatedClient_sendsAndPullsThroughTheEmbeddedEpuap(TestPki pki) throws Exception {
        try (EpuapSimulator epuap = EpuapSimulator.start(pki).createInbox(URZAD).createInbox(NASZA)
                .registerSystem(pki.seal().certificate())) {
            Skrytka skrytka = Cxf.client(Skrytka.class, epuap.endpoint(EpuapSimulator.Service.SKRYTKA), pki);
            DokumentTyp document = new DokumentTyp();
            document.setNazwaPliku("pismo.xml");
            document.setTypPliku("text/xml");
            document.setZawartosc(LETTER);

            OdpowiedzSkrytkiTyp answer = skrytka.nadaj("UrzadGminyTestowo", URZAD.value(), NASZA.value(), false, null, document);

            assertThat(answer.getStatus().getKod()).isEqualTo(1);
            assertThat(answer.getIdentyfikatorDokumentu()).isNotBlank();
            assertThat(answer.getZalacznik().getZawartosc()).asString(StandardCharsets.UTF_8).contains("UPP");
            assertThat(epuap.inbox(URZAD)).singleElement().satisfies(r -> assertThat(r.content()).isEqualTo(LETTER));

            Pull pull = Cxf.client(Pull.class, epuap.endpoint(EpuapSimulator.Service.PULL), pki);
            ZapytaniePullOczekujaceTyp pending = new ZapytaniePullOczekujaceTyp();
            fill(pending, "PodlaskaWKOHP", URZAD);
            assertThat(pull.oczekujaceDokumenty(pending).getOczekujace()).isEqualTo(1);
            ZapytaniePullPobierzTyp next = new ZapytaniePullPobierzTyp();
            fill(next, "PodlaskaWKOHP", URZAD);
            OdpowiedzPullPobierzTyp taken = pull.pobierzNastepny(next);
            assertThat(taken.getDokument().getZawartosc()).isEqualTo(LETTER);
            assertThat(taken.getDanePodmiotu().getIdentyfikator()).isEqualTo("UrzadGminyTestowo");
            ZapytaniePullPotwierdzTyp confirm = new ZapytaniePullPotwierdzTyp();
            fill(confirm, "PodlaskaWKOHP", URZAD);
            confirm.setSkrot(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(LETTER)));
            assertThat(pull.potwierdzOdebranie(confirm).getStatus().getKod()).isEqualTo(1);
            assertThat(epuap.inbox(URZAD)).isEmpty();
        }
    }

    @Test
    void generatedClient_unregisteredSystem_getsASoapFault(TestPki pki) {
        try (EpuapSimulator epuap = EpuapSimulator.start(pki).createInbox(URZAD).createInbox(NASZA)) {
            Skrytka skrytka = Cxf.client(Skrytka.class, epuap.endpoint(EpuapSimulator.Service.SKRYTKA), pki);
            DokumentTyp document = new DokumentTyp();
            document.setNazwaPliku("pismo.xml");
            document.setZawartosc(LETTER);

            assertThatThrownBy(() -> skrytka.nadaj("UrzadGminyTestowo", URZAD.value(), NASZA.value(), false, null, document))
                    .hasMessageContaining("unknown system certificate");
            assertThat(epuap.inbox(URZAD)).isEmpty();
        }
    }

    private static void fill(pl.gov.epuap.wsdl.obiekty.ZapytaniePullTyp query, String entity, EpuapAddress box) {
        query.setPodmiot(entity);
        query.setNazwaSkrytki(box.boxName());
        query.setAdresSkrytki(box.value());
    }

    // ------------------------------------------------------------------ okienko's client against a plain server

    /** The skrytka and pull services as a plain implementation of the generated interfaces. */
    static final class PlainEpuap implements Skrytka, Pull {
        final List<DokumentTyp> box = new CopyOnWriteArrayList<>();
        final List<String> headers = new ArrayList<>();

        @Override
        public OdpowiedzSkrytkiTyp nadaj(String podmiot, String adresSkrytki, String adresOdpowiedzi, boolean czyProbne,
                                        javax.xml.transform.Source daneDodatkowe, DokumentTyp dokument) {
            headers.addAll(List.of(podmiot, adresSkrytki, adresOdpowiedzi, Boolean.toString(czyProbne)));
            box.add(dokument);
            OdpowiedzSkrytkiTyp answer = new OdpowiedzSkrytkiTyp();
            answer.setStatus(status(1, "OK"));
            answer.setIdentyfikatorDokumentu("CXF-" + box.size());
            return answer;
        }

        @Override
        public OdpowiedzSkrytkiTyp nadajAny(String podmiot, String adresSkrytki, String adresOdpowiedzi, boolean czyProbne,
                                           javax.xml.transform.Source daneDodatkowe, String nazwaPliku, Object dokument) {
            throw new UnsupportedOperationException("nadajAny");
        }

        @Override
        public OdpowiedzPullOczekujaceTyp oczekujaceDokumenty(ZapytaniePullOczekujaceTyp query) {
            OdpowiedzPullOczekujaceTyp answer = new OdpowiedzPullOczekujaceTyp();
            answer.setStatus(status(1, "OK"));
            answer.setOczekujace(box.size());
            return answer;
        }

        @Override
        public OdpowiedzPullPobierzTyp pobierzNastepny(ZapytaniePullPobierzTyp query) {
            OdpowiedzPullPobierzTyp answer = new OdpowiedzPullPobierzTyp();
            if (box.isEmpty()) {
                answer.setStatus(status(0, "Brak dokumentów"));
                return answer;
            }
            answer.setStatus(status(1, "OK"));
            var entity = new pl.gov.epuap.wsdl.obiekty.DanePodmiotuTyp();
            entity.setIdentyfikator("UrzadGminyTestowo");
            entity.setTypOsoby("P");
            entity.setZgoda(true);
            answer.setDanePodmiotu(entity);
            answer.setDaneNadawcy(new pl.gov.epuap.wsdl.obiekty.DaneNadawcyTyp());
            answer.setDataNadania(javax.xml.datatype.DatatypeFactory.newDefaultInstance()
                    .newXMLGregorianCalendar("2026-11-25T10:00:00+01:00"));
            answer.setNazwaSkrytki(query.getNazwaSkrytki());
            answer.setAdresSkrytki(query.getAdresSkrytki());
            answer.setAdresOdpowiedzi(NASZA.value());
            answer.setDaneDodatkowe(new byte[0]);
            answer.setDokument(box.get(0));
            return answer;
        }

        @Override
        public OdpowiedzPullPotwierdzTyp potwierdzOdebranie(ZapytaniePullPotwierdzTyp query) {
            OdpowiedzPullPotwierdzTyp answer = new OdpowiedzPullPotwierdzTyp();
            try {
                String expected = Base64.getEncoder().encodeToString(
                        MessageDigest.getInstance("SHA-1").digest(box.get(0).getZawartosc()));
                boolean ok = expected.equals(query.getSkrot());
                if (ok) {
                    box.remove(0);
                }
                answer.setStatus(ok ? status(1, "OK") : status(-1, "Skrót nie zgadza się"));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            return answer;
        }

        /** A {@code StatusTyp} as the plain servers answer with it. */
        static StatusTyp status(int code, String message) {
            StatusTyp s = new StatusTyp();
            s.setKod(code);
            s.setKomunikat(message);
            return s;
        }
    }

    @Test
    void okienkosClient_sendsAndPullsThroughAPlainServerMadeFromTheWsdl(TestPki pki) throws Exception {
        URI root = Cxf.freeRoot();
        URI services = root.resolve(Environment.Service.EPUAP.simulatorPath());
        PlainEpuap plain = new PlainEpuap();
        Server skrytka = Cxf.publish(Skrytka.class, plain, services.resolve("skrytka"), pki, pki.epuapServer());
        Server pull = Cxf.publish(Pull.class, plain, services.resolve("pull"), pki, pki.epuapServer());
        try {
            EpuapClient client = EpuapClient.builder().environment(Environment.custom(root))
                    .credentials(pki.seal().toSystemCredentials()).serverCertificate(pki.epuapServer().certificate()).build();

            SendResult sent = client.send(EpuapSubmission.of("UrzadGminyTestowo", URZAD, NASZA, "pismo.xml", LETTER));

            assertThat(sent.documentId()).isEqualTo("CXF-1");
            assertThat(plain.headers).containsExactly("UrzadGminyTestowo", URZAD.value(), NASZA.value(), "false");
            assertThat(plain.box).singleElement().satisfies(d -> {
                assertThat(d.getNazwaPliku()).isEqualTo("pismo.xml");
                assertThat(d.getZawartosc()).isEqualTo(LETTER);
            });

            EpuapInbox inbox = client.inbox("PodlaskaWKOHP", URZAD);
            assertThat(inbox.pending()).isEqualTo(1);
            IncomingDocument doc = inbox.next().orElseThrow();
            assertThat(doc.content()).isEqualTo(LETTER);
            assertThat(doc.replyTo()).isEqualTo(NASZA.value());
            inbox.confirm(doc);
            assertThat(inbox.pending()).isZero();
            assertThat(inbox.next()).isEmpty();
        } finally {
            skrytka.destroy();
            pull.destroy();
        }
    }

    @Test
    void okienkosClient_refusesAPlainServerSigningWithAnotherKey(TestPki pki) throws Exception {
        URI root = Cxf.freeRoot();
        PlainEpuap plain = new PlainEpuap();
        Server pull = Cxf.publish(Pull.class, plain, root.resolve(Environment.Service.EPUAP.simulatorPath() + "pull"), pki,
                pki.person());   // not the ePUAP certificate
        try {
            EpuapClient client = EpuapClient.builder().environment(Environment.custom(root))
                    .credentials(pki.seal().toSystemCredentials()).serverCertificate(pki.epuapServer().certificate()).build();

            assertThatThrownBy(() -> client.inbox("PodlaskaWKOHP", URZAD).pending())
                    .isInstanceOf(dev.okienko.core.OkienkoException.class).hasMessageContaining("signed by another certificate (CN=Jan Kowalski")
                    .hasMessageNotContaining("PNOPL").hasMessageNotContaining("2.5.4.5");
        } finally {
            pull.destroy();
        }
    }
}
