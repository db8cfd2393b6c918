package dev.okienko.examples.spring;

import dev.okienko.core.Ade;
import dev.okienko.correspondence.Addressee;
import dev.okienko.correspondence.Correspondence;
import dev.okienko.correspondence.LetterView;
import dev.okienko.correspondence.OutgoingLetter;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.SendReport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An office's application, as small as it gets: okienko's starter configures the e-Doręczenia mailbox and the one
 * window from {@code okienko.*} properties. {@code POST /letters} sends a letter through the mailbox at once;
 * {@code POST /outbox} hands it to the one window, stored before the answer, which the window's workers send in the
 * background ({@code GET /outbox/{id}} follows it). The actuator shows okienko's health ({@code /actuator/health},
 * with the window's backlog) and its HTTP metrics ({@code /actuator/metrics/okienko.http.client.calls}).
 */
@SpringBootApplication
public class OfficeApplication {
    /**
     * @param args Spring Boot's arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(OfficeApplication.class, args);
    }

    /** Sends letters. */
    @RestController
    static class Letters {
        private final Mailbox mailbox;

        Letters(Mailbox mailbox) {
            this.mailbox = mailbox;
        }

        /** What to send: {@code {"to": "AE:PL-...", "subject": "...", "text": "..."}}. */
        record Request(String to, String subject, String text) {
        }

        @PostMapping("/letters")
        Map<String, Object> send(@RequestBody Request request) {
            Ade to = Ade.parse(request.to());
            SendReport report = mailbox.await(mailbox.send(Letter.builder().to(to).subject(request.subject())
                    .text(request.text()).build()), Duration.ofSeconds(30));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("accepted", report.allAccepted());
            answer.put("messageId", report.messageIdFor(to.value()).orElse(null));
            return answer;
        }
    }

    /** Hands letters to the one window: stored first, sent by its workers, never twice. */
    @RestController
    static class Outbox {
        private final Correspondence window;

        Outbox(Correspondence window) {
            this.window = window;
        }

        /** What to send, under the office's own key: the same key again is the same letter. */
        record Request(String key, String to, String subject, String text) {
        }

        @PostMapping("/outbox")
        Map<String, Object> submit(@RequestBody Request request) {
            String id = window.submit(OutgoingLetter.builder().to(Addressee.of(Ade.parse(request.to()))).subject(request.subject())
                    .text(request.text()).idempotencyKey(request.key()).build()).letterId();
            return Map.of("letterId", id);
        }

        @GetMapping("/outbox/{id}")
        Map<String, Object> follow(@PathVariable("id") String id) {
            LetterView letter = window.letter(id).orElseThrow();
            return Map.of("status", letter.status().name());
        }
    }
}
