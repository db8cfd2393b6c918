package dev.okienko.correspondence;

import dev.okienko.correspondence.internal.Rows;
import dev.okienko.core.EpuapAddress;
import dev.okienko.edelivery.AddressBook;
import dev.okienko.edelivery.HybridShipment;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.document.Party;
import dev.okienko.signature.SignatureVerifier;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The one window for an office's correspondence. {@link #submit} stores a letter durably and returns
 * at once; workers route it, send it exactly once and collect its receipts; queries show where each letter is
 * and which need a person. Receivers ({@link #startReceivers}) take incoming documents from the office's ePUAP
 * boxes and e-Doręczenia mailbox into the same store, each stored once before it is confirmed, and give them to
 * the office's {@link IncomingHandler}.
 *
 * <p><b>Submitting is idempotent.</b> A letter carries the caller's idempotency key; submitting a letter with
 * a key that is stored returns the stored letter and stores nothing, so a caller that is unsure whether its
 * submission went through submits again. The same key with a different letter is refused: that is a bug in
 * the caller, not a retry.
 *
 * <p><b>Transactional outbox.</b> {@link #submit(Connection, OutgoingLetter)} writes the letter's rows with
 * the caller's own connection, inside the caller's transaction: the letter is stored if and only if the
 * caller's own change commits. (Its contents go to the content folder first; contents of a rolled-back
 * letter stay there unreferenced, which is harmless.)
 */
public final class Correspondence {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("dev.okienko.correspondence.receiver");
    /** The largest attachment by default: 100 MiB. */
    public static final long DEFAULT_MAX_ATTACHMENT = 100L * 1024 * 1024;

    private final CorrespondenceStore store;
    private final Clock clock;
    private final Submissions submissions;
    private final Channels channels;
    private final Dispatcher dispatcher;
    private final Receiving receiving;
    private final Retention retention;
    private final String node;
    private final @Nullable Mailbox receiveMailbox;
    private final List<Receivers> receivers = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Correspondence(Builder b) {
        this.store = Objects.requireNonNull(b.store, "store");
        this.clock = b.clock;
        this.submissions = new Submissions(store, clock, b.maxAttachmentBytes);
        this.channels = new Channels(b);
        this.dispatcher = new Dispatcher(this, channels);
        this.receiving = new Receiving(this, b, channels);
        this.retention = new Retention(store, clock);
        this.node = b.node;
        this.receiveMailbox = b.receiveMailbox;
        store.requireSchema();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the store */
    public CorrespondenceStore store() {
        return store;
    }

    /**
     * Stores a letter, in a transaction of its own.
     *
     * @param letter the letter
     * @return its id, and whether it was stored before under the same key
     * @throws InvalidLetterException when an attachment is missing, unreadable or too large, or the key was used
     *     for a different letter (nothing stored)
     * @throws StoreException when the database or the content folder fails
     */
    public Submission submit(OutgoingLetter letter) {
        Submissions.Prepared prepared = submissions.prepare(letter);
        try (Connection c = store.dataSource().getConnection()) {
            return dev.okienko.correspondence.internal.Transactions.run(c, () -> submissions.write(c, prepared));
        } catch (SQLException e) {
            throw CorrespondenceStore.failure("cannot store the letter " + letter.idempotencyKey(), e);
        }
    }

    /**
     * Stores a letter with the caller's connection, inside the caller's transaction (transactional outbox):
     * nothing is committed or rolled back here.
     *
     * @param connection the caller's connection to the store's database, with auto-commit off
     * @param letter the letter
     * @return its id, and whether it was stored before under the same key
     * @throws InvalidLetterException when an attachment is missing, unreadable or too large, or the key was used
     *     for a different letter
     * @throws StoreException when the connection is in auto-commit mode, or the database or the content folder
     *     fails
     */
    public Submission submit(Connection connection, OutgoingLetter letter) {
        try {
            if (connection.getAutoCommit()) {
                throw new StoreException("submit(Connection, ...) stores the letter in the caller's transaction: turn "
                        + "auto-commit off on the connection", null, false);
            }
            return submissions.write(connection, submissions.prepare(letter));
        } catch (SQLException e) {
            throw CorrespondenceStore.failure("cannot store the letter " + letter.idempotencyKey(), e);
        }
    }

    /**
     * @param letterId a letter's id
     * @return the letter, with its recipients and timeline
     */
    public Optional<LetterView> letter(String letterId) {
        try (Connection c = store.dataSource().getConnection()) {
            Optional<Rows.Letter> row = Rows.letter(c, letterId);
            return row.isEmpty() ? Optional.empty() : Optional.of(LetterViews.of(c, row.get()));
        } catch (SQLException e) {
            throw CorrespondenceStore.failure("cannot read the letter " + letterId, e);
        }
    }

    /**
     * @param idempotencyKey the caller's key
     * @return the letter submitted with it
     */
    public Optional<LetterView> letterByKey(String idempotencyKey) {
        try (Connection c = store.dataSource().getConnection()) {
            Optional<Rows.Existing> existing = Rows.byKey(c, idempotencyKey);
            return existing.isEmpty() ? Optional.empty() : Rows.letter(c, existing.get().id()).map(r -> LetterViews.of(c, r));
        } catch (SQLException e) {
            throw CorrespondenceStore.failure("cannot read the letter with key " + idempotencyKey, e);
        }
    }

    /**
     * @param status only letters with this status, or null for any
     * @param caseReference only letters of this case, or null for any
     * @param limit the most to return
     * @return letters, the newest first
     */
    public List<LetterView> letters(@Nullable LetterStatus status, @Nullable String caseReference, int limit) {
        return query(status, caseReference, false, limit);
    }

    /**
     * @param limit the most to return
     * @return letters a person must look at (undeliverable, refused, outcome unknown), the newest first
     */
    public List<LetterView> needingAttention(int limit) {
        return query(null, null, true, limit);
    }

    private List<LetterView> query(@Nullable LetterStatus status, @Nullable String caseReference, boolean attention, int limit) {
        try (Connection c = store.dataSource().getConnection()) {
            List<LetterView> out = new ArrayList<>();
            for (Rows.Letter row : Rows.letters(c, status == null ? null : status.name(), caseReference, attention, limit)) {
                out.add(LetterViews.of(c, row));
            }
            return out;
        } catch (SQLException e) {
            throw CorrespondenceStore.failure("cannot list letters", e);
        }
    }

    /**
     * @param letterId a letter's id
     * @return its receipts (evidences, UPPs) with their verdicts, in the order they were stored; empty when there is
     *     no such letter or none came yet
     * @throws StoreException when the database fails
     */
    public List<Receipt> receipts(String letterId) {
        try (Connection c = store.dataSource().getConnection()) {
            List<Receipt> out = new ArrayList<>();
            for (Rows.Receipt r : Rows.receipts(c, letterId)) {
                out.add(receipt(r));
            }
            return out;
        } catch (SQLException e) {
            throw CorrespondenceStore.failure("cannot read the receipts of letter " + letterId, e);
        }
    }

    /**
     * The original signed bytes of a receipt, as the service gave them: what an auditor or a court is shown.
     *
     * @param receiptId a receipt's id ({@link Receipt#id()})
     * @return its bytes, checked against the SHA-256 stored with it
     * @throws IllegalArgumentException when there is no such receipt
     * @throws StoreException when its file is missing or was changed on disk, or the database fails
     */
    public byte[] receiptBytes(String receiptId) {
        Rows.Receipt row;
        try (Connection c = store.dataSource().getConnection()) {
            row = Rows.receipt(c, receiptId).orElseThrow(() -> new IllegalArgumentException("no receipt " + receiptId));
        } catch (SQLException e) {
            throw CorrespondenceStore.failure("cannot read receipt " + receiptId, e);
        }
        try {
            return store.contents().read(row.content());
        } catch (java.io.IOException e) {
            throw new StoreException("cannot read receipt " + receiptId + " from the content folder: " + e.getMessage(), e, false);
        }
    }

    private static Receipt receipt(Rows.Receipt r) {
        return new Receipt(r.id(), r.letterId(), r.recipient(), r.kind(), r.sourceId(), r.eventAt(), ReceiptVerdict.valueOf(r.verdict()),
                r.verdictDetail(), Channels.fields(r.fields()), r.content().sha256(), r.content().size(), r.storedAt());
    }

    // ------------------------------------------------------------------ incoming

    /**
     * Takes what waits in the office's ePUAP boxes ({@link Builder#receiveEpuap}) into the store, on this thread:
     * each document is stored whole (content, sender, the verdict over its signatures, flags) and only then
     * confirmed at ePUAP. A document offered again is recognised and confirmed, not stored twice. A box another
     * node is polling is left to it.
     *
     * @return how many new items were stored
     * @throws StoreException when the database or the content folder fails (nothing is confirmed then)
     */
    public int receiveOnce() {
        return receiving.receiveOnce();
    }

    /**
     * Starts a thread that receives and hands over incoming items until {@link Receivers#close()}: a round of
     * {@link #receiveOnce()} and {@link #handleIncomingOnce()}, then a wait of {@code pollInterval} or until an
     * e-Doręczenia notification ({@link #notified(byte[])}) wakes it. Any number of nodes may run receivers on one
     * database: each box is polled by one node at a time, and each item is stored once.
     *
     * @param pollInterval how long to wait between rounds when nothing wakes the receivers
     * @return the running receivers
     */
    public Receivers startReceivers(java.time.Duration pollInterval) {
        Receivers r = new Receivers(this, pollInterval);
        receivers.add(r);
        return r;
    }

    void forget(Receivers r) {
        receivers.remove(r);
    }

    /**
     * Takes the body of an e-Doręczenia notification the operator POSTed to the office's webhook (subscribed with
     * {@link Mailbox#subscribe}) and, when it is about the mailbox this window receives from, wakes this node's
     * {@link #startReceivers receivers} so that the new message is stored now rather than at the next poll. The
     * notification is not trusted: it only starts a round, which lists the mailbox as a poll does; a message a
     * notification and a poll both see is stored once. Where another node holds the mailbox's lease at that
     * moment, the message comes at the latest with the next poll. Answer the operator's POST with 200 once this
     * returns.
     *
     * @param body the POSTed JSON ({@link dev.okienko.edelivery.Notification#MAX_BYTES} at most)
     * @return whether it was about this window's mailbox and woke a receiver
     * @throws dev.okienko.core.ClientException when the body is not a notification (answer 400)
     */
    public boolean notified(byte[] body) {
        dev.okienko.edelivery.Notification n = dev.okienko.edelivery.Notification.read(body);
        Mailbox mailbox = receiveMailbox;
        if (mailbox == null || !mailbox.address().value().equals(n.address()) || receivers.isEmpty()) {
            LOG.debug("a notification ({}) not for a receiving mailbox of this node; ignored", n.type());
            return false;
        }
        receivers.forEach(Receivers::wake);
        return true;
    }

    /**
     * Gives the stored items that are due to the office's handler ({@link Builder#incoming}), on this thread, each
     * under a lease; an item is marked handled only after the handler returned.
     *
     * @return how many items the handler was given
     * @throws StoreException when the database fails
     */
    public int handleIncomingOnce() {
        return receiving.handleOnce();
    }

    /**
     * @param id an incoming item's id
     * @return the item
     */
    public Optional<IncomingItem> incomingItem(String id) {
        try (Connection c = store.dataSource().getConnection()) {
            Optional<dev.okienko.correspondence.internal.IncomingRows.Item> row = dev.okienko.correspondence.internal.IncomingRows.item(c, id);
            return row.isEmpty() ? Optional.empty() : Optional.of(incoming(c, row.get()));
        } catch (SQLException e) {
            throw CorrespondenceStore.failure("cannot read incoming item " + id, e);
        }
    }

    /**
     * @param limit the most to return
     * @return incoming items, the newest first
     */
    public List<IncomingItem> incomingItems(int limit) {
        try (Connection c = store.dataSource().getConnection()) {
            List<IncomingItem> out = new ArrayList<>();
            for (dev.okienko.correspondence.internal.IncomingRows.Item row : dev.okienko.correspondence.internal.IncomingRows.items(c, limit)) {
                out.add(incoming(c, row));
            }
            return out;
        } catch (SQLException e) {
            throw CorrespondenceStore.failure("cannot list incoming items", e);
        }
    }

    /**
     * Records the office's case an incoming item was registered in (typically by the {@link IncomingHandler}, once
     * the EZD has registered it), so that the {@link #correspondence one view} shows the case's incoming and
     * outgoing correspondence together. Filing again moves it to the other case; each filing is in its timeline.
     *
     * @param id an incoming item's id
     * @param caseReference the case reference (e.g. {@code GK.6220.1.2026})
     * @throws IllegalArgumentException when there is no such item or the reference is blank or over 200 characters
     * @throws StoreException when the database fails
     */
    public void fileIncoming(String id, String caseReference) {
        Objects.requireNonNull(caseReference, "caseReference");
        if (caseReference.isBlank() || caseReference.length() > 200) {
            throw new IllegalArgumentException("a case reference has 1 to 200 characters, not " + caseReference.length());
        }
        try (Connection c = store.dataSource().getConnection()) {
            boolean filed = dev.okienko.correspondence.internal.Transactions.run(c,
                    () -> dev.okienko.correspondence.internal.IncomingRows.file(c, id, caseReference, clock.instant()));
            if (!filed) {
                throw new IllegalArgumentException("no incoming item " + id);
            }
        } catch (SQLException e) {
            throw CorrespondenceStore.failure("cannot file incoming item " + id, e);
        }
    }

    /**
     * The one view of the office's correspondence: incoming items and outgoing letters that match the query, the
     * newest first, by case, party, status and date.
     *
     * @param query what to show ({@link CorrespondenceQuery#all()} narrowed)
     * @return the entries, at most {@link CorrespondenceQuery#limit()}
     * @throws StoreException when the database fails
     */
    public List<CorrespondenceEntry> correspondence(CorrespondenceQuery query) {
        try (Connection c = store.dataSource().getConnection()) {
            return OneView.query(c, Objects.requireNonNull(query, "query"));
        } catch (SQLException e) {
            throw CorrespondenceStore.failure("cannot query the correspondence", e);
        }
    }

    /**
     * @param id an incoming item's id
     * @return its timeline, each entry as "STATUS detail", in order
     */
    public List<String> incomingTimeline(String id) {
        try (Connection c = store.dataSource().getConnection()) {
            return dev.okienko.correspondence.internal.IncomingRows.timeline(c, id);
        } catch (SQLException e) {
            throw CorrespondenceStore.failure("cannot read the timeline of incoming item " + id, e);
        }
    }

    /**
     * @param id an incoming item's id
     * @return its content as received; the caller closes the stream
     * @throws IllegalArgumentException when there is no such item
     * @throws StoreException when its file is missing or has another size than stored
     */
    public java.io.InputStream openIncoming(String id) {
        IncomingItem item = incomingItem(id).orElseThrow(() -> new IllegalArgumentException("no incoming item " + id));
        requireContents(item);
        try {
            return store.contents().open(new dev.okienko.correspondence.internal.ContentStore.Ref(item.sha256(), item.size()));
        } catch (java.io.IOException e) {
            throw new StoreException("cannot read incoming item " + id + " from the content folder: " + e.getMessage(), e, false);
        }
    }

    /**
     * Opens an e-Doręczenia message stored unopened ({@link EDeliveryOpening#BY_A_PERSON}): a person's decision, with
     * its legal effect (the operator records the delivery, evidence E.1, and the office's deadlines start). Its text
     * and attachments are then stored and the item goes to the handler.
     *
     * @param itemId the item
     * @return the item, opened
     * @throws IllegalArgumentException when there is no such item
     * @throws IllegalStateException when it is not unopened, or no mailbox is configured
     */
    public IncomingItem openEdelivery(String itemId) {
        return receiving.open(itemId);
    }

    /**
     * @param id an incoming item's id
     * @param position an attachment's position
     * @return the attachment as received; the caller closes the stream
     * @throws IllegalArgumentException when there is no such item or attachment, or it was not stored (see the flags)
     */
    public java.io.InputStream openIncomingPart(String id, int position) {
        IncomingItem item = incomingItem(id).orElseThrow(() -> new IllegalArgumentException("no incoming item " + id));
        requireContents(item);
        IncomingItem.Part part = item.parts().stream().filter(p -> p.position() == position).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("incoming item " + id + " has no attachment " + position));
        if (part.sha256() == null) {
            throw new IllegalArgumentException("attachment " + position + " of " + id + " was not stored: " + item.flags());
        }
        try {
            return store.contents().open(new dev.okienko.correspondence.internal.ContentStore.Ref(part.sha256(), part.size()));
        } catch (java.io.IOException e) {
            throw new StoreException("cannot read attachment " + position + " of " + id + " from the content folder: " + e.getMessage(),
                    e, false);
        }
    }

    private static void requireContents(IncomingItem item) {
        if (item.contentsRemoved() != null) {
            throw new StoreException("the contents of incoming item " + item.id() + " were removed: " + item.contentsRemoved()
                    + " (its hashes and timeline are kept)", null, false);
        }
    }

    /**
     * Removes the contents (text, attachments) of items the handler took over longer ago than the office keeps them.
     * What stays, as the proof that an item came and what it was: its row (sender, times, file names), the SHA-256
     * and size of every content, the verdict over its signatures, its flags and its timeline. A content file still
     * needed elsewhere (the same bytes in a letter, a receipt, or an item whose contents are kept) is not deleted.
     * Items not yet handled are never touched. From this call on the contents cannot be read through the window;
     * their files are deleted now, except a file written or reused by this or another node within the last hour
     * (another item with the same bytes may be being stored), which a later call deletes. Receivers may run
     * meanwhile. Run it daily, for example.
     *
     * @param keptFor how long contents are kept after handling
     * @return how many items' contents were removed
     * @throws StoreException when the database or the content folder fails
     */
    public int removeHandledContents(java.time.Duration keptFor) {
        Instant before = clock.instant().minus(keptFor);
        return retention.remove(before, null, "kept for " + keptFor + " after it was handled");
    }

    /**
     * Erases the contents of every handled item from one sender, on the party's request where the law allows it
     * (the office decides that). What stays is what {@link #removeHandledContents} keeps: the proof that the items
     * came, not what they said. Items not yet handled are left; call again after they are.
     *
     * @param sender the sender as stored ({@link IncomingItem#sender()}: an ePUAP entity id, an ADE)
     * @param why the request and its legal basis, for the timeline
     * @return how many items' contents were erased
     * @throws StoreException when the database or the content folder fails
     */
    public int eraseContentsFrom(String sender, String why) {
        return retention.remove(null, Objects.requireNonNull(sender, "sender"), "erased on request: " + Objects.requireNonNull(why, "why"));
    }

    private static IncomingItem incoming(Connection c, dev.okienko.correspondence.internal.IncomingRows.Item i) throws SQLException {
        List<IncomingItem.Part> parts = new ArrayList<>();
        for (dev.okienko.correspondence.internal.IncomingRows.Part p : dev.okienko.correspondence.internal.IncomingRows.parts(c, i.id())) {
            parts.add(new IncomingItem.Part(p.pos(), p.fileName(), p.mediaType(), p.declaredSize(), p.declaredHash(),
                    p.content() == null ? null : p.content().sha256(), p.content() == null ? 0 : p.content().size(),
                    new IncomingItem.SignatureCheck(p.signatureVerdict(), p.signatures() == null ? "" : p.signatures())));
        }
        return new IncomingItem(i.id(), Channel.valueOf(i.channel()), i.box(), i.sourceKey(), i.sender(), i.senderName(), i.replyTo(),
                i.fileName(), i.mediaType(), i.sentAt(), i.receivedAt(), i.content().sha256(), i.content().size(), i.confirmedAt(),
                new IncomingItem.SignatureCheck(i.signatureVerdict(), i.signatures() == null ? "" : i.signatures()),
                i.flags() == null ? List.of() : List.of(i.flags().split("\n")), IncomingItem.Handling.valueOf(i.handling()),
                i.attempts(), i.handlerError(), i.handledAt(), parts, i.contentsRemoved(), i.caseReference());
    }

    // ------------------------------------------------------------------ working

    /**
     * Does the work that is due now, on this thread, until none is left: claims each due letter with a lease,
     * routes, sends or tracks it, and releases it. For tests, scheduled jobs and the command line; long-running
     * applications use {@link #startWorkers}.
     *
     * @return how many letters were processed
     * @throws StoreException when the database fails
     */
    public int workOnce() {
        // only what is due now: a letter whose next step this round put in the future waits for the next call
        Instant dueBy = clock.instant();
        int done = 0;
        while (true) {
            Optional<Claim> claimed = claim(dueBy);
            if (claimed.isEmpty()) {
                return done;
            }
            dispatcher.process(claimed.get().letterId(), claimed.get().owner());
            done++;
        }
    }

    /**
     * Starts worker threads that take due letters until {@link Workers#close()}. Any number of threads, in any
     * number of processes sharing the database, may work at once: each letter is held by one lease at a time, and
     * a lease that runs out (its holder died) is taken over.
     *
     * @param threads how many
     * @return the running workers
     */
    public Workers startWorkers(int threads) {
        return new Workers(this, threads, channels.pollInterval().compareTo(java.time.Duration.ofSeconds(1)) < 0
                ? channels.pollInterval() : java.time.Duration.ofSeconds(1));
    }

    /**
     * @return whether some letter is not sent yet (submitted, routed, or being sent) and waits for no person
     * @throws StoreException when the database fails
     */
    public boolean hasUnsentLetters() {
        try (Connection c = store.dataSource().getConnection();
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT 1 FROM okienko_letter WHERE status IN ('SUBMITTED', 'ROUTED', 'SENDING') "
                     + "AND next_step_at IS NOT NULL LIMIT 1")) {
            return rs.next();
        } catch (SQLException e) {
            throw CorrespondenceStore.failure("cannot read the store", e);
        }
    }

    /**
     * Settles a recipient whose sending ended with {@link LetterStatus#OUTCOME_UNKNOWN}, after a person found out
     * (from the recipient, or from a UPP that turned up). {@code arrived = true} marks it delivered; {@code false}
     * puts it back to be sent again by the workers. Recorded in the timeline with the person's note.
     *
     * @param letterId the letter
     * @param recipient the recipient's position
     * @param arrived whether the letter reached the recipient
     * @param note who found out and how, for the timeline
     * @throws IllegalStateException when that recipient's outcome is not unknown, or a worker holds the letter
     * @throws StoreException when the database fails
     */
    public void settle(String letterId, int recipient, boolean arrived, String note) {
        Objects.requireNonNull(note, "note");
        try (Connection c = store.dataSource().getConnection()) {
            dev.okienko.correspondence.internal.Transactions.run(c, () -> {
                dev.okienko.correspondence.internal.WorkRows.settle(c, letterId, recipient, arrived, note, clock.instant());
                return letterId;
            });
        } catch (SQLException e) {
            throw CorrespondenceStore.failure("cannot settle letter " + letterId, e);
        }
    }

    /** A claimed letter and the lease's owner token (this node and a fresh id, so a stale holder is told apart). */
    record Claim(String letterId, String owner) {
    }

    /** Claims a letter due by then for one round of work. */
    Optional<Claim> claim(Instant dueBy) {
        String owner = node + "/" + UUID.randomUUID();
        try (Connection c = store.dataSource().getConnection()) {
            return dev.okienko.correspondence.internal.WorkRows.claim(c, store.dialect(), owner, dueBy, clock.instant(),
                    clock.instant().plus(channels.lease())).map(id -> new Claim(id, owner));
        } catch (SQLException e) {
            throw CorrespondenceStore.failure("cannot claim a letter", e);
        }
    }

    /** @return now, by the window's clock */
    Instant now() {
        return clock.instant();
    }

    /** Processes a claimed letter. */
    void process(Claim claim) {
        dispatcher.process(claim.letterId(), claim.owner());
    }

    /** Builds the one window. */
    public static final class Builder {
        private @Nullable CorrespondenceStore store;
        Clock clock = Clock.systemUTC();
        private long maxAttachmentBytes = DEFAULT_MAX_ATTACHMENT;
        @Nullable Mailbox mailbox;
        @Nullable AddressBook addressBook;
        @Nullable EpuapClient epuap;
        @Nullable EpuapAddress epuapReplyTo;
        @Nullable String epuapSenderId;
        @Nullable Party epuapOffice;
        HybridShipment.@Nullable PostalAddress officeAddress;
        RoutingPolicy routing = RoutingPolicy.lawOf2026();
        @Nullable SignatureVerifier verifier;
        @Nullable X509Certificate evidenceIssuer;
        @Nullable X509Certificate uppIssuer;
        Duration lease = Duration.ofMinutes(2);
        Duration reconcileWindow = Duration.ofMinutes(2);
        Duration retryDelay = Duration.ofSeconds(30);
        Duration pollInterval = Duration.ofMinutes(5);
        Duration awaitTimeout = Duration.ofMinutes(1);
        Duration baeTtl = Duration.ofHours(1);
        String node = defaultNode();
        @Nullable EpuapClient receiveEpuap;
        @Nullable String receiveEntity;
        List<EpuapAddress> receiveBoxes = List.of();
        @Nullable IncomingHandler incomingHandler;
        @Nullable Mailbox receiveMailbox;
        EDeliveryOpening opening = EDeliveryOpening.AT_ONCE;
        int handlerAttempts = 5;
        Duration handlerRetryDelay = Duration.ofSeconds(30);

        private Builder() {
        }

        private static String defaultNode() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName() + ":" + ProcessHandle.current().pid();
            } catch (java.io.IOException e) {
                return "node:" + ProcessHandle.current().pid();
            }
        }

        /**
         * @param mailbox the office's e-Doręczenia mailbox, to send from
         * @param book BAE, for routing by official id and checking addresses
         * @return this builder
         */
        public Builder edelivery(Mailbox mailbox, AddressBook book) {
            this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
            this.addressBook = Objects.requireNonNull(book, "book");
            return this;
        }

        /**
         * @param client the ePUAP client
         * @param replyTo the office's own box, for answers (its entity id is the sender's)
         * @param office the office as the sender of the Pismo ogólne each letter is sent as
         * @return this builder
         */
        public Builder epuap(EpuapClient client, EpuapAddress replyTo, Party office) {
            this.epuap = Objects.requireNonNull(client, "client");
            this.epuapReplyTo = Objects.requireNonNull(replyTo, "replyTo");
            this.epuapOffice = Objects.requireNonNull(office, "office");
            return this;
        }

        /**
         * Enables hybrid (paper) letters for recipients without an active address who come with a postal address.
         *
         * @param office the office's postal address, the sender's on the envelope
         * @return this builder
         */
        public Builder hybrid(HybridShipment.PostalAddress office) {
            this.officeAddress = Objects.requireNonNull(office, "office");
            return this;
        }

        /**
         * The office's ePUAP boxes to receive from ({@link Correspondence#receiveOnce()}).
         *
         * @param client the ePUAP client
         * @param entityId the entity that owns the boxes
         * @param boxes the boxes
         * @return this builder
         */
        public Builder receiveEpuap(EpuapClient client, String entityId, EpuapAddress... boxes) {
            this.receiveEpuap = Objects.requireNonNull(client, "client");
            this.receiveEntity = Objects.requireNonNull(entityId, "entityId");
            this.receiveBoxes = List.of(boxes);
            return this;
        }

        /**
         * The office's e-Doręczenia mailbox to receive from ({@link Correspondence#receiveOnce()}). Listing never opens
         * a message; whether the receiver opens new messages itself is the office's choice, with a legal consequence
         * ({@link EDeliveryOpening}).
         *
         * @param mailbox the mailbox (the office's address and its system's credentials)
         * @param opening whether new messages are opened at once or left for a person
         * @return this builder
         */
        public Builder receiveEdelivery(Mailbox mailbox, EDeliveryOpening opening) {
            this.receiveMailbox = Objects.requireNonNull(mailbox, "mailbox");
            this.opening = Objects.requireNonNull(opening, "opening");
            return this;
        }

        /**
         * The office's handler of incoming items ({@link Correspondence#handleIncomingOnce()}), tried 5 times with a
         * delay that doubles from 30 s before an item waits for a person.
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder incoming(IncomingHandler handler) {
            return incoming(handler, 5, Duration.ofSeconds(30));
        }

        /**
         * @param handler the handler
         * @param maxAttempts how many times it is tried on an item before the item waits for a person
         * @param firstRetryDelay the delay after the first failure; it doubles after each next one
         * @return this builder
         */
        public Builder incoming(IncomingHandler handler, int maxAttempts, Duration firstRetryDelay) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.incomingHandler = Objects.requireNonNull(handler, "handler");
            this.handlerAttempts = maxAttempts;
            this.handlerRetryDelay = positive(firstRetryDelay, "firstRetryDelay");
            return this;
        }

        /**
         * @param policy how recipients are routed ({@link RoutingPolicy#lawOf2026()} by default)
         * @return this builder
         */
        public Builder routing(RoutingPolicy policy) {
            this.routing = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How receipts are checked before they are believed; without it receipts are stored as NOT_CHECKED.
         *
         * @param signatures the verifier
         * @param evidenceOperator the certificate e-Doręczenia's evidences are signed with
         * @param epuapServer the certificate ePUAP's UPPs are signed with
         * @return this builder
         */
        public Builder trust(SignatureVerifier signatures, X509Certificate evidenceOperator, X509Certificate epuapServer) {
            this.verifier = Objects.requireNonNull(signatures, "signatures");
            this.evidenceIssuer = Objects.requireNonNull(evidenceOperator, "evidenceOperator");
            this.uppIssuer = Objects.requireNonNull(epuapServer, "epuapServer");
            return this;
        }

        /**
         * How the signatures of received documents are verified, without checking receipts (for a window that only
         * receives); {@link #trust} sets it too.
         *
         * @param signatures the verifier
         * @return this builder
         */
        public Builder verifySignatures(SignatureVerifier signatures) {
            this.verifier = Objects.requireNonNull(signatures, "signatures");
            return this;
        }

        /**
         * @param lease how long a worker holds a letter without renewing (2 minutes by default); a node that dies
         *     holds its letters at most this long
         * @param reconcileWindow how long after sending began a letter without an answer is looked for among the
         *     sent messages before it is sent again under the same send id (2 minutes)
         * @param retryDelay how long after a failure that sent nothing the letter is tried again (30 s)
         * @param pollInterval how often receipts are collected (5 minutes)
         * @return this builder
         */
        public Builder timing(Duration lease, Duration reconcileWindow, Duration retryDelay, Duration pollInterval) {
            this.lease = positive(lease, "lease");
            this.reconcileWindow = positive(reconcileWindow, "reconcileWindow");
            this.retryDelay = positive(retryDelay, "retryDelay");
            this.pollInterval = positive(pollInterval, "pollInterval");
            return this;
        }

        /**
         * @param ttl how long a BAE lookup is reused for routing (1 hour by default)
         * @return this builder
         */
        public Builder baeCacheTtl(Duration ttl) {
            this.baeTtl = positive(ttl, "ttl");
            return this;
        }

        /**
         * @param name this node's name in leases and logs (host and process id by default)
         * @return this builder
         */
        public Builder node(String name) {
            this.node = Objects.requireNonNull(name, "name");
            return this;
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }

        /**
         * @param value where letters are kept
         * @return this builder
         */
        public Builder store(CorrespondenceStore value) {
            this.store = value;
            return this;
        }

        /**
         * @param value the clock the store's times come from
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @param bytes the largest attachment accepted at submission ({@link #DEFAULT_MAX_ATTACHMENT} by default)
         * @return this builder
         */
        public Builder maxAttachmentBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxAttachmentBytes must be positive");
            }
            this.maxAttachmentBytes = bytes;
            return this;
        }

        /**
         * @return the one window
         * @throws StoreException when the store's schema is not this version's
         */
        public Correspondence build() {
            return new Correspondence(this);
        }
    }
}
