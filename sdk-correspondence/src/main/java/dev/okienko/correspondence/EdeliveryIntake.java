package dev.okienko.correspondence;

import dev.okienko.core.ClientException;
import dev.okienko.core.OkienkoException;
import dev.okienko.correspondence.internal.ContentStore;
import dev.okienko.correspondence.internal.IncomingRows;
import dev.okienko.correspondence.internal.Transactions;
import dev.okienko.correspondence.internal.ZipInspection;
import dev.okienko.edelivery.AttachmentInfo;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.MailboxMessage;
import dev.okienko.signature.Content;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the messages of the office's e-Doręczenia mailbox into the store under its lease: opened at once (the
 * office's receipt, E.1) with the text and every attachment stored and checked, or listed and left unopened for a
 * person ({@link EDeliveryOpening}), who opens one with {@link #open}.
 */
final class EdeliveryIntake {
    private static final Logger LOG = LoggerFactory.getLogger("dev.okienko.correspondence.receiver");

    private final Correspondence window;
    private final Correspondence.Builder settings;
    private final Channels channels;
    private final IncomingChecks checks;

    EdeliveryIntake(Correspondence window, Correspondence.Builder settings, Channels channels, IncomingChecks checks) {
        this.window = window;
        this.settings = settings;
        this.channels = channels;
        this.checks = checks;
    }

    /** Stores the mailbox's new messages: opened and whole, or as listed and unopened ({@link EDeliveryOpening}). */
    int drain(Connection c, Mailbox mailbox, String boxKey, String owner) throws SQLException {
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
                            IncomingChecks.flags(f.flags()), open ? "PENDING" : "UNOPENED", open ? now() : null), now());
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
                if (IncomingRows.opened(c, itemId, f.text(), f.check().verdict(), f.check().summary(), IncomingChecks.flags(f.flags()), now())) {
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
                    check = checks.verify(Content.of(tmp), IncomingChecks.looksSigned(head), a.filename(), flags);
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
                .orElse(checks.verifies() ? "UNSIGNED" : "NOT_CHECKED");
        String summary = parts.isEmpty() ? "no attachment" : parts.stream().map(p -> p.fileName() + ": " + p.signatureVerdict())
                .collect(Collectors.joining("\n"));
        return new Fetched(text, parts, new IncomingItem.SignatureCheck(verdict, summary), flags);
    }

    private ContentStore.Ref put(byte[] bytes) {
        return window.store().put(bytes, "an incoming item");
    }

    private Instant now() {
        return channels.clock().instant();
    }
}
