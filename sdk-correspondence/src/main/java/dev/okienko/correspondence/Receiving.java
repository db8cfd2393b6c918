package dev.okienko.correspondence;

import dev.okienko.core.EpuapAddress;
import dev.okienko.core.ClientException;
import dev.okienko.edelivery.AttachmentInfo;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.MailboxMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import dev.okienko.core.OkienkoException;
import dev.okienko.correspondence.internal.ContentStore;
import dev.okienko.correspondence.internal.IncomingRows;
import dev.okienko.correspondence.internal.Transactions;
import dev.okienko.correspondence.internal.ZipInspection;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapInbox;
import dev.okienko.epuap.IncomingDocument;
import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.VerificationException;
import dev.okienko.signature.VerificationReport;
import dev.okienko.signature.VerificationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incoming half of the window: takes documents from the office's ePUAP boxes into the store, each stored
 * whole before it is confirmed at the source, and hands stored items to the office's handler.
 *
 * <p><b>Exactly once in the store.</b> An item's identity at its source is unique in the store; a document
 * ePUAP offers again (its confirmation was lost, or the receiver died between storing and confirming) is
 * recognised, confirmed, and not stored twice. ePUAP gives no id in a pull: the identity is a hash of the
 * sender, the sending time and the content's digest.
 *
 * <p><b>One poller per box.</b> A node polls a box only under the box's lease; another node takes the box over
 * when the lease runs out.
 *
 * <p><b>At least once to the handler.</b> An item is marked handled only after the handler returned; a failing
 * handler is tried again with a doubling delay, and after the window's limit the item waits for a person with
 * the error kept.
 */
final class Receiving {
    private static final Logger LOG = LoggerFactory.getLogger("dev.okienko.correspondence.receiver");

    private final Correspondence window;
    private final Correspondence.Builder settings;
    private final Channels channels;

    Receiving(Correspondence window, Correspondence.Builder settings, Channels channels) {
        this.window = window;
        this.settings = settings;
        this.channels = channels;
    }

    /** @return how many new items were stored */
    int receiveOnce() {
        int stored = 0;
        Mailbox mailbox = settings.receiveMailbox;
        if (mailbox != null) {
            String boxKey = "EDELIVERY " + mailbox.address().value();
            String owner = settings.node + "/" + UUID.randomUUID();
            try (Connection c = window.store().dataSource().getConnection()) {
                Instant now = channels.clock().instant();
                if (IncomingRows.leaseBox(c, boxKey, owner, now, now.plus(channels.lease()))) {
                    try {
                        stored += drain(c, mailbox, boxKey, owner);
                    } finally {
                        IncomingRows.releaseBox(c, boxKey, owner);
                    }
                }
            } catch (SQLException e) {
                throw CorrespondenceStore.failure("cannot receive from " + mailbox.address(), e);
            }
        }
        EpuapClient client = settings.receiveEpuap;
        String entity = settings.receiveEntity;
        if (client == null || entity == null) {
            return stored;
        }
        for (EpuapAddress box : settings.receiveBoxes) {
            String boxKey = "EPUAP " + box.value();
            String owner = settings.node + "/" + UUID.randomUUID();
            try (Connection c = window.store().dataSource().getConnection()) {
                Instant now = channels.clock().instant();
                if (!IncomingRows.leaseBox(c, boxKey, owner, now, now.plus(channels.lease()))) {
                    LOG.debug("box {} is polled by another node", box);
                    continue;
                }
                try {
                    stored += drain(c, client.inbox(entity, box), box.value(), boxKey, owner);
                } finally {
                    IncomingRows.releaseBox(c, boxKey, owner);
                }
            } catch (SQLException e) {
                throw CorrespondenceStore.failure("cannot receive from " + box, e);
            }
        }
        return stored;
    }

    private int drain(Connection c, EpuapInbox inbox, String box, String boxKey, String owner) throws SQLException {
        int stored = 0;
        while (true) {
            IncomingDocument doc;
            try {
                doc = inbox.next().orElse(null);
            } catch (OkienkoException e) {
                // nothing was taken: the box is tried again on the next round
                LOG.warn("box {}: ePUAP failed to give the next document ({}); the box is tried again later", box, e.getMessage());
                return stored;
            }
            if (doc == null) {
                return stored;
            }
            String key = sourceKey(doc);
            Optional<String> known = IncomingRows.existing(c, Channel.EPUAP.name(), box, key);
            String id;
            if (known.isPresent()) {
                id = known.get();
                IncomingRows.event(c, id, now(), "OFFERED_AGAIN", "ePUAP offered the stored document again; it is confirmed, "
                        + "not stored twice");
            } else {
                id = store(c, doc, box, key);
                stored++;
            }
            channels.crashPoint("incoming-after-store");
            try {
                inbox.confirm(doc);
            } catch (OkienkoException e) {
                // the document stays next in the box: stop this box for now, it comes again and is recognised
                IncomingRows.event(c, id, now(), "CONFIRM_FAILED", e.getMessage());
                LOG.warn("box {}: the confirmation of stored item {} failed ({}); it is confirmed when ePUAP offers it again",
                        box, id, e.getMessage());
                return stored;
            }
            IncomingRows.confirmed(c, id, now(), "potwierdzOdebranie with skrot " + doc.digest());
            channels.crashPoint("incoming-after-confirm");
            Instant until = now().plus(channels.lease());
            if (!IncomingRows.leaseBox(c, boxKey, owner, now(), until)) {
                LOG.warn("box {}: the lease ran out while receiving; another node goes on", box);
                return stored;
            }
        }
    }

    /** Stores the mailbox's new messages: opened and whole, or as listed and unopened ({@link EDeliveryOpening}). */
    private int drain(Connection c, Mailbox mailbox, String boxKey, String owner) throws SQLException {
        String ade = mailbox.address().value();
        int stored = 0;
        try {
            Iterator<MailboxMessage> listing = mailbox.messages(Mailbox.Folder.INBOX);
            while (listing.hasNext()) {
                MailboxMessage m = listing.next();
                if (IncomingRows.existing(c, Channel.EDELIVERY.name(), ade, m.messageId()).isPresent()) {
                    continue;
                }
                boolean open = settings.opening == EDeliveryOpening.AT_ONCE || m.opened();
                Fetched f = open ? fetch(mailbox, m.messageId()) : new Fetched(put(new byte[0]), List.of(),
                        new IncomingItem.SignatureCheck("NOT_CHECKED", "unopened: opening it is a person's decision"), List.of());
                Transactions.run(c, () -> {
                    String id = IncomingRows.insert(c, window.store().dialect(), new IncomingRows.NewItem(UUID.randomUUID().toString(),
                            Channel.EDELIVERY.name(), ade, m.messageId(), String.valueOf(m.from()), null, m.from(), m.subject(),
                            "text/plain", m.submissionDate(), now(), f.text(), null, f.check().verdict(), f.check().summary(),
                            flags(f.flags()), open ? "PENDING" : "UNOPENED", open ? now() : null), now());
                    IncomingRows.parts(c, id, f.parts());
                    if (!open) {
                        IncomingRows.event(c, id, now(), "UNOPENED", "listed, left unopened for a person (EDeliveryOpening.BY_A_PERSON)");
                    }
                    return id;
                });
                stored++;
                if (!IncomingRows.leaseBox(c, boxKey, owner, now(), now().plus(channels.lease()))) {
                    LOG.warn("mailbox {}: the lease ran out while receiving; another node goes on", ade);
                    return stored;
                }
            }
        } catch (OkienkoException e) {
            // what is stored stays; the rest is listed again on the next round
            LOG.warn("mailbox {}: e-Doręczenia failed while receiving ({}); tried again on the next round", ade, e.getMessage());
        }
        return stored;
    }

    /** Opens a message stored unopened, stores its contents and hands it to the handler. */
    IncomingItem open(String itemId) {
        Mailbox mailbox = settings.receiveMailbox;
        if (mailbox == null) {
            throw new IllegalStateException("no e-Doręczenia mailbox to receive from (Correspondence.Builder.receiveEdelivery)");
        }
        IncomingItem item = window.incomingItem(itemId).orElseThrow(() -> new IllegalArgumentException("no incoming item " + itemId));
        if (item.handling() != IncomingItem.Handling.UNOPENED) {
            throw new IllegalStateException("incoming item " + itemId + " is not unopened: it is " + item.handling());
        }
        Fetched f = fetch(mailbox, item.sourceKey());
        try (Connection c = window.store().dataSource().getConnection()) {
            Transactions.run(c, () -> {
                if (IncomingRows.opened(c, itemId, f.text(), f.check().verdict(), f.check().summary(), flags(f.flags()), now())) {
                    IncomingRows.parts(c, itemId, f.parts());
                    IncomingRows.event(c, itemId, now(), "OPENED", "opened by a person: the moment of delivery to the office");
                }
                return itemId;
            });
        } catch (SQLException e) {
            throw CorrespondenceStore.failure("cannot store the opened item " + itemId, e);
        }
        return window.incomingItem(itemId).orElseThrow();
    }

    /** A message's contents, stored in the content folder, with their verdicts. */
    private record Fetched(ContentStore.Ref text, List<IncomingRows.Part> parts, IncomingItem.SignatureCheck check, List<String> flags) {
    }

    /** Opens a message (a legal act: E.1) and stores its text and attachments, each checked against what was declared. */
    private Fetched fetch(Mailbox mailbox, String messageId) {
        MailboxMessage full = mailbox.open(messageId);
        channels.crashPoint("incoming-after-open");
        ContentStore.Ref text = put(full.text() == null ? new byte[0] : full.text().getBytes(StandardCharsets.UTF_8));
        List<String> flags = new ArrayList<>();
        List<IncomingRows.Part> parts = new ArrayList<>();
        for (int i = 0; i < full.attachments().size(); i++) {
            AttachmentInfo a = full.attachments().get(i);
            Path tmp = null;
            ContentStore.Ref ref = null;
            IncomingItem.SignatureCheck check;
            try {
                Path folder = Files.createDirectories(window.store().contentFolder().resolve("tmp"));
                tmp = Files.createTempFile(folder, "att-", ".part");
                mailbox.downloadAttachment(messageId, a, tmp);
                byte[] head;
                try (InputStream in = Files.newInputStream(tmp)) {
                    // its first bytes (what kind of file it is) on the way into the store: one read, not two
                    head = in.readNBytes(64);
                    ref = window.store().contents().put(new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), in),
                            Long.MAX_VALUE);
                }
                Optional<String> bomb = ZipInspection.isZip(head) ? ZipInspection.problem(tmp) : Optional.empty();
                if (bomb.isPresent()) {
                    flags.add(a.filename() + ": " + bomb.get());
                    check = new IncomingItem.SignatureCheck("NOT_CHECKED", "not opened: " + bomb.get());
                } else {
                    check = verify(Content.of(tmp), looksSigned(head), a.filename(), flags);
                }
            } catch (IOException | dev.okienko.core.LocalFileException e) {
                // this side's disk, not the message: nothing is flagged, the whole message is tried again later
                throw new StoreException("cannot store attachment " + a.filename() + " of message " + messageId + " in "
                        + window.store().contentFolder() + ": " + e.getMessage(), e, false);
            } catch (ClientException e) {
                if (e.isRetryable()) {
                    throw e; // the service failed: the whole message is tried again on the next round
                }
                flags.add(a.filename() + ": did not arrive as declared: " + e.getMessage());
                check = new IncomingItem.SignatureCheck("NOT_CHECKED", "not stored: it did not arrive as declared");
            } finally {
                if (tmp != null) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException e) {
                        LOG.warn("cannot delete the temporary file {}: {}", tmp, e.getMessage());
                    }
                }
            }
            parts.add(new IncomingRows.Part(i, a.filename(), a.contentType(), a.size() < 0 ? null : a.size(), a.hash(), ref,
                    check.verdict(), check.summary()));
        }
        String verdict = List.of("INVALID", "INDETERMINATE", "UNREADABLE", "VALID").stream()
                .filter(v -> parts.stream().anyMatch(p -> p.signatureVerdict().equals(v))).findFirst()
                .orElse(settings.verifier == null ? "NOT_CHECKED" : "UNSIGNED");
        String summary = parts.isEmpty() ? "no attachment" : parts.stream().map(p -> p.fileName() + ": " + p.signatureVerdict())
                .collect(Collectors.joining("\n"));
        return new Fetched(text, parts, new IncomingItem.SignatureCheck(verdict, summary), flags);
    }

    private ContentStore.Ref put(byte[] bytes) {
        return window.store().put(bytes, "an incoming item");
    }

    private static @Nullable String flags(List<String> flags) {
        return flags.isEmpty() ? null : flags.stream().map(f -> f.replace('\n', ' ').replace('\r', ' ')).collect(Collectors.joining("\n"));
    }

    private String store(Connection c, IncomingDocument doc, String box, String key) throws SQLException {
        byte[] content = doc.content();
        ContentStore.Ref ref = put(content);
        List<String> flags = new ArrayList<>();
        Optional<String> bomb;
        try {
            bomb = ZipInspection.isZip(content) ? ZipInspection.problem(window.store().contents().file(ref)) : Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot inspect the stored document " + doc.fileName() + " in " + window.store().contentFolder()
                    + ": " + e.getMessage(), e, false);
        }
        IncomingItem.SignatureCheck check;
        if (bomb.isPresent()) {
            flags.add(doc.fileName() + ": " + bomb.get());
            check = new IncomingItem.SignatureCheck("NOT_CHECKED", "not opened: " + bomb.get());
        } else {
            check = verify(content, doc.fileName(), flags);
        }
        if (doc.test()) {
            flags.add("ePUAP marked it as a test document");
        }
        return Transactions.run(c, () -> IncomingRows.insert(c, window.store().dialect(), new IncomingRows.NewItem(UUID.randomUUID().toString(),
                Channel.EPUAP.name(), box, key, doc.senderEntityId(), doc.senderName(), doc.replyTo(), doc.fileName(),
                doc.mimeType(), doc.sentAt(), now(), ref, doc.digest(), check.verdict(), check.summary(), flags(flags), "PENDING", null),
                now()));
    }

    /** Verifies the document's signatures; what is wrong goes to the flags. */
    private IncomingItem.SignatureCheck verify(byte[] content, String name, List<String> flags) {
        return verify(Content.of(content, name), looksSigned(content), name, flags);
    }

    private IncomingItem.SignatureCheck verify(Content content, boolean xmlOrPdf, String name, List<String> flags) {
        SignatureVerifier verifier = settings.verifier;
        if (verifier == null) {
            return new IncomingItem.SignatureCheck("NOT_CHECKED", "no verifier configured (Correspondence.Builder.verifySignatures)");
        }
        try {
            VerificationResult result = verifier.verify(content);
            List<VerificationReport> reports = result.signatures();
            if (reports.isEmpty()) {
                return new IncomingItem.SignatureCheck("UNSIGNED", "no signature");
            }
            String summary = reports.stream().map(VerificationReport::summary).collect(Collectors.joining("\n"));
            String verdict = reports.stream().map(r -> r.verdict().name()).filter(v -> !v.equals("VALID")).findFirst().orElse("VALID");
            if (!verdict.equals("VALID")) {
                flags.add(name + ": a signature is " + verdict + ": " + reports.stream().filter(r -> !r.verdict().name().equals("VALID"))
                        .findFirst().map(VerificationReport::summary).orElse(""));
            }
            return new IncomingItem.SignatureCheck(verdict, summary);
        } catch (VerificationException e) {
            // a file that is neither XML nor PDF is just not a signed document; XML or PDF that cannot be read is suspect
            if (!xmlOrPdf) {
                return new IncomingItem.SignatureCheck("UNSIGNED", "neither XML nor PDF: no signature okienko reads");
            }
            flags.add(name + ": not readable as a signed document: " + e.getMessage());
            return new IncomingItem.SignatureCheck("UNREADABLE", String.valueOf(e.getMessage()));
        }
    }

    /** @return whether the bytes start as XML (after a BOM and white space) or PDF does */
    static boolean looksSigned(byte[] head) {
        int i = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF ? 3 : 0;
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        return i < head.length && (head[i] == '<' || (i + 4 < head.length && head[i] == '%' && head[i + 1] == 'P' && head[i + 2] == 'D'
                && head[i + 3] == 'F'));
    }

    /** ePUAP's pull has no id: the sender, the sending time and the content's digest identify a document. */
    static String sourceKey(IncomingDocument doc) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((doc.senderEntityId() + "\n" + doc.sentAt() + "\n" + doc.digest()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return how many items the handler was given */
    int handleOnce() {
        IncomingHandler handler = settings.incomingHandler;
        if (handler == null) {
            return 0;
        }
        int given = 0;
        while (true) {
            String owner = settings.node + "/" + UUID.randomUUID();
            Optional<String> claimed;
            try (Connection c = window.store().dataSource().getConnection()) {
                claimed = IncomingRows.claimForHandler(c, window.store().dialect(), owner, now(), now().plus(channels.lease()));
            } catch (SQLException e) {
                throw CorrespondenceStore.failure("cannot claim an incoming item", e);
            }
            if (claimed.isEmpty()) {
                return given;
            }
            IncomingItem item = window.incomingItem(claimed.get()).orElseThrow();
            given++;
            channels.crashPoint("incoming-before-handler");
            @Nullable String error = null;
            try {
                handler.handle(item);
            } catch (Exception e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
                // the handler's message may quote the document (names, PESEL): it goes to the store, not to the log
                LOG.warn("incoming item {}: the handler failed (attempt {}) with {}; its message is kept with the item", item.id(),
                        item.handlerAttempts(), e.getClass().getName());
            }
            Instant next = null;
            if (error != null && item.handlerAttempts() < settings.handlerAttempts) {
                long factor = 1L << Math.min(item.handlerAttempts() - 1, 20);
                next = now().plus(settings.handlerRetryDelay.multipliedBy(factor));
            }
            try (Connection c = window.store().dataSource().getConnection()) {
                if (!IncomingRows.handled(c, item.id(), owner, error == null, next, error, now())) {
                    LOG.warn("incoming item {}: the lease ran out while the handler ran; the item will be given again", item.id());
                }
            } catch (SQLException e) {
                throw CorrespondenceStore.failure("cannot record the handling of incoming item " + item.id(), e);
            }
        }
    }

    private Instant now() {
        return channels.clock().instant();
    }
}
