package dev.okienko.correspondence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.Ade;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.edelivery.HybridShipment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SubmitTest {
    private static final Ade OFFICE = Ade.parse("AE:PL-10609-91337-SAIBG-23");
    private static final Pesel JAN = Pesel.parse("44051401359");

    @TempDir
    Path dir;

    private final List<AutoCloseable> stores = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : stores) {
            c.close();
        }
    }

    private Correspondence open(Stores kind) {
        return Correspondence.builder().store(kind.open(dir, stores)).maxAttachmentBytes(1024 * 1024).build();
    }

    private OutgoingLetter.Builder letter(String key) {
        return OutgoingLetter.builder()
                .to(Addressee.of(OFFICE))
                .to(Addressee.of(JAN).withPaperAddress(new HybridShipment.Addressee("Jan", "Kowalski", null,
                        new HybridShipment.PostalAddress("PL", "15-001", "Białystok", "Lipowa", "1", null))))
                .to(Addressee.of(EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP")))
                .subject("Decyzja w sprawie GK.6733.12.2026")
                .text("W załączeniu decyzja.")
                .caseReference("GK.6733.12.2026")
                .idempotencyKey(key);
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void submit_storesTheLetter_andShowsItSubmitted(Stores kind) throws Exception {
        Correspondence window = open(kind);
        Path file = Files.writeString(dir.resolve("decyzja.pdf"), "%PDF-1.7 decyzja");

        Submission s = window.submit(letter("ezd-1").attach(OutgoingAttachment.of(file)).build());
        Files.delete(file); // the letter is sent from the store's copy

        assertThat(s.alreadySubmitted()).isFalse();
        LetterView view = window.letter(s.letterId()).orElseThrow();
        assertThat(view.status()).isEqualTo(LetterStatus.SUBMITTED);
        assertThat(view.idempotencyKey()).isEqualTo("ezd-1");
        assertThat(view.caseReference()).isEqualTo("GK.6733.12.2026");
        assertThat(view.recipients()).extracting(LetterView.Recipient::addressee)
                .containsExactly("AE:PL-10609-91337-SAIBG-23", "pesel:*******1359", "/PodlaskaWKOHP/SkrytkaESP");
        assertThat(view.recipients()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(LetterStatus.SUBMITTED);
            assertThat(r.channel()).isNull();
        });
        assertThat(view.timeline()).extracting(LetterView.Event::status).containsExactly(LetterStatus.SUBMITTED);
        assertThat(window.letterByKey("ezd-1")).map(LetterView::id).contains(s.letterId());
        assertThat(window.letters(LetterStatus.SUBMITTED, "GK.6733.12.2026", 10)).extracting(LetterView::id)
                .containsExactly(s.letterId());
        assertThat(window.needingAttention(10)).isEmpty();

        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("%PDF-1.7 decyzja".getBytes(StandardCharsets.UTF_8)));
        assertThat(window.store().contentFolder().resolve(sha.substring(0, 2)).resolve(sha.substring(2)))
                .hasContent("%PDF-1.7 decyzja");
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void submit_sameKeyTwice_returnsTheSameLetter_andStoresOne(Stores kind) throws Exception {
        Correspondence window = open(kind);
        Submission first = window.submit(letter("ezd-2").build());
        Submission again = window.submit(letter("ezd-2").build());

        assertThat(again.letterId()).isEqualTo(first.letterId());
        assertThat(again.alreadySubmitted()).isTrue();
        assertThat(count(window, "SELECT COUNT(*) FROM okienko_letter")).isEqualTo(1);
        assertThat(count(window, "SELECT COUNT(*) FROM okienko_recipient")).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void submit_sameKeyForAnotherLetter_isRefusedNamingTheKey(Stores kind) {
        Correspondence window = open(kind);
        Submission first = window.submit(letter("ezd-3").build());

        assertThatThrownBy(() -> window.submit(letter("ezd-3").subject("Inna sprawa").build()))
                .isInstanceOfSatisfying(InvalidLetterException.class, e -> assertThat(e.field()).isEqualTo("idempotencyKey"))
                .hasMessageContaining("ezd-3").hasMessageContaining(first.letterId());
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void submit_manyThreadsSameKey_storeOneLetter(Stores kind) throws Exception {
        Correspondence window = open(kind);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Submission>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> window.submit(letter("ezd-race").build()));
            }
            Set<String> ids = new HashSet<>();
            int fresh = 0;
            for (Future<Submission> f : pool.invokeAll(calls)) {
                ids.add(f.get().letterId());
                fresh += f.get().alreadySubmitted() ? 0 : 1;
            }
            assertThat(ids).hasSize(1);
            assertThat(fresh).isEqualTo(1);
            assertThat(count(window, "SELECT COUNT(*) FROM okienko_letter")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void submit_missingOrOversizedAttachment_isRefusedNamingIt_andNothingIsStored(Stores kind) throws Exception {
        Correspondence window = open(kind);
        Path missing = dir.resolve("nie-ma.pdf");
        Path big = dir.resolve("duzy.pdf");
        Files.write(big, new byte[1024 * 1024 + 1]);
        Path ok = Files.writeString(dir.resolve("ok.txt"), "ok");

        assertThatThrownBy(() -> window.submit(letter("ezd-4").attach(OutgoingAttachment.of(ok))
                .attach(OutgoingAttachment.of(missing)).build()))
                .isInstanceOfSatisfying(InvalidLetterException.class, e -> assertThat(e.field()).isEqualTo("attachments[1]"))
                .hasMessageContaining("nie-ma.pdf");
        assertThatThrownBy(() -> window.submit(letter("ezd-4").attach(OutgoingAttachment.of(big)).build()))
                .isInstanceOfSatisfying(InvalidLetterException.class, e -> assertThat(e.field()).isEqualTo("attachments[0]"))
                .hasMessageContaining("1048577 bytes").hasMessageContaining("at most 1048576");
        assertThatThrownBy(() -> window.submit(letter("ezd-4").attach(new OutgoingAttachment(ok, "../../etc/passwd", "text/plain"))
                .build()))
                .isInstanceOfSatisfying(InvalidLetterException.class, e -> assertThat(e.field()).isEqualTo("attachments[0]"));
        assertThat(count(window, "SELECT COUNT(*) FROM okienko_letter")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void submit_inTheCallersTransaction_isStoredOnlyWhenItCommits(Stores kind) throws Exception {
        Correspondence window = open(kind);
        try (Connection c = window.store().dataSource().getConnection()) {
            c.setAutoCommit(false);
            Submission rolledBack = window.submit(c, letter("ezd-5").build());
            c.rollback();
            assertThat(window.letter(rolledBack.letterId())).isEmpty();

            Submission committed = window.submit(c, letter("ezd-5").build());
            assertThat(committed.alreadySubmitted()).isFalse();
            c.commit();
            assertThat(window.letter(committed.letterId())).isPresent();

            c.setAutoCommit(true);
            assertThatThrownBy(() -> window.submit(c, letter("ezd-6").build()))
                    .isInstanceOf(StoreException.class).hasMessageContaining("auto-commit");
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void migrate_twice_changesNothing_andAChangedScriptIsRefused(Stores kind) throws Exception {
        Correspondence window = open(kind);
        CorrespondenceStore store = window.store();
        assertThat(store.migrate().schemaVersion()).isEqualTo(4);
        try (Connection c = store.dataSource().getConnection()) {
            c.createStatement().executeUpdate("UPDATE okienko_schema_version SET checksum = 'x' WHERE version = 1");
        }
        assertThatThrownBy(store::migrate).isInstanceOf(StoreException.class)
                .hasMessageContaining("V1__outgoing_correspondence.sql").hasMessageContaining("must not change");
    }

    @ParameterizedTest
    @EnumSource(Stores.class)
    void letter_builder_refusesBadFieldsNamingThem(Stores kind) {
        assertThatThrownBy(() -> OutgoingLetter.builder().subject("x").build())
                .isInstanceOfSatisfying(InvalidLetterException.class, e -> assertThat(e.field()).isEqualTo("recipients"));
        assertThatThrownBy(() -> OutgoingLetter.builder().to(Addressee.of(Nip.parse("5260250274"))).subject(" ").build())
                .isInstanceOfSatisfying(InvalidLetterException.class, e -> assertThat(e.field()).isEqualTo("subject"));
        assertThatThrownBy(() -> OutgoingLetter.builder().to(Addressee.of(OFFICE)).to(Addressee.of(OFFICE)).subject("x").build())
                .isInstanceOfSatisfying(InvalidLetterException.class, e -> assertThat(e.field()).isEqualTo("recipients[1]"));
        assertThatThrownBy(() -> OutgoingLetter.builder().to(Addressee.of(OFFICE)).subject("x").text("a".repeat(5001)).build())
                .isInstanceOfSatisfying(InvalidLetterException.class, e -> assertThat(e.field()).isEqualTo("text"));
        assertThat(kind).isNotNull();
    }

    private static long count(Correspondence window, String sql) throws Exception {
        try (Connection c = window.store().dataSource().getConnection(); PreparedStatement st = c.prepareStatement(sql);
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
