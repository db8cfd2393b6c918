package dev.okienko.edelivery;

import dev.okienko.core.Ade;
import dev.okienko.core.ClientException;
import dev.okienko.core.Environment;
import dev.okienko.core.HttpClients;
import dev.okienko.core.ServiceException;
import dev.okienko.edelivery.internal.AttachmentFiles;
import dev.okienko.edelivery.internal.Evidences;
import dev.okienko.edelivery.internal.JsonCall;
import dev.okienko.edelivery.internal.LetterSender;
import dev.okienko.edelivery.internal.MailboxApi;
import dev.okienko.edelivery.internal.MessageReader;
import dev.okienko.edelivery.internal.SentLetters;
import dev.okienko.edelivery.internal.SubscriptionCalls;
import dev.okienko.edelivery.internal.Tasks;
import dev.okienko.signature.SignatureVerifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * One e-Doręczenia mailbox through the UA API: send letters and follow their tasks, list and read messages,
 * download attachments, list, download and verify evidences. Thread-safe.
 *
 * <p><b>Sending never duplicates a letter.</b> Each letter carries a fresh send id in its
 * {@code additionalData} ({@value #SEND_ID_KEY}). The sending POST is never repeated: when its answer is lost
 * (a dropped connection, a timeout, an HTTP 5xx), okienko looks for the letter among the sent messages for a
 * while ({@link Builder#reconcileWindow}); found, {@link #send} returns its task as if nothing had happened
 * ({@link SendTask#recovered()} says it was recovered); not found, it throws
 * {@link SendOutcomeUnknownException}, and {@link #reconcile} can look again later.
 *
 * <p><b>Reading does not open by accident.</b> Listing and {@link #metadata(String)} use the {@code metadata}
 * format; only {@link #open(String)} reads {@code full}, which for the recipient opens the message and makes
 * the operator issue evidence E.1 (delivery).
 *
 * <pre>{@code
 * Mailbox mailbox = Mailbox.builder().environment(environment).tokens(tokens).address(ourAde).build();
 * SendTask task = mailbox.send(letter);
 * SendReport report = mailbox.await(task, Duration.ofMinutes(2));
 * for (EvidenceInfo e : mailbox.evidences(report.recipients().get(0).messageId())) {
 *     Evidence evidence = mailbox.evidence(e, verifier);
 * }
 * }</pre>
 */
public final class Mailbox {
    /** The service's name in errors. */
    public static final String SERVICE = "e-Doręczenia UA API";
    /** The {@code additionalData} key under which a letter carries okienko's send id. */
    public static final String SEND_ID_KEY = "okienkoSendId";
    /**
     * The largest attachment sent inline in the message by default: 15 MB. Larger ones go through a draft
     * and the multipart upload. Whether the operator's "15 MB" means 10<sup>6</sup> or 2<sup>20</sup> bytes
     * is unconfirmed, so the smaller reading is the default; a draft takes any size.
     */
    public static final long DEFAULT_INLINE_LIMIT = 15_000_000L;

    /** Where a message is, for the mailbox. */
    public enum Folder {
        /** Received messages. */
        INBOX,
        /** Sent messages. */
        SENT
    }

    private final Ade address;
    private final MailboxApi api;
    private final SentLetters sent;
    private final LetterSender sender;
    private final long maxDownloadBytes;

    private Mailbox(Builder b) {
        HttpUrl root = HttpUrl.get(Objects.requireNonNull(b.environment, "environment")
                .requireEndpoint(Environment.Service.EDELIVERY_MAILBOX).toString());
        this.address = Objects.requireNonNull(b.address, "address");
        Ade.parse(address.value()); // wrong check digits are refused before any call
        this.api = new MailboxApi(root.newBuilder().addPathSegment(address.value()).build(),
                new JsonCall(b.http != null ? b.http : HttpClients.defaultClient(), Objects.requireNonNull(b.tokens, "tokens"),
                        SERVICE), b.pollInterval, SERVICE);
        this.sent = new SentLetters(api);
        this.sender = new LetterSender(api, address, sent, b.clock, b.reconcileWindow, b.inlineLimit);
        this.maxDownloadBytes = b.maxDownloadBytes;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the mailbox's address */
    public Ade address() {
        return address;
    }

    // ------------------------------------------------------------------ sending

    /**
     * Sends a letter. Attachments are read from their files as the request goes. A letter whose attachments
     * are all at most {@link Builder#inlineAttachmentLimit} goes in one {@code POST /messages}. Otherwise
     * okienko makes a draft ({@code POST /drafts}), uploads each attachment to it as multipart
     * ({@code POST /{draft}/attachments/upload}, the operator's hash and size checked against the file's),
     * and sends the draft ({@code POST /drafts/send}). When anything fails before that last step, the draft
     * is deleted and nothing was sent.
     *
     * @param letter the letter
     * @return its task, to follow with {@link #await}
     * @throws ServiceException when the API refused the letter or an attachment (nothing was sent)
     * @throws SendOutcomeUnknownException when the answer to the sending request was lost and the letter could
     *     not be found afterwards
     * @throws ClientException when the API could not be reached, or the answer to making the draft or
     *     uploading an attachment was lost (nothing was sent; retryable), or an attachment cannot be read or
     *     was not stored as it is
     */
    public SendTask send(Letter letter) {
        Objects.requireNonNull(letter, "letter");
        return sender.send(letter, UUID.randomUUID().toString());
    }

    /**
     * Sends a letter under a send id of the caller's, as {@link #send(Letter)} does with a fresh one. For a
     * caller that keeps its own durable record: store the send id first, then call this; after a crash,
     * {@link #findSent} with the same id tells whether the letter went out, so it is never sent twice.
     *
     * @param letter the letter
     * @param sendId the id the letter carries in {@code additionalData} ({@value #SEND_ID_KEY}): 1-64 letters,
     *     digits, {@code -}, {@code _} or {@code .}, unique per letter
     * @return its task
     * @throws IllegalArgumentException when the send id is not of that form
     * @see #send(Letter)
     */
    public SendTask send(Letter letter, String sendId) {
        Objects.requireNonNull(letter, "letter");
        if (sendId == null || !sendId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("a send id has 1-64 letters, digits, '-', '_' or '.'");
        }
        return sender.send(letter, sendId);
    }

    /**
     * Looks among the sent messages for a letter sent under a send id (by {@link #send(Letter, String)}),
     * for instance after a process died between storing the send id and storing the answer.
     *
     * @param letter the letter as it was sent (its subject and recipients narrow the search)
     * @param sendId its send id
     * @param since when it was sent at the earliest
     * @return its task, when a sent message carries the send id; empty when none does (yet)
     */
    public Optional<SendTask> findSent(Letter letter, String sendId, Instant since) {
        return sent.find(Objects.requireNonNull(letter, "letter"), Objects.requireNonNull(sendId, "sendId"),
                Objects.requireNonNull(since, "since"), Duration.ZERO);
    }

    /**
     * Looks again for a letter whose sending had an unknown outcome.
     *
     * @param unknown what {@link #send} threw
     * @return its task, when it went out; empty when no sent message carries its send id
     */
    public Optional<SendTask> reconcile(SendOutcomeUnknownException unknown) {
        return sent.find(unknown.letter(), unknown.sendId(), unknown.submittedAt(), Duration.ZERO);
    }

    /**
     * Follows a task until it is finished ({@code GET /messages/tasks/{id}/status}, then {@code /tasks/{id}}).
     *
     * @param task the task
     * @param timeout how long to wait
     * @return the outcome for each recipient
     * @throws ClientException when the task is still pending after the timeout (retryable)
     */
    public SendReport await(SendTask task, Duration timeout) {
        return Tasks.await(api, task, timeout);
    }

    // ------------------------------------------------------------------ reading

    /**
     * Lists the messages of a folder, oldest first, in the {@code metadata} format (nothing is opened); pages
     * are fetched as the iterator goes.
     *
     * @param folder INBOX or SENT
     * @return the messages, without text and attachments
     */
    public Iterator<MailboxMessage> messages(Folder folder) {
        Objects.requireNonNull(folder, "folder");
        return MessageReader.folder(api, folder.name());
    }

    /**
     * Reads a message's metadata; this does not open it.
     *
     * @param messageId the message
     * @return its metadata and status
     */
    public MailboxMessage metadata(String messageId) {
        return MessageReader.readOne(api, messageId, "metadata");
    }

    /**
     * Reads a whole message ({@code full}: text, attachment list, additional data). For the recipient this
     * <b>opens</b> the message: the operator records the delivery and issues evidence E.1.
     *
     * @param messageId the message
     * @return the message
     */
    public MailboxMessage open(String messageId) {
        return MessageReader.readOne(api, messageId, "full");
    }

    /**
     * Downloads an attachment ({@code POST /attachments/download}, any size), streaming it to a file. When the
     * listing gave its size and hash, both are checked; a file that fails the check is deleted.
     *
     * @param messageId the message
     * @param attachment the attachment, as listed by {@link #open(String)}
     * @param target where to write it (replaced when it exists)
     * @return the target
     * @throws ClientException when the content is larger than listed or than
     *     {@link Builder#maxDownloadBytes}, or does not match its hash
     * @throws dev.okienko.core.LocalFileException when the target's folder does not exist or the file cannot be
     *     written: never retryable, and never reported as the service being unreachable
     */
    public Path downloadAttachment(String messageId, AttachmentInfo attachment, Path target) {
        return AttachmentFiles.download(api, messageId, attachment, target, maxDownloadBytes);
    }

    // ------------------------------------------------------------------ evidences

    /**
     * @param messageId a message
     * @return its evidences, as listed
     */
    public List<EvidenceInfo> evidences(String messageId) {
        return Evidences.list(api, messageId);
    }

    /**
     * Downloads an evidence document ({@code GET /evidences/{purde|puh}/{evidenceId}}; {@code puh} for the
     * hybrid service's evidences).
     *
     * @param evidence the evidence, as listed
     * @return the signed document, at most 16 MiB
     */
    public byte[] downloadEvidence(EvidenceInfo evidence) {
        return Evidences.download(api, evidence);
    }

    /**
     * Downloads an evidence and reads and verifies it. Check {@link Evidence#isGenuine} with the provider's
     * certificate before relying on it.
     *
     * @param evidence the evidence, as listed
     * @param verifier checks its signature
     * @return the evidence
     * @throws dev.okienko.core.XmlException when the document is not an evidence, or is hostile
     */
    public Evidence evidence(EvidenceInfo evidence, SignatureVerifier verifier) {
        return Evidence.read(downloadEvidence(evidence), verifier);
    }

    // ------------------------------------------------------------------ subscriptions

    /**
     * Subscribes the mailbox's system to notifications ({@code PUT /message_subscriptions}).
     *
     * @param callbacks where to be notified
     * @return the subscription's id
     */
    public String subscribe(Subscriptions callbacks) {
        return SubscriptionCalls.subscribe(api, callbacks);
    }

    /** @return the mailbox's subscriptions ({@code GET /message_subscriptions}) */
    public List<Subscriptions.Listed> subscriptions() {
        return SubscriptionCalls.list(api);
    }

    /** Removes the mailbox's subscription ({@code DELETE /message_subscriptions}). */
    public void unsubscribe() {
        SubscriptionCalls.unsubscribe(api);
    }

    /** Builds a {@link Mailbox}. */
    public static final class Builder {
        private @Nullable Environment environment;
        private @Nullable TokenProvider tokens;
        private @Nullable Ade address;
        private @Nullable OkHttpClient http;
        private Clock clock = Clock.systemUTC();
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration reconcileWindow = Duration.ofSeconds(60);
        private long maxDownloadBytes = 2L * 1024 * 1024 * 1024;
        private long inlineLimit = DEFAULT_INLINE_LIMIT;

        private Builder() {
        }

        /**
         * @param environment where the UA API is
         * @return this
         */
        public Builder environment(Environment environment) {
            this.environment = environment;
            return this;
        }

        /**
         * @param tokens the access tokens (e.g. a {@link SignedJwtTokenProvider} of this mailbox's system)
         * @return this
         */
        public Builder tokens(TokenProvider tokens) {
            this.tokens = tokens;
            return this;
        }

        /**
         * @param address the mailbox's address
         * @return this
         */
        public Builder address(Ade address) {
            this.address = address;
            return this;
        }

        /**
         * @param http the HTTP client (by default {@link HttpClients#defaultClient()})
         * @return this
         */
        public Builder httpClient(OkHttpClient http) {
            this.http = http;
            return this;
        }

        /**
         * @param clock the clock for submission times
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param interval how often tasks and sent messages are polled (1 s by default)
         * @return this
         */
        public Builder pollInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("the poll interval cannot be negative");
            }
            this.pollInterval = interval;
            return this;
        }

        /**
         * @param window how long to look for a letter among the sent messages when the answer to sending it was
         *     lost (60 s by default; the operator makes the message when its task runs)
         * @return this
         */
        public Builder reconcileWindow(Duration window) {
            if (window.isNegative()) {
                throw new IllegalArgumentException("the reconcile window cannot be negative");
            }
            this.reconcileWindow = window;
            return this;
        }

        /**
         * @param max the largest attachment downloaded when its size is not listed (2 GiB by default)
         * @return this
         */
        public Builder maxDownloadBytes(long max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxDownloadBytes must be positive");
            }
            this.maxDownloadBytes = max;
            return this;
        }

        /**
         * @param max the largest attachment sent inline in the message ({@link #DEFAULT_INLINE_LIMIT} by
         *     default); a letter with a larger one goes through a draft and the multipart upload
         * @return this
         */
        public Builder inlineAttachmentLimit(long max) {
            if (max < 0) {
                throw new IllegalArgumentException("the inline attachment limit cannot be negative");
            }
            this.inlineLimit = max;
            return this;
        }

        /** @return the mailbox */
        public Mailbox build() {
            return new Mailbox(this);
        }
    }
}
