package dev.okienko.correspondence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.okienko.core.Ade;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.OkienkoException;
import dev.okienko.correspondence.internal.ContentStore;
import dev.okienko.correspondence.internal.WorkRows;
import dev.okienko.edelivery.AddressBook;
import dev.okienko.edelivery.AddressEntry;
import dev.okienko.edelivery.AddressQuery;
import dev.okienko.edelivery.Evidence;
import dev.okienko.edelivery.EvidenceInfo;
import dev.okienko.edelivery.HybridShipment;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.OfficialId;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapSubmission;
import dev.okienko.epuap.SendResult;
import dev.okienko.epuap.Upp;
import dev.okienko.epuap.document.Attachment;
import dev.okienko.epuap.document.Party;
import dev.okienko.epuap.document.PismoOgolne;
import dev.okienko.signature.SignatureVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** The services a worker sends through, the checks of their receipts, and the worker's timings. */
final class Channels {
    /** A receipt's verdict and parsed fields. */
    record Verdict(ReceiptVerdict verdict, @Nullable String detail, @Nullable Instant eventAt, String fields) {
    }

    /** An evidence's bytes and verdict. */
    record Evidenced(byte[] document, Verdict verdict) {
    }

    private record Cached<T>(T value, Instant until) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Correspondence.Builder settings;
    private final Map<String, Cached<List<AddressEntry>>> byId = new ConcurrentHashMap<>();
    private final Map<String, Cached<Optional<AddressEntry>>> byAde = new ConcurrentHashMap<>();

    Channels(Correspondence.Builder settings) {
        this.settings = settings;
    }

    Clock clock() {
        return settings.clock;
    }

    Duration lease() {
        return settings.lease;
    }

    Duration reconcileWindow() {
        return settings.reconcileWindow;
    }

    Duration retryDelay() {
        return settings.retryDelay;
    }

    Duration pollInterval() {
        return settings.pollInterval;
    }

    Duration awaitTimeout() {
        return settings.awaitTimeout;
    }

    Mailbox mailbox() {
        Mailbox m = settings.mailbox;
        if (m == null) {
            throw new StoreException("a letter is routed to e-Doręczenia but the window has no mailbox: set Correspondence"
                    + ".Builder.edelivery", null, false);
        }
        return m;
    }

    Route route(Addressee addressee) {
        return settings.routing.route(addressee, new RoutingContext() {
            @Override
            public List<AddressEntry> addressesOf(OfficialId id) {
                String key = id.registry() + ":" + id.id();
                Cached<List<AddressEntry>> hit = byId.get(key);
                if (hit != null && hit.until().isAfter(now())) {
                    return hit.value();
                }
                List<AddressEntry> found = new ArrayList<>();
                Iterator<AddressEntry> it = book().search(AddressQuery.builder().officialId(id).build());
                while (it.hasNext() && found.size() < 50) {
                    found.add(it.next());
                }
                byId.put(key, new Cached<>(List.copyOf(found), now().plus(settings.baeTtl)));
                return found;
            }

            @Override
            public Optional<AddressEntry> entryOf(Ade ade) {
                Cached<Optional<AddressEntry>> hit = byAde.get(ade.value());
                if (hit != null && hit.until().isAfter(now())) {
                    return hit.value();
                }
                Optional<AddressEntry> found = Optional.ofNullable(book().lookup(List.of(ade)).get(ade));
                byAde.put(ade.value(), new Cached<>(found, now().plus(settings.baeTtl)));
                return found;
            }

            @Override
            public Instant now() {
                return settings.clock.instant();
            }

            @Override
            public boolean hybridEnabled() {
                return settings.officeAddress != null;
            }
        });
    }

    private AddressBook book() {
        AddressBook b = settings.addressBook;
        if (b == null) {
            throw new StoreException("routing needs BAE but the window has no address book: set Correspondence.Builder.edelivery",
                    null, false);
        }
        return b;
    }

    HybridShipment hybrid(HybridShipment.Addressee addressee) {
        HybridShipment.PostalAddress office = settings.officeAddress;
        if (office == null) {
            throw new StoreException("a hybrid letter needs the office's postal address: set Correspondence.Builder.hybrid", null, false);
        }
        return HybridShipment.registered(addressee, office);
    }

    SendResult sendEpuap(WorkRows.Content content, List<WorkRows.Attachment> attachments, @Nullable String box, String sendId,
                         ContentStore contents) throws IOException {
        EpuapClient client = settings.epuap;
        EpuapAddress replyTo = settings.epuapReplyTo;
        Party office = settings.epuapOffice;
        if (client == null || replyTo == null || office == null || box == null) {
            throw new StoreException("a letter is routed to ePUAP but the window has no ePUAP client: set Correspondence.Builder.epuap",
                    null, false);
        }
        String text;
        try (InputStream in = contents.open(content.text())) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        PismoOgolne.Builder pismo = PismoOgolne.builder(PismoOgolne.Form.V2017).documentName(content.subject())
                .title(content.subject()).created(LocalDate.ofInstant(clock().instant(), ZoneId.of("Europe/Warsaw")))
                .sender(office).recipient(Party.institution(EpuapAddress.parse(box).entityId(), null));
        if (!text.isBlank()) {
            pismo.paragraph(text);
        }
        for (WorkRows.Attachment a : attachments) {
            // ePUAP carries attachments inside the document (base64): the document is built in memory
            try (InputStream in = contents.open(a.content())) {
                pismo.attachment(Attachment.inline(a.name(), a.mediaType(), in.readAllBytes(), a.name()));
            }
        }
        EpuapSubmission submission = EpuapSubmission.of(settings.epuapSenderId == null ? replyTo.entityId() : settings.epuapSenderId,
                EpuapAddress.parse(box), replyTo, "pismo.xml", pismo.build().toXml())
                .additionalData(sendId.getBytes(StandardCharsets.UTF_8));
        return client.send(submission);
    }

    Verdict checkUpp(byte[] upp) {
        SignatureVerifier verifier = settings.verifier;
        X509Certificate issuer = settings.uppIssuer;
        if (verifier == null || issuer == null) {
            return new Verdict(ReceiptVerdict.NOT_CHECKED, "no verifier and ePUAP certificate configured (Correspondence.Builder.trust)", null, "{}");
        }
        try {
            Upp parsed = Upp.read(upp, verifier);
            boolean genuine = parsed.isGenuine(issuer);
            return new Verdict(genuine ? ReceiptVerdict.GENUINE : ReceiptVerdict.NOT_GENUINE, genuine ? null : "the UPP is not signed by the configured "
                    + "ePUAP certificate over the whole document: " + parsed.signature().summary(), parsed.deliveredAt(),
                    json("documentId", parsed.documentId(), "certificateId", parsed.certificateId(), "deliveredAt",
                            String.valueOf(parsed.deliveredAt())));
        } catch (OkienkoException e) {
            return new Verdict(ReceiptVerdict.MALFORMED, e.getMessage(), null, "{}");
        }
    }

    Evidenced evidence(EvidenceInfo info) {
        byte[] document = mailbox().downloadEvidence(info);
        SignatureVerifier verifier = settings.verifier;
        X509Certificate issuer = settings.evidenceIssuer;
        if (verifier == null || issuer == null) {
            return new Evidenced(document, new Verdict(ReceiptVerdict.NOT_CHECKED, "no verifier and evidence certificate configured "
                    + "(Correspondence.Builder.trust)", info.eventDate(), "{}"));
        }
        try {
            Evidence e = Evidence.read(document, verifier);
            boolean genuine = e.isGenuine(issuer) && info.messageId().equals(e.messageId());
            return new Evidenced(document, new Verdict(genuine ? ReceiptVerdict.GENUINE : ReceiptVerdict.NOT_GENUINE, genuine ? null
                    : "the evidence is not signed by the configured operator certificate over the whole document, or names "
                    + "another message: " + e.signature().summary(), e.eventTime(),
                    json("evidenceId", e.evidenceId(), "code", e.code().map(c -> c.code()).orElse(e.eventId()), "messageId",
                            String.valueOf(e.messageId()), "eventTime", String.valueOf(e.eventTime()))));
        } catch (OkienkoException e) {
            return new Evidenced(document, new Verdict(ReceiptVerdict.MALFORMED, e.getMessage(), info.eventDate(), "{}"));
        }
    }

    /** A test hook: at a named point, with {@code -Dokienko.crashAt=<point>}, the worker says so and waits to be killed. */
    void crashPoint(String point) {
        if (point.equals(System.getProperty("okienko.crashAt"))) {
            System.err.println("OKIENKO-CRASH-POINT " + point);
            System.err.flush();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return the fields of a stored receipt, read back from their JSON object (empty when there are none) */
    static Map<String, String> fields(@Nullable String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            JSON.readTree(json).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        } catch (java.io.IOException e) {
            throw new StoreException("a stored receipt's fields are not the JSON okienko wrote: " + e.getMessage(), e, false);
        }
    }

    /** @return the fields as a JSON object, written by Jackson so that any text in them is escaped */
    private static String json(String... pairs) {
        ObjectNode fields = JSON.createObjectNode();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields.toString();
    }
}
