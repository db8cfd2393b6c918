package dev.okienko.examples.spring;

import dev.okienko.core.Ade;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.SendReport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An office's application, as small as it gets: okienko's starter configures the e-Doręczenia mailbox from
 * {@code okienko.*} properties, {@code POST /letters} sends a letter through it, and the actuator shows okienko's
 * health ({@code /actuator/health}) and its HTTP metrics ({@code /actuator/metrics/okienko.http.client.calls}).
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
}
