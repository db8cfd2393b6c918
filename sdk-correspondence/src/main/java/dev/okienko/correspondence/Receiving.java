package dev.okienko.correspondence;

import dev.okienko.core.EpuapAddress;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.correspondence.internal.IncomingRows;
import dev.okienko.epuap.EpuapClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incoming half of the window: takes what arrives in the office's e-Doręczenia mailbox ({@link EdeliveryIntake})
 * and ePUAP boxes ({@link EpuapIntake}) into the store, each item stored whole before it is confirmed at its source,
 * and hands stored items to the office's handler.
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
    private final EdeliveryIntake edelivery;
    private final EpuapIntake epuap;

    Receiving(Correspondence window, Correspondence.Builder settings, Channels channels) {
        this.window = window;
        this.settings = settings;
        this.channels = channels;
        IncomingChecks checks = new IncomingChecks(settings.verifier);
        this.edelivery = new EdeliveryIntake(window, settings, channels, checks);
        this.epuap = new EpuapIntake(window, channels, checks);
    }

    /** Opens a message stored unopened, stores its contents and hands it to the handler. */
    IncomingItem open(String itemId) {
        return edelivery.open(itemId);
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
                        stored += edelivery.drain(c, mailbox, boxKey, owner);
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
                    stored += epuap.drain(c, client.inbox(entity, box), box.value(), boxKey, owner);
                } finally {
                    IncomingRows.releaseBox(c, boxKey, owner);
                }
            } catch (SQLException e) {
                throw CorrespondenceStore.failure("cannot receive from " + box, e);
            }
        }
        return stored;
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
