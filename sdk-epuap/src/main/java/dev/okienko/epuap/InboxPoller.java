package dev.okienko.epuap;

import dev.okienko.core.OkienkoException;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads an inbox for a handler: each document goes to the handler and is confirmed only after the handler
 * returned normally. If the handler throws, or the process dies before the confirmation, the document comes
 * again: nothing is lost. A document that was handled but whose confirmation failed is recognised by its
 * digest when it comes again, and confirmed without being handed over twice (within this poller's life;
 * across restarts, use {@link IncomingDocument#digest()} to recognise duplicates yourself).
 *
 * <pre>{@code
 * InboxPoller poller = new InboxPoller(epuap.inbox("MojUrzad", box), doc -> ezd.register(doc));
 * int handled = poller.drain();   // call it on a schedule
 * }</pre>
 */
public final class InboxPoller {
    /** Receives documents; throwing leaves the document in the inbox for the next poll. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param document a document from the inbox
         * @throws Exception when it could not be taken over; it will come again
         */
        void handle(IncomingDocument document) throws Exception;
    }

    /** The handler failed on a document, which stays in the inbox. */
    public static final class HandlerFailedException extends OkienkoException {
        private static final long serialVersionUID = 1L;

        HandlerFailedException(IncomingDocument document, Throwable cause) {
            super("the handler failed on " + document.fileName() + " (skrot " + document.digest()
                    + "); it stays in the inbox and comes again", cause);
        }
    }

    private static final int REMEMBERED = 10_000;

    private final EpuapInbox inbox;
    private final Handler handler;
    private final Set<String> handledNotConfirmed = new LinkedHashSet<>();

    /**
     * @param inbox the inbox to read
     * @param handler what to do with each document
     */
    public InboxPoller(EpuapInbox inbox, Handler handler) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * @param inbox the inbox to read
     * @param handler a handler that throws only unchecked exceptions
     * @return a poller
     */
    public static InboxPoller of(EpuapInbox inbox, Consumer<IncomingDocument> handler) {
        return new InboxPoller(inbox, handler::accept);
    }

    /**
     * Hands over and confirms documents until the inbox is empty.
     *
     * @return how many documents were handed to the handler
     * @throws HandlerFailedException when the handler fails (the document stays; earlier ones are confirmed)
     */
    public synchronized int drain() {
        int handled = 0;
        while (true) {
            IncomingDocument doc = inbox.next().orElse(null);
            if (doc == null) {
                return handled;
            }
            if (!handledNotConfirmed.contains(doc.digest())) {
                try {
                    handler.handle(doc);
                } catch (Exception e) {
                    throw new HandlerFailedException(doc, e);
                }
                handled++;
                remember(doc.digest());
            }
            inbox.confirm(doc);
            handledNotConfirmed.remove(doc.digest());
        }
    }

    private void remember(String digest) {
        handledNotConfirmed.add(digest);
        if (handledNotConfirmed.size() > REMEMBERED) {
            handledNotConfirmed.remove(handledNotConfirmed.iterator().next());
        }
    }
}
