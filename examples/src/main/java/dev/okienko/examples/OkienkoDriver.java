package dev.okienko.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.okienko.core.Ade;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.InvalidIdentifierException;
import dev.okienko.core.Nip;
import dev.okienko.core.OkienkoException;
import dev.okienko.edelivery.AddressBook;
import dev.okienko.edelivery.AddressEntry;
import dev.okienko.edelivery.AddressQuery;
import dev.okienko.edelivery.AddressStatus;
import dev.okienko.edelivery.Evidence;
import dev.okienko.edelivery.EvidenceInfo;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.MailboxMessage;
import dev.okienko.edelivery.OfficialId;
import dev.okienko.edelivery.SendReport;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapInbox;
import dev.okienko.epuap.EpuapSubmission;
import dev.okienko.epuap.IncomingDocument;
import dev.okienko.epuap.SendResult;
import dev.okienko.epuap.Upp;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.TrustConfiguration;
import dev.okienko.testkit.conformance.Driver;
import dev.okienko.testkit.conformance.Reporter;
import dev.okienko.testkit.conformance.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * okienko's own clients as a system under test of the conformance kit: what a vendor's adapter does, written with
 * okienko. It sends and receives through the simulators a task's {@code simulator.json} describes, keeps what it
 * stores in the task's state folder, and reports each step. {@code okienko conformance adapter} runs it as an
 * adapter command; the examples' tests run it as a {@link Driver}.
 */
public final class OkienkoDriver implements Driver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ENDED = Set.of("A.1", "D.1", "E.1");

    @Override
    public void perform(Task task, Reporter out) throws Exception {
        JsonNode sim = JSON.readTree(task.simulator().toFile());
        switch (task.action()) {
            case "edelivery.send" -> send(task, sim, out);
            case "edelivery.status" -> status(task, sim, out);
            case "edelivery.receive" -> receiveMessages(task, out);
            case "epuap.receive" -> receiveDocuments(task, sim, out);
            case "epuap.send" -> sendDocument(task, sim, out);
            case "list" -> list(task, out);
            default -> throw new IllegalArgumentException("okienko's driver does not know the action " + task.action());
        }
    }

    private static EDeliveryCommands.Connection edelivery(Task task) {
        EDeliveryCommands.Connection c = new EDeliveryCommands.Connection();
        c.target = new EDeliveryCommands.Connection.Target();
        c.target.simulator = task.simulator();
        return c;
    }

    private static SignatureVerifier verifier(JsonNode sim) {
        return SignatureVerifier.builder().trust(TrustConfiguration.anchors(
                Certificates.read(Path.of(sim.path("pki").path("root").asText())).get(0))).build();
    }

    private static void send(Task task, JsonNode sim, Reporter out) throws Exception {
        EDeliveryCommands.Connection connection = edelivery(task);
        Mailbox mailbox = connection.mailbox();
        List<Ade> recipients = new ArrayList<>();
        for (String to : task.params("to")) {
            try {
                recipients.add(Ade.parse(to));
            } catch (InvalidIdentifierException e) {
                out.report("not-sent", Map.of("to", to, "reason", "not an electronic delivery address: " + e.getMessage()));
            }
        }
        String nip = task.param("nip");
        if (nip != null) {
            AddressBook bae = connection.addressBook();
            Iterator<AddressEntry> found = bae.search(AddressQuery.byOfficialId(OfficialId.of(Nip.parse(nip))));
            AddressEntry entry = found.hasNext() ? found.next() : null;
            if (entry == null) {
                out.report("not-sent", Map.of("nip", nip, "reason", "no electronic delivery address in BAE"));
            } else if (entry.status() != AddressStatus.ACTIVE) {
                out.report("not-sent", Map.of("nip", nip, "ade", entry.ade().value(), "reason", "the address is " + entry.status()));
            } else {
                recipients.add(entry.ade());
            }
        }
        long pause = task.param("pauseSeconds") == null ? 0 : Long.parseLong(task.required("pauseSeconds"));
        // one letter to many: as many messages of at most 15 recipients as it takes; otherwise a message each
        int group = "true".equals(task.param("oneLetter")) ? Letter.MAX_RECIPIENTS : 1;
        for (int i = 0; i < recipients.size(); i += group) {
            if (i > 0 && pause > 0) {
                Thread.sleep(pause * 1000);
            }
            Letter.Builder letter = Letter.builder().subject(task.required("subject")).text(task.param("text") == null ? "" : task.required("text"));
            recipients.subList(i, Math.min(recipients.size(), i + group)).forEach(letter::to);
            for (String file : task.params("attachments")) {
                letter.attach(Path.of(file), file.endsWith(".pdf") ? "application/pdf" : "application/octet-stream");
            }
            for (SendReport.Recipient r : mailbox.await(mailbox.send(letter.build()), Duration.ofSeconds(60)).recipients()) {
                String messageId = r.messageId();
                if (messageId == null) {
                    out.report("not-sent", Map.of("to", String.valueOf(r.address()), "reason", "refused by the operator: " + r.error()));
                    continue;
                }
                out.report("sent", Map.of("to", String.valueOf(r.address()), "messageId", messageId));
                if (!task.params("evidences").isEmpty()) {
                    evidences(mailbox, messageId, task.params("evidences"), sim, out);
                }
            }
        }
    }

    /** Where a sent message is, by the operator's status, and its evidences. */
    private static void status(Task task, JsonNode sim, Reporter out) throws Exception {
        Mailbox mailbox = edelivery(task).mailbox();
        String messageId = task.required("messageId");
        String status = String.valueOf(mailbox.metadata(messageId).status());
        String named = switch (status) {
            case "Uznana za doręczoną" -> "PRESUMED_DELIVERED";
            case "Doręczona" -> "DELIVERED";
            case "Niedoręczona" -> "NOT_DELIVERED";
            default -> status;
        };
        out.report("status", Map.of("messageId", messageId, "status", named));
        if (!task.params("evidences").isEmpty()) {
            evidences(mailbox, messageId, task.params("evidences"), sim, out);
        }
    }

    private static void evidences(Mailbox mailbox, String messageId, List<String> wanted, JsonNode sim, Reporter out) throws Exception {
        X509Certificate operator = Certificates.read(Path.of(sim.path("edelivery").path("evidenceCertificate").asText())).get(0);
        SignatureVerifier verifier = verifier(sim);
        List<EvidenceInfo> listed = List.of();
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            listed = mailbox.evidences(messageId);
            if (listed.stream().map(e -> e.code().map(c -> c.code()).orElse(e.type())).toList().containsAll(wanted)) {
                break;
            }
            Thread.sleep(100);
        }
        for (EvidenceInfo info : listed) {
            String type = info.code().map(c -> c.code()).orElse(info.type());
            if (!wanted.contains(type) && !ENDED.contains(type)) {
                continue;
            }
            String verdict;
            String reason;
            try {
                Evidence e = Evidence.read(mailbox.downloadEvidence(info), verifier);
                boolean genuine = e.isGenuine(operator) && messageId.equals(e.messageId());
                verdict = genuine ? "GENUINE" : "REJECTED";
                reason = genuine ? "signed by the operator over the whole document" : e.signature().summary();
            } catch (OkienkoException e) {
                verdict = "REJECTED";
                reason = String.valueOf(e.getMessage());
            }
            out.report("evidence", Map.of("messageId", messageId, "type", type, "verdict", verdict, "reason", reason));
        }
    }

    /** Lists the mailbox in metadata format (which opens nothing) and keeps each message's metadata. */
    private static void receiveMessages(Task task, Reporter out) throws IOException {
        Mailbox mailbox = edelivery(task).mailbox();
        Path folder = Files.createDirectories(task.state().resolve("edelivery"));
        Iterator<MailboxMessage> listing = mailbox.messages(Mailbox.Folder.INBOX);
        while (listing.hasNext()) {
            MailboxMessage m = listing.next();
            Path record = folder.resolve(safe(m.messageId()) + ".json");
            if (Files.exists(record)) {
                out.report("duplicate", Map.of("messageId", m.messageId()));
                continue;
            }
            ObjectNode n = JSON.createObjectNode().put("messageId", m.messageId()).put("from", String.valueOf(m.from()))
                    .put("subject", String.valueOf(m.subject())).put("opened", m.opened());
            write(record, JSON.writeValueAsBytes(n));
            out.report("stored", Map.of("messageId", m.messageId(), "subject", String.valueOf(m.subject())));
        }
    }

    /** Stores each document (content and record, written and moved into place) before confirming it. */
    private static void receiveDocuments(Task task, JsonNode sim, Reporter out) throws IOException {
        EpuapInbox inbox = epuap(task).client().inbox(sim.path("epuap").path("system").path("entity").asText(),
                EpuapAddress.parse(task.required("box")));
        Path folder = Files.createDirectories(task.state().resolve("epuap"));
        while (true) {
            IncomingDocument doc = inbox.next().orElse(null);
            if (doc == null) {
                return;
            }
            String key = sha256((doc.senderEntityId() + "\n" + doc.sentAt() + "\n" + doc.digest()).getBytes(StandardCharsets.UTF_8));
            Path record = folder.resolve(key + ".json");
            String hash = sha256(doc.content());
            if (Files.exists(record)) {
                out.report("duplicate", Map.of("sha256", hash, "fileName", doc.fileName()));
            } else {
                write(folder.resolve(key + ".bin"), doc.content());
                write(record, JSON.writeValueAsBytes(JSON.createObjectNode().put("sha256", hash).put("fileName", doc.fileName())
                        .put("sender", doc.senderEntityId())));
                out.report("stored", Map.of("id", key, "sha256", hash, "fileName", doc.fileName()));
            }
            inbox.confirm(doc);
        }
    }

    private static void sendDocument(Task task, JsonNode sim, Reporter out) throws Exception {
        EpuapClient client = epuap(task).client();
        Path file = Path.of(task.required("file"));
        EpuapAddress from = EpuapAddress.parse(task.required("from"));
        SendResult sent = client.send(EpuapSubmission.of(sim.path("epuap").path("system").path("entity").asText(),
                EpuapAddress.parse(task.required("to")), from, file.getFileName().toString(), Files.readAllBytes(file)));
        out.report("sent", Map.of("documentId", sent.documentId()));
        byte[] upp = sent.uppDocument().orElse(null);
        if (upp == null) {
            out.report("upp", Map.of("verdict", "REJECTED", "reason", "no UPP came with the answer"));
            return;
        }
        X509Certificate epuapServer = Certificates.read(Path.of(sim.path("epuap").path("serverCertificate").asText())).get(0);
        try {
            Upp parsed = Upp.read(upp, verifier(sim));
            boolean genuine = parsed.isGenuine(epuapServer);
            out.report("upp", Map.of("verdict", genuine ? "GENUINE" : "REJECTED", "reason", genuine
                    ? "signed by ePUAP over the whole document" : parsed.signature().summary()));
        } catch (OkienkoException e) {
            out.report("upp", Map.of("verdict", "REJECTED", "reason", String.valueOf(e.getMessage())));
        }
    }

    private static void list(Task task, Reporter out) throws IOException {
        Path folder = task.state().resolve("epuap");
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path record : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode n = JSON.readTree(record.toFile());
                String name = record.getFileName().toString();
                out.report("stored", Map.of("id", name.substring(0, name.length() - 5), "sha256", n.path("sha256").asText(),
                        "fileName", n.path("fileName").asText()));
            }
        }
    }

    private static EpuapCommand.Connection epuap(Task task) {
        EpuapCommand.Connection c = new EpuapCommand.Connection();
        c.target = new EpuapCommand.Connection.Target();
        c.target.simulator = task.simulator();
        return c;
    }

    /** Writes a file whole or not at all: to a temporary file, flushed, then moved into place. */
    private static void write(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        Files.write(tmp, bytes, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.SYNC);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
