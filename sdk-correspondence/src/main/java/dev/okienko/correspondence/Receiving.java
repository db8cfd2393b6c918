package dev.okienko.correspondence;

import dev.okienko.core.EpuapAddress;
import dev.okienko.core.OkienkoException;
import dev.okienko.correspondence.internal.ContentStore;
import dev.okienko.correspondence.internal.IncomingRows;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapInbox;
import dev.okienko.epuap.IncomingDocument;
import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.VerificationException;
import dev.okienko.signature.VerificationReport;
import dev.okienko.signature.VerificationResult;
import java.io.ByteArrayInputStream;
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
        EpuapClient client = settings.receiveEpuap;
        String entity = settings.receiveEntity;
        if (client == null || entity == null) {
            return 0;
        }
        int stored = 0;
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

    private String store(Connection c, IncomingDocument doc, String box, String key) throws SQLException {
        byte[] content = doc.content();
        ContentStore.Ref ref;
        try {
            ref = window.store().contents().put(new ByteArrayInputStream(content), Long.MAX_VALUE);
        } catch (IOException e) {
            throw new StoreException("cannot store an incoming document in " + window.store().contentFolder() + ": " + e.getMessage(),
                    e, false);
        }
        List<String> flags = new ArrayList<>();
        IncomingItem.SignatureCheck check = verify(content, doc.fileName(), flags);
        if (doc.test()) {
            flags.add("ePUAP marked it as a test document");
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            String id = IncomingRows.insert(c, window.store().dialect(), new IncomingRows.NewItem(UUID.randomUUID().toString(),
                    Channel.EPUAP.name(), box, key, doc.senderEntityId(), doc.senderName(), doc.replyTo(), doc.fileName(),
                    doc.mimeType(), doc.sentAt(), now(), ref, doc.digest(), check.verdict(), check.summary(),
                    flags.isEmpty() ? null : flags.stream().map(f -> f.replace('\n', ' ').replace('\r', ' '))
                            .collect(Collectors.joining("\n"))), now());
            c.commit();
            return id;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Verifies the document's signatures; what is wrong goes to the flags. */
    private IncomingItem.SignatureCheck verify(byte[] content, String name, List<String> flags) {
        SignatureVerifier verifier = settings.verifier;
        if (verifier == null) {
            return new IncomingItem.SignatureCheck("NOT_CHECKED", "no verifier configured (Correspondence.Builder.trust)");
        }
        try {
            VerificationResult result = verifier.verify(Content.of(content, name));
            List<VerificationReport> reports = result.signatures();
            if (reports.isEmpty()) {
                return new IncomingItem.SignatureCheck("UNSIGNED", "no signature");
            }
            String summary = reports.stream().map(VerificationReport::summary).collect(Collectors.joining("\n"));
            String verdict = reports.stream().map(r -> r.verdict().name()).filter(v -> !v.equals("VALID")).findFirst().orElse("VALID");
            if (!verdict.equals("VALID")) {
                flags.add("a signature is " + verdict + ": " + reports.stream().filter(r -> !r.verdict().name().equals("VALID"))
                        .findFirst().map(VerificationReport::summary).orElse(""));
            }
            return new IncomingItem.SignatureCheck(verdict, summary);
        } catch (VerificationException e) {
            flags.add("not readable as a signed document: " + e.getMessage());
            return new IncomingItem.SignatureCheck("UNREADABLE", String.valueOf(e.getMessage()));
        }
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
                LOG.warn("incoming item {}: the handler failed (attempt {}): {}", item.id(), item.handlerAttempts(), error);
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
