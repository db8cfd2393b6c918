package dev.okienko.testkit.edelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.Ade;
import dev.okienko.core.ClientException;
import dev.okienko.core.HttpClients;
import dev.okienko.core.InvalidIdentifierException;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.core.ServiceException;
import dev.okienko.core.SystemCredentials;
import dev.okienko.edelivery.AddressBook;
import dev.okienko.edelivery.AddressEntry;
import dev.okienko.edelivery.AddressQuery;
import dev.okienko.edelivery.AddressStatus;
import dev.okienko.edelivery.AssignmentDegree;
import dev.okienko.edelivery.OfficialId;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import dev.okienko.testkit.Mishap;
import dev.okienko.testkit.SimulatorClock;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** BAE address search through the embedded e-Doręczenia SE API, over loopback with real tokens. */
@ExtendWith(TestPkiExtension.class)
class AddressBookTest {
    private static final Ade NASZ = Ade.parse("AE:PL-50419-15057-VDGUG-25");
    private static final Ade URZAD_SKARBOWY = Ade.parse("AE:PL-10609-91337-SAIBG-23");
    private static final Ade KOWALSKI = Ade.parse("AE:PL-55754-97181-CHDVR-19");
    private static final Ade ZAMKNIETY = Ade.parse("AE:PL-98765-43210-SFVYC-19");
    private static final Nip NIP_US = Nip.parse("5260250274");

    private final SimulatorClock clock = SimulatorClock.systemUtc();
    private EDeliverySimulator edelivery;
    private SignedJwtTokenProvider tokens;
    private AddressBook bae;

    @BeforeEach
    void start(TestPki pki) {
        SystemCredentials system = pki.seal().toSystemCredentials();
        edelivery = EDeliverySimulator.start(pki, clock).registerSystem(NASZ, "EZD", system.certificate())
                .addAddress(BaeEntry.publicBody(URZAD_SKARBOWY, "Urząd Skarbowy Warszawa-Bemowo", NIP_US, "Warszawa"))
                .addAddress(BaeEntry.person(KOWALSKI, "Jan", "Kowalski", Pesel.parse("44051401359"), "Białystok"))
                .addAddress(BaeEntry.publicBody(ZAMKNIETY, "Gmina Zlikwidowana", Nip.parse("7740001454"), "Warszawa")
                        .withStatus(AddressStatus.CLOSED_UNRECOVERABLE));
        for (int i = 0; i < 45; i++) {
            String letters = "GMIN" + (char) ('A' + i % 26);
            String first = String.format("%05d", 10000 + i);
            edelivery.addAddress(BaeEntry.publicBody(
                    Ade.parse("AE:PL-" + first + "-20000-" + letters + "-" + Ade.checkDigits(first, "20000", letters)),
                    "Gmina Testowa " + i, NIP_US, "Radom"));
        }
        tokens = SignedJwtTokenProvider.builder().environment(edelivery.environment()).credentials(system)
                .system(NASZ, "EZD").clock(clock).build();
        bae = AddressBook.builder().environment(edelivery.environment()).tokens(tokens).sender(NASZ).build();
    }

    @AfterEach
    void stop() {
        edelivery.close();
    }

    @Test
    void search_byNip_findsThePublicBodyWithTypedValues() {
        Iterator<AddressEntry> found = bae.search(AddressQuery.builder().officialId(OfficialId.of(NIP_US))
                .category(AddressQuery.Category.PUBLIC_INSTITUTION).city("Warszawa").build());

        assertThat(found.hasNext()).isTrue();
        AddressEntry entry = found.next();
        assertThat(entry.ade()).isEqualTo(URZAD_SKARBOWY);
        assertThat(entry.status()).isEqualTo(AddressStatus.ACTIVE);
        assertThat(entry.assignmentDegree()).isEqualTo(AssignmentDegree.DISCLOSED);
        assertThat(entry.isPublic()).isTrue();
        assertThat(entry.displayName()).isEqualTo("Urząd Skarbowy Warszawa-Bemowo");
        assertThat(entry.officialIds()).containsExactly(OfficialId.of(NIP_US));
        assertThat(found.hasNext()).isFalse();
        assertThat(edelivery.lastSearchRequest().path("senderEda").asText()).isEqualTo(NASZ.value());
    }

    @Test
    void search_manyResults_pagedLazilyThroughTheIterator() {
        Iterator<AddressEntry> found = bae.search(AddressQuery.builder().city("Radom").pageSize(20).build());

        List<AddressEntry> all = new ArrayList<>();
        found.forEachRemaining(all::add);

        assertThat(all).hasSize(45).extracting(AddressEntry::entityName).doesNotHaveDuplicates();
        assertThat(edelivery.lastSearchRequest().path("offset").asInt()).as("the third page").isEqualTo(2);
    }

    @Test
    void search_person_peselMaskedInToString() {
        AddressEntry kowalski = bae.search(AddressQuery.builder().officialId(OfficialId.of(Pesel.parse("44051401359"))).build()).next();

        assertThat(kowalski.displayName()).isEqualTo("Jan Kowalski");
        assertThat(kowalski.isPublic()).isFalse();
        assertThat(kowalski.toString()).doesNotContain("44051401359").contains("*******1359");
    }

    @Test
    void query_withoutCriteria_refusedBeforeAnyCall() {
        assertThatThrownBy(() -> AddressQuery.builder().category(AddressQuery.Category.COMPANY).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one criterion");
        assertThatThrownBy(() -> AddressQuery.builder().officialId(OfficialId.of(NIP_US)).officialId(OfficialId.of(NIP_US))
                .officialId(OfficialId.of(NIP_US)).officialId(OfficialId.of(NIP_US)).officialId(OfficialId.of(NIP_US)))
                .hasMessageContaining("at most 4");
    }

    @Test
    void lookup_bulk_returnsWhatBaeKnowsByAddress() {
        Ade unknown = Ade.parse("AE:PL-12345-67890-ABCDE-25");

        Map<Ade, AddressEntry> found = bae.lookup(List.of(URZAD_SKARBOWY, KOWALSKI, ZAMKNIETY, unknown));

        assertThat(found).containsOnlyKeys(URZAD_SKARBOWY, KOWALSKI, ZAMKNIETY);
        assertThat(found.get(ZAMKNIETY).status()).isEqualTo(AddressStatus.CLOSED_UNRECOVERABLE);
        assertThat(found.get(ZAMKNIETY).isActive()).isFalse();
        assertThat(edelivery.lastSearchRequest().path("recipientEdas")).hasSize(4);
    }

    @Test
    void lookup_moreThan1000_refusedBeforeAnyCall() {
        List<Ade> many = java.util.Collections.nCopies(1001, KOWALSKI);

        assertThatThrownBy(() -> bae.lookup(many)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000");
        assertThat(edelivery.lastSearchRequest()).isNull();
    }

    @Test
    void confirm_knownAndUnknownAddresses() {
        assertThat(bae.confirm(URZAD_SKARBOWY)).get().satisfies(e -> {
            assertThat(e.mainAddress()).isTrue();
            assertThat(e.designatedOperator()).isTrue();
        });
        assertThat(bae.confirm(Ade.parse("AE:PL-12345-67890-ABCDE-25"))).isEmpty();
    }

    @Test
    void confirm_wrongCheckDigits_refusedBeforeAnyCall() {
        Ade wrong = Ade.parse("AE:PL-12345-67890-ABCDE-12", Ade.Validation.LENIENT);   // the official API's own example

        assertThatThrownBy(() -> bae.confirm(wrong)).isInstanceOfSatisfying(InvalidIdentifierException.class,
                e -> assertThat(e.getMessage()).contains("should be 25"));
        assertThat(edelivery.lastSearchRequest()).isNull();
        assertThat(edelivery.tokensIssued()).isZero();
    }

    @Test
    void cache_remembersConfirmationsUntilTheTtl() {
        AddressBook cached = AddressBook.builder().environment(edelivery.environment()).tokens(tokens).sender(NASZ)
                .cache(Duration.ofMinutes(10)).clock(clock).build();
        cached.confirm(URZAD_SKARBOWY);
        edelivery.close();   // nothing answers any more

        assertThat(cached.confirm(URZAD_SKARBOWY)).isPresent();
        assertThat(cached.lookup(List.of(URZAD_SKARBOWY))).containsOnlyKeys(URZAD_SKARBOWY);
        clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(() -> cached.confirm(URZAD_SKARBOWY)).isInstanceOf(dev.okienko.core.OkienkoException.class);
    }

    @Test
    void searchAnswerLost_orServerError_retriedSinceSearchingChangesNothing() {
        edelivery.injectSearch(Mishap.dropConnection()).injectSearch(Mishap.status(503));

        assertThat(bae.confirm(URZAD_SKARBOWY)).isPresent();
        assertThat(edelivery.searchRequests()).isEqualTo(3);
    }

    @Test
    void searchAnswerNotJson_clientExceptionSaysSo() {
        edelivery.injectSearch(Mishap.rawAnswer("<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> bae.confirm(URZAD_SKARBOWY)).isInstanceOf(ClientException.class)
                .hasMessageContaining("e-Doręczenia SE API").hasMessageContaining("not JSON");
    }

    @Test
    void searchTimesOut_everyAttempt_retryableClientException() {
        AddressBook hurried = AddressBook.builder().environment(edelivery.environment()).tokens(tokens).sender(NASZ)
                .httpClient(HttpClients.builder().readTimeout(Duration.ofMillis(300)).build()).build();
        tokens.token();
        for (int i = 0; i < 3; i++) {
            edelivery.injectSearch(Mishap.delay(Duration.ofSeconds(1)));
        }

        assertThatThrownBy(() -> hurried.confirm(URZAD_SKARBOWY)).isInstanceOfSatisfying(ClientException.class,
                e -> assertThat(e.isRetryable()).isTrue());
        assertThat(edelivery.searchRequests()).isEqualTo(3);
    }

    @Test
    void revokedToken_refreshedOnceAndTheCallSucceeds() {
        bae.confirm(URZAD_SKARBOWY);
        edelivery.revokeTokens();

        assertThat(bae.confirm(KOWALSKI)).isPresent();
        assertThat(edelivery.tokensIssued()).isEqualTo(2);
    }

    @Test
    void searchEngineError_serviceExceptionWithItsCodeAndEventId() {
        edelivery.failNextSearch(400, "SEAPI-00002", "No arguments provided to conduct searching.");

        assertThatThrownBy(() -> bae.confirm(URZAD_SKARBOWY)).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.errorCodes()).containsExactly("SEAPI-00002");
            assertThat(e.correlationId()).isPresent();
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("No arguments provided");
        });
    }

    @Test
    void searchEngineUnavailable_retryableServiceException() {
        edelivery.failNextSearch(503, "SIM-SE-503", "maintenance");
        edelivery.failNextSearch(503, "SIM-SE-503", "maintenance");
        edelivery.failNextSearch(503, "SIM-SE-503", "maintenance");

        assertThatThrownBy(() -> bae.lookup(List.of(KOWALSKI))).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.isRetryable()).isTrue());
    }
}
