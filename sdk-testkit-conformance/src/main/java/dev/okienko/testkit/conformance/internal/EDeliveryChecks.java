package dev.okienko.testkit.conformance.internal;

import static dev.okienko.testkit.conformance.internal.Checks.check;
import static dev.okienko.testkit.conformance.internal.Checks.failed;
import static dev.okienko.testkit.conformance.internal.Checks.scenario;

import dev.okienko.core.Ade;
import dev.okienko.core.SystemCredentials;
import dev.okienko.edelivery.AddressStatus;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import dev.okienko.testkit.Exchange;
import dev.okienko.testkit.Mishap;
import dev.okienko.testkit.conformance.Event;
import dev.okienko.testkit.edelivery.BaeEntry;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestIdentity;
import dev.okienko.testkit.seeded.Simulation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/** The e-Doręczenia scenarios: the system sends from, and receives into, the office's own mailbox. */
final class EDeliveryChecks {
    private static final String AREA = "e-Doręczenia";
    private static final String UA = "UA API 3.0.8.2 (shared/specs/edelivery/uaapi_3.0.8.2.yaml)";
    private static final String SEND = "edelivery.send";
    /** An address whose check digits are wrong (the office's own, last digit changed). */
    static final String INVALID_ADE = "AE:PL-50419-15057-VDGUG-26";
    /** An address closed for good, found by its NIP. */
    static final Ade CLOSED_ADE = Ade.parse("AE:PL-98765-43210-SFVYC-19");
    static final String CLOSED_NIP = TestData.nip(777_000_001).value();

    private EDeliveryChecks() {
    }

    static List<Check> all() {
        return List.of(send(), lostAnswer(), retryAfter(), revokedToken(), expiringToken(), draftRoute(), pollWithoutOpening(),
                forgedEvidence(), presumedDelivery(), closedAddress(), invalidAddress(), massLimits());
    }

    private static Map<String, Object> letter(Path attachment, String... to) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("to", List.of(to));
        p.put("subject", "Decyzja w sprawie GK.6733.12.2026");
        p.put("text", "W załączeniu decyzja.");
        p.put("attachments", List.of(attachment.toString()));
        return p;
    }

    private static Path attachment(Context c, String name, int bytes) throws Exception {
        byte[] content = new byte[bytes];
        new Random(bytes).nextBytes(content);
        byte[] head = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, content, 0, Math.min(head.length, bytes));
        return Files.write(c.folder().resolve(name), content);
    }

    /** @return why the letters did not arrive once each, or null when they did */
    private static @Nullable String onceEach(Context c, Context.Step step, Ade... to) {
        StringBuilder wrong = new StringBuilder();
        for (Ade ade : to) {
            long n = c.sim().edelivery().receivedCount(ade);
            c.observe(ade + " received " + n + " message" + (n == 1 ? "" : "s"));
            if (n != 1) {
                wrong.append(wrong.length() == 0 ? "" : "; ").append(ade).append(" received ").append(n).append(" letters, not 1");
            }
        }
        if (wrong.length() > 0) {
            return wrong + (step.failure() == null ? "" : " (the system: " + step.failure() + ")");
        }
        int sent = step.events("sent").size();
        if (sent != to.length) {
            return "each letter arrived once, but the system reported " + sent + " 'sent' for " + to.length + " letter"
                    + (to.length == 1 ? "" : "s") + ": its own record of what it sent is wrong";
        }
        return null;
    }

    private static List<Exchange> sends(EDeliverySimulator sim) {
        return sim.traffic().stream().filter(e -> e.method().equals("POST") && (e.path().matches(".*/messages(\\?.*)?")
                || e.path().contains("/drafts"))).toList();
    }

    private static boolean accepted(Exchange e) {
        return e.status() >= 200 && e.status() < 300;
    }

    private static Check send() {
        return check(scenario("edelivery-send", AREA, "A letter reaches its recipient once",
                "A letter sent to an electronic delivery address is accepted and delivered as one message",
                UA + ": POST /{eDeliveryAddress}/messages", List.of(SEND),
                "send a letter with a PDF attachment to " + Simulation.OFFICE_ADE, "none",
                "the recipient's mailbox holds exactly one message, and the system reported it sent once"), c -> {
                    Context.Step step = c.perform(SEND, letter(attachment(c, "decyzja.pdf", 20_000), Simulation.OFFICE_ADE.value()));
                    return onceEach(c, step, Simulation.OFFICE_ADE);
                });
    }

    private static Check lostAnswer() {
        return check(scenario("edelivery-lost-answer", AREA, "A lost answer to sending does not send the letter twice",
                "When the answer to POST /messages is lost, the letter may have been accepted: the system finds out (the "
                        + "mailbox's sent messages, the task) before sending again, and never sends a second letter",
                UA + "; the operator's documentation on message tasks; Ustawa o doręczeniach elektronicznych art. 26 (one "
                        + "delivery per letter)", List.of(SEND), "send one letter to " + Simulation.OFFICE_ADE,
                "the answer to the accepted POST /messages is dropped (connection closed after the letter went out)",
                "the recipient received exactly one message and the system reported it sent once"), c -> {
                    c.sim().edelivery().injectAfterSend(Mishap.dropConnection());
                    Context.Step step = c.perform(SEND, letter(attachment(c, "decyzja.pdf", 20_000), Simulation.OFFICE_ADE.value()));
                    c.observe(sends(c.sim().edelivery()).size() + " sending request(s): " + sends(c.sim().edelivery()));
                    return onceEach(c, step, Simulation.OFFICE_ADE);
                });
    }

    private static Check retryAfter() {
        return check(scenario("edelivery-retry-after", AREA, "503 with Retry-After is waited for, and the letter goes once",
                "A 503 (or 429) answer with Retry-After means: not before that many seconds; the request was not processed",
                "RFC 9110 section 10.2.3 (Retry-After); " + UA + " (503 Service Unavailable)", List.of(SEND),
                "send one letter to " + Simulation.OFFICE_ADE,
                "the first e-Doręczenia mailbox request is answered 503 with Retry-After: 3",
                "the next mailbox request comes at least 3 seconds after the 503, and exactly one message arrives"), c -> {
                    c.sim().edelivery().inject(Mishap.status(503, Duration.ofSeconds(3)));
                    Context.Step step = c.perform(SEND, letter(attachment(c, "decyzja.pdf", 20_000), Simulation.OFFICE_ADE.value()));
                    List<Exchange> ua = c.sim().edelivery().traffic().stream().filter(e -> !e.path().contains("/token")
                            && !e.path().contains("/search/")).toList();
                    int at = -1;
                    for (int i = 0; i < ua.size(); i++) {
                        if (ua.get(i).status() == 503) {
                            at = i;
                            break;
                        }
                    }
                    if (at < 0) {
                        return "the system made no mailbox request, so the 503 was never answered: " + step.failure();
                    }
                    if (at + 1 >= ua.size()) {
                        return "after the 503 the system made no further mailbox request" + (step.failure() == null ? ""
                                : " (" + step.failure() + ")");
                    }
                    Duration waited = Duration.between(ua.get(at).at(), ua.get(at + 1).at());
                    c.observe("503 at " + ua.get(at).at() + "; next request " + ua.get(at + 1).method() + " " + ua.get(at + 1).path()
                            + " " + waited.toMillis() + " ms later");
                    if (waited.compareTo(Duration.ofMillis(2900)) < 0) {
                        return "the system tried again " + waited.toMillis() + " ms after a 503 with Retry-After: 3";
                    }
                    return onceEach(c, step, Simulation.OFFICE_ADE);
                });
    }

    private static Check revokedToken() {
        return check(scenario("edelivery-revoked-token", AREA, "A token revoked mid-run is replaced, and no letter is lost or doubled",
                "An access token the operator no longer accepts (401) is replaced by a new one from the token endpoint; the "
                        + "refused request was not processed and is made again with the new token",
                "RFC 6750 section 3.1 (invalid_token); RFC 7523 (signed JWT client authentication); " + UA,
                List.of(SEND), "send two letters, to " + Simulation.OFFICE_ADE + " and " + Simulation.PERSON_ADE + ", a second apart",
                "every token issued so far is revoked as soon as the first letter is accepted",
                "each recipient received exactly one message; the system reported two letters sent"), c -> {
                    AtomicBoolean revoked = new AtomicBoolean();
                    Map<String, Object> p = letter(attachment(c, "decyzja.pdf", 20_000), Simulation.OFFICE_ADE.value(),
                            Simulation.PERSON_ADE.value());
                    p.put("pauseSeconds", "1");
                    Context.Step step = c.perform(SEND, p, sim -> {
                        if (!revoked.get() && sends(sim.edelivery()).stream().anyMatch(EDeliveryChecks::accepted)) {
                            sim.edelivery().revokeTokens();
                            revoked.set(true);
                        }
                        return false;
                    });
                    c.observe(revoked.get() ? "tokens revoked after the first letter was accepted" : "the first letter was never accepted");
                    c.observe(c.sim().edelivery().traffic().stream().filter(e -> e.status() == 401).count() + " request(s) answered 401");
                    return onceEach(c, step, Simulation.OFFICE_ADE, Simulation.PERSON_ADE);
                });
    }

    private static Check expiringToken() {
        return check(scenario("edelivery-expiring-token", AREA, "A token expiring mid-run is renewed",
                "An access token is used only until it expires (its exp, or the 401 the operator answers after it); the system "
                        + "then gets a new one with a fresh signed JWT",
                "RFC 7523 section 3 (exp); RFC 6750 section 3.1; " + UA, List.of(SEND),
                "send two letters, to " + Simulation.OFFICE_ADE + " and " + Simulation.PERSON_ADE + ", 4 seconds apart",
                "tokens live 2 seconds", "each recipient received exactly one message; the system reported two letters sent"), c -> {
                    c.sim().edelivery().tokenLifetime(Duration.ofSeconds(2));
                    Map<String, Object> p = letter(attachment(c, "decyzja.pdf", 20_000), Simulation.OFFICE_ADE.value(),
                            Simulation.PERSON_ADE.value());
                    p.put("pauseSeconds", "4");
                    Context.Step step = c.perform(SEND, p);
                    c.observe(c.sim().edelivery().tokensIssued() + " token(s) issued");
                    return onceEach(c, step, Simulation.OFFICE_ADE, Simulation.PERSON_ADE);
                });
    }

    private static Check draftRoute() {
        int size = EDeliverySimulator.MAX_INLINE_ATTACHMENT + 1024 * 1024;
        return check(scenario("edelivery-draft-route", AREA, "An attachment over the inline limit goes through a draft",
                "An attachment larger than the inline limit is uploaded to a draft (POST /drafts, then "
                        + "/{draftId}/attachments/upload) and the draft is sent; inline, it is refused",
                UA + ": POST /{eDeliveryAddress}/drafts, /attachments/upload, /drafts/send", List.of(SEND),
                "send a letter with a " + size / (1024 * 1024) + " MB attachment to " + Simulation.OFFICE_ADE, "none",
                "a draft was made and sent, and the recipient received exactly one message"), c -> {
                    Context.Step step = c.perform(SEND, letter(attachment(c, "akta.pdf", size), Simulation.OFFICE_ADE.value()));
                    long drafts = c.sim().edelivery().traffic().stream().filter(e -> e.path().contains("/drafts")).count();
                    c.observe(drafts + " request(s) to /drafts; " + c.sim().edelivery().draftCount() + " draft(s) left unsent");
                    if (drafts == 0) {
                        return "no draft was made: " + (step.failure() != null ? step.failure() : "the attachment went another way");
                    }
                    return onceEach(c, step, Simulation.OFFICE_ADE);
                });
    }

    private static Check pollWithoutOpening() {
        return check(scenario("edelivery-poll-without-opening", AREA, "Polling the mailbox opens nothing",
                "Reading a message in full opens it: the operator issues the receipt evidence and the office counts as having "
                        + "received it. Polling lists messages in metadata format, which opens nothing; opening is a decision",
                UA + ": GET /{eDeliveryAddress}/messages?format=metadata; Ustawa o doręczeniach elektronicznych art. 41 "
                        + "(the moment of delivery)", List.of("edelivery.receive"),
                "take what is in the office's mailbox into the system's store, without opening it",
                "none (two messages from another office wait in the mailbox)",
                "the system reported each message stored, and each is still unopened"), c -> {
                    List<String> ids = seedIncoming(c, 2);
                    Context.Step step = c.perform("edelivery.receive", Map.of());
                    String failure = failed(step, "take the messages");
                    Mailbox own = mailbox(c.sim(), Simulation.OWN_ADE, Simulation.SYSTEM_NAME, c.sim().pki().seal());
                    List<String> opened = ids.stream().filter(id -> own.metadata(id).opened()).toList();
                    List<String> stored = Checks.values(step.events("stored"), "messageId");
                    c.observe("waiting: " + ids + "; opened afterwards: " + opened + "; the system stored: " + stored);
                    if (!opened.isEmpty()) {
                        return "the system opened " + opened.size() + " of " + ids.size() + " messages while polling: the office counts "
                                + "as having received them, and its deadlines started";
                    }
                    if (failure != null) {
                        return failure;
                    }
                    List<String> missing = ids.stream().filter(id -> !stored.contains(id)).toList();
                    return missing.isEmpty() ? null : "the system did not report storing " + missing;
                });
    }

    private static Check forgedEvidence() {
        return check(scenario("edelivery-forged-evidence", AREA, "An altered evidence is refused",
                "An evidence proves a step of delivery only when its XAdES signature verifies and chains to the operator; a "
                        + "document changed after signing proves nothing",
                "ETSI EN 319 522-2 (evidence); ETSI EN 319 132 (XAdES); Ustawa o doręczeniach elektronicznych art. 37",
                List.of(SEND), "send one letter to " + Simulation.OFFICE_ADE + " and collect and check its A.1 and D.1",
                "every evidence the operator issues is altered after signing (one attribute's value changed)",
                "the system reported A.1 and D.1, each REJECTED"), c -> {
                    c.sim().edelivery().forgeEvidences(b -> new String(b, StandardCharsets.UTF_8)
                            .replace("urn:okienko:simulator:evidence-policy", "urn:okienko:simulator:evidence-po1icy")
                            .getBytes(StandardCharsets.UTF_8));
                    Map<String, Object> p = letter(attachment(c, "decyzja.pdf", 20_000), Simulation.OFFICE_ADE.value());
                    p.put("evidences", List.of("A.1", "D.1"));
                    Context.Step step = c.perform(SEND, p);
                    List<Event> evidences = step.events("evidence");
                    c.observe("the system's verdicts: " + evidences);
                    for (String type : List.of("A.1", "D.1")) {
                        List<Event> of = evidences.stream().filter(e -> type.equals(e.get("type"))).toList();
                        if (of.isEmpty()) {
                            return "the system reported no verdict on the " + type + (step.failure() == null ? "" : " (" + step.failure() + ")");
                        }
                        if (of.stream().anyMatch(e -> !"REJECTED".equals(e.get("verdict")))) {
                            return "the system accepted an altered " + type + " as " + of.get(0).get("verdict");
                        }
                    }
                    return null;
                });
    }

    private static Check presumedDelivery() {
        return check(scenario("edelivery-presumed-delivery", AREA, "An unopened letter is recorded as presumed delivered, with its E.1",
                "A letter the recipient does not open is presumed delivered a fixed period after it was made available (D.1); "
                        + "the operator then issues the E.1 receipt evidence, which the system records as presumed, not as opened",
                "Ustawa o doręczeniach elektronicznych art. 41 ust. 2 (14 days); " + UA + ": GET /messages/{id}, evidences",
                List.of(SEND, "edelivery.status"), "send a letter to " + Simulation.PERSON_ADE + "; later, find out where it is and "
                        + "collect its E.1", "the presumed-delivery period is shortened from 14 days to 3 seconds; nobody opens the letter",
                "the system reported the letter PRESUMED_DELIVERED and its E.1 GENUINE"), c -> {
                    c.sim().edelivery().presumedDeliveryAfter(Duration.ofSeconds(3));
                    Context.Step sent = c.perform(SEND, letter(attachment(c, "decyzja.pdf", 20_000), Simulation.PERSON_ADE.value()));
                    String failure = failed(sent, "send the letter");
                    List<String> ids = Checks.values(sent.events("sent"), "messageId");
                    if (failure != null || ids.isEmpty()) {
                        return failure != null ? failure : "the system reported no message id for the letter it sent";
                    }
                    Thread.sleep(4500);
                    Context.Step status = c.perform("edelivery.status", Map.of("messageId", ids.get(0), "evidences", List.of("E.1")));
                    List<Event> states = status.events("status");
                    List<Event> e1 = status.events("evidence").stream().filter(e -> "E.1".equals(e.get("type"))).toList();
                    c.observe("the system's status: " + states + "; its E.1 verdicts: " + e1);
                    if (states.isEmpty() || !"PRESUMED_DELIVERED".equals(states.get(0).get("status"))) {
                        return "the system did not record the letter as PRESUMED_DELIVERED: " + (states.isEmpty() ? "no status reported"
                                : states.get(0).get("status")) + (status.failure() == null ? "" : " (" + status.failure() + ")");
                    }
                    if (e1.isEmpty() || !"GENUINE".equals(e1.get(0).get("verdict"))) {
                        return "the system did not report the E.1 of the presumed delivery GENUINE: " + e1;
                    }
                    return null;
                });
    }

    private static Check massLimits() {
        List<String> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String first = String.format("%05d", 10_000 + i * 137);
            String second = String.format("%05d", 20_000 + i * 71);
            twenty.add("AE:PL-" + first + "-" + second + "-MASOW-" + Ade.checkDigits(first, second, "MASOW"));
        }
        return check(scenario("edelivery-mass-limits", AREA, "A letter to 20 addresses stays within the recipient limits",
                "A message has 1 to 15 recipients; more go as several messages, or as one mass message (2 to 1,000); a message "
                        + "over the limit is refused and must not be how the system finds out",
                UA + ": messageControlData.massMessage; the operator's documentation (15 recipients, 2-1000 in mass mode)",
                List.of(SEND), "send one letter to 20 addresses (the system groups them as the service allows)",
                "none (the 20 addresses are active public bodies' in BAE)",
                "each of the 20 received exactly one message, and no sending request was refused"), c -> {
                    for (int i = 0; i < twenty.size(); i++) {
                        c.sim().edelivery().addAddress(BaeEntry.publicBody(Ade.parse(twenty.get(i)), "Gmina " + (i + 1),
                                nip(600_000_000 + i * 1009), "Testowo"));
                    }
                    Map<String, Object> p = letter(attachment(c, "obwieszczenie.pdf", 10_000), twenty.toArray(String[]::new));
                    p.put("oneLetter", "true");
                    Context.Step step = c.perform(SEND, p);
                    List<Exchange> refused = sends(c.sim().edelivery()).stream().filter(e -> e.status() >= 400).toList();
                    long once = twenty.stream().filter(a -> c.sim().edelivery().receivedCount(Ade.parse(a)) == 1).count();
                    c.observe(sends(c.sim().edelivery()).size() + " sending request(s), " + refused.size() + " refused; " + once
                            + " of 20 addresses received exactly one message");
                    if (!refused.isEmpty()) {
                        return "the service refused " + refused.size() + " sending request(s): " + refused;
                    }
                    if (once != 20) {
                        return (20 - once) + " of the 20 addresses did not receive exactly one message" + (step.failure() == null ? ""
                                : " (" + step.failure() + ")");
                    }
                    return null;
                });
    }

    private static Check closedAddress() {
        return check(scenario("edelivery-closed-address", AREA, "A closed address gets no letter",
                "An address whose status in BAE is closed cannot receive: the system looks the recipient up and does not send "
                        + "(it chooses another channel, e.g. a hybrid letter, or a person decides)",
                "SE API 4.0.5 (shared/specs/edelivery/se-api_v.4.0.5.yaml): status; Ustawa o doręczeniach elektronicznych art. 36",
                List.of(SEND), "send a letter to the public body with NIP " + CLOSED_NIP + " (looked up in BAE)",
                "that body's address is CLOSED_UNRECOVERABLE in BAE",
                "no message was sent, and the system reported not-sent with a reason"), c -> {
                    c.sim().edelivery().addAddress(BaeEntry.publicBody(CLOSED_ADE, "Urząd Zlikwidowany", dev.okienko.core.Nip.parse(CLOSED_NIP),
                            "Kielce").withStatus(AddressStatus.CLOSED_UNRECOVERABLE));
                    Map<String, Object> p = letter(attachment(c, "decyzja.pdf", 20_000));
                    p.remove("to");
                    p.put("nip", CLOSED_NIP);
                    Context.Step step = c.perform(SEND, p);
                    return notSent(c, step, CLOSED_ADE);
                });
    }

    private static Check invalidAddress() {
        return check(scenario("edelivery-invalid-address", AREA, "An invalid address is refused before anything is sent",
                "An electronic delivery address has check digits; one that fails them is refused by the system itself",
                "Rozporządzenie w sprawie adresu do doręczeń elektronicznych (the ADE's form and check digits); UA API",
                List.of(SEND), "send a letter to " + INVALID_ADE, "none",
                "no message was sent, and the system reported not-sent with a reason"), c -> {
                    Context.Step step = c.perform(SEND, letter(attachment(c, "decyzja.pdf", 20_000), INVALID_ADE));
                    return notSent(c, step, null);
                });
    }

    private static @Nullable String notSent(Context c, Context.Step step, @Nullable Ade to) {
        List<Exchange> sends = sends(c.sim().edelivery());
        c.observe(sends.size() + " sending request(s)" + (to == null ? "" : "; " + to + " received " + c.sim().edelivery().receivedCount(to)));
        if (!sends.isEmpty()) {
            return "the system tried to send: " + sends;
        }
        if (step.events("not-sent").isEmpty()) {
            return "nothing was sent, but the system did not report not-sent" + (step.failure() == null ? "" : " (it failed: "
                    + step.failure() + ")");
        }
        return null;
    }

    /** @return a valid NIP starting at or after the prefix (some prefixes have no check digit) */
    private static dev.okienko.core.Nip nip(int prefix) {
        for (int p = prefix; ; p++) {
            try {
                return TestData.nip(p);
            } catch (IllegalArgumentException noCheckDigit) {
                // the next prefix
            }
        }
    }

    /** Another office sends the system's mailbox messages; @return their ids */
    private static List<String> seedIncoming(Context c, int count) throws Exception {
        TestIdentity other = c.sim().pki().issueSeal("Urząd Skarbowy Testowo", Simulation.OFFICE_NIP);
        c.sim().edelivery().registerSystem(Simulation.OFFICE_ADE, "EZD", other.certificate());
        Mailbox sender = mailbox(c.sim(), Simulation.OFFICE_ADE, "EZD", other);
        Path file = attachment(c, "wezwanie.pdf", 10_000);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Letter letter = Letter.builder().to(Simulation.OWN_ADE).subject("Wezwanie " + i).text("Treść " + i)
                    .attach(file, "application/pdf").build();
            ids.add(sender.await(sender.send(letter), Duration.ofSeconds(30)).recipients().get(0).messageId());
        }
        return ids;
    }

    static Mailbox mailbox(Simulation sim, Ade ade, String system, TestIdentity identity) {
        SystemCredentials credentials = identity.toSystemCredentials();
        return Mailbox.builder().environment(sim.edelivery().environment()).address(ade).pollInterval(Duration.ofMillis(50))
                .tokens(SignedJwtTokenProvider.builder().environment(sim.edelivery().environment()).credentials(credentials)
                        .system(ade, system).build()).build();
    }
}
