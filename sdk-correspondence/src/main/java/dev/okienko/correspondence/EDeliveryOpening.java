package dev.okienko.correspondence;

/**
 * Whether the receiver opens new e-Doręczenia messages itself. Opening a message has a legal effect: the
 * operator records the delivery (evidence E.1) at that moment, and the office's deadlines start. Listing never
 * opens anything (the receiver reads in {@code metadata} format).
 */
public enum EDeliveryOpening {
    /**
     * The receiver opens each new message at once, stores its text and attachments, and hands it to the
     * handler: the office counts as having received it when the receiver saw it, day or night.
     */
    AT_ONCE,
    /**
     * The receiver stores what the listing shows (sender, subject, times) as an {@link IncomingItem.Handling#UNOPENED}
     * item and leaves the message unopened; a person's action opens it ({@link Correspondence#openEdelivery}),
     * and only then are its contents stored and handed to the handler. Unopened, it is presumed delivered 14 days
     * after it became available.
     */
    BY_A_PERSON
}
