package dev.okienko.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.okienko.correspondence.Addressee;
import dev.okienko.correspondence.Correspondence;
import dev.okienko.correspondence.IncomingHandler;
import dev.okienko.correspondence.IncomingItem;
import dev.okienko.correspondence.LetterStatus;
import dev.okienko.correspondence.OutgoingLetter;
import dev.okienko.correspondence.Submission;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapSubmission;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.seeded.Simulation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The one window from okienko.correspondence.* properties, against the embedded simulators: an embedded store, the
 * workers started with the context send a submitted letter, the receivers started with it hand a document that
 * arrives in the office's ePUAP box to the application's handler, the health shows the backlog, and closing the
 * context stops them.
 */
class OkienkoCorrespondenceTest {
    @TempDir
    static Path dir;
    private static Simulation simulation;
    private static JsonNode described;

    @BeforeAll
    static void start() throws Exception {
        simulation = Simulation.start();
        described = new ObjectMapper().readTree(simulation.describe(dir.resolve("sim")).toFile());
    }

    @AfterAll
    static void stop() {
        simulation.close();
    }

    @Test
    void fromProperties_lettersAreSentAndDocumentsReceived_byWhatStartsWithTheApplication() throws Exception {
        List<IncomingItem> handled = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicReference<OkienkoCorrespondenceConfiguration.CorrespondenceRunner> runner =
                new java.util.concurrent.atomic.AtomicReference<>();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(OkienkoAutoConfiguration.class, OkienkoCorrespondenceConfiguration.class))
                .withBean(IncomingHandler.class, () -> handled::add)
                .withPropertyValues(SimulatorUrls.clientProperties(simulation, described))
                .withPropertyValues(
                        "okienko.correspondence.store=" + dir.resolve("store"),
                        "okienko.correspondence.workers=1",
                        "okienko.correspondence.receive-poll-interval=200ms",
                        "okienko.correspondence.receive-edelivery=false",
                        "okienko.correspondence.epuap-box=" + Simulation.OWN_BOX.value(),
                        "okienko.correspondence.office-name=Urząd Gminy Testowo")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Correspondence.class);
                    Correspondence window = context.getBean(Correspondence.class);
                    Submission s = window.submit(OutgoingLetter.builder().to(Addressee.of(Simulation.OFFICE_ADE))
                            .subject("Wezwanie").text("W załączeniu.").idempotencyKey("spring-1").build());
                    waitFor(() -> window.letter(s.letterId()).orElseThrow().status() == LetterStatus.SENT
                            || window.letter(s.letterId()).orElseThrow().status() == LetterStatus.DELIVERED, "the letter sent");

                    context.getBean(EpuapClient.class).send(EpuapSubmission.of(Simulation.OTHER_ENTITY, Simulation.OWN_BOX,
                            Simulation.OTHER_BOX, "wniosek.xml", TestDocuments.xmlLetter("Wniosek")));
                    waitFor(() -> !handled.isEmpty(), "the document handed to the application");
                    assertThat(handled.get(0).fileName()).isEqualTo("wniosek.xml");

                    OkienkoHealthCheck.Result health = context.getBean(OkienkoHealthCheck.class).check();
                    assertThat(health.up()).as(health.details().toString()).isTrue();
                    assertThat(health.details()).containsEntry("lettersWaitingToBeSent", 0).containsEntry("lettersNeedingAttention", 0);
                    runner.set(context.getBean(OkienkoCorrespondenceConfiguration.CorrespondenceRunner.class));
                    assertThat(runner.get().isRunning()).isTrue();
                });
        assertThat(runner.get().isRunning()).as("workers and receivers stopped with the context").isFalse();
    }

    @Test
    void aJdbcStoreWithoutAContentFolder_failsTheStart_namingIt() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(OkienkoAutoConfiguration.class, OkienkoCorrespondenceConfiguration.class))
                .withPropertyValues("okienko.correspondence.store=jdbc:h2:mem:x;password=sekret")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("needs okienko.correspondence.content-folder")
                        .satisfies(e -> assertThat(e.getCause().getMessage()).doesNotContain("sekret")));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
