package dev.okienko.correspondence;

import dev.okienko.core.OkienkoException;
import dev.okienko.correspondence.internal.ContentStore;
import dev.okienko.correspondence.internal.IncomingRows;
import dev.okienko.correspondence.internal.Transactions;
import dev.okienko.correspondence.internal.ZipInspection;
import dev.okienko.epuap.EpuapInbox;
import dev.okienko.epuap.IncomingDocument;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the documents of one ePUAP box into the store under the box's lease: each stored whole, then confirmed at
 * ePUAP; a document offered again (its confirmation was lost) is recognised by its {@link #sourceKey} and confirmed,
 * not stored twice.
 */
final class EpuapIntake {
    private static final Logger LOG = LoggerFactory.getLogger("dev.okienko.correspondence.receiver");

    private final Correspondence window;
    private final Channels channels;
    private final IncomingChecks checks;

    EpuapIntake(Correspondence window, Channels channels, IncomingChecks checks) {
        this.window = window;
        this.channels = channels;
        this.checks = checks;
    }

    /** @return how many new documents were stored */
    int drain(Connection c, EpuapInbox inbox, String box, String boxKey, String owner) throws SQLException {
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
            check = checks.verify(content, doc.fileName(), flags);
        }
        if (doc.test()) {
            flags.add("ePUAP marked it as a test document");
        }
        return Transactions.run(c, () -> IncomingRows.insert(c, window.store().dialect(), new IncomingRows.NewItem(UUID.randomUUID().toString(),
                Channel.EPUAP.name(), box, key, doc.senderEntityId(), doc.senderName(), doc.replyTo(), doc.fileName(),
                doc.mimeType(), doc.sentAt(), now(), ref, doc.digest(), check.verdict(), check.summary(), IncomingChecks.flags(flags), "PENDING", null),
                now()));
    }

    private ContentStore.Ref put(byte[] bytes) {
        return window.store().put(bytes, "an incoming item");
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

    private Instant now() {
        return channels.clock().instant();
    }
}
