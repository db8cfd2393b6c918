package dev.okienko.edelivery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.okienko.core.Ade;
import dev.okienko.core.ClientException;
import dev.okienko.core.ServiceException;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.SendOutcomeUnknownException;
import dev.okienko.edelivery.SendTask;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Request;

/**
 * Sends a letter once, never twice: inline in one {@code POST /messages}, or through a {@link Drafts draft}
 * when an attachment is over the inline limit. The sending POST is never repeated; a lost answer (dropped
 * connection, time-out, 5xx, 408, or an acceptance without a task id) is settled by looking for the letter's
 * send id among the sent messages ({@link SentLetters}), and what cannot be settled is a
 * {@link SendOutcomeUnknownException}.
 */
public final class LetterSender {
    private final MailboxApi api;
    private final Ade address;
    private final Drafts drafts;
    private final SentLetters sent;
    private final Clock clock;
    private final Duration reconcileWindow;
    /** How many times a letter is offered to a busy service (429, 503) before its answer is passed on. */
    static final int BUSY_ATTEMPTS = 3;
    /** The longest Retry-After okienko waits for inside one send; longer ones are passed on as a retryable failure. */
    static final Duration MAX_BUSY_WAIT = Duration.ofSeconds(60);
    private final long inlineLimit;

    /**
     * @param api the mailbox
     * @param address its address
     * @param sent where lost letters are looked for
     * @param clock when a letter counts as submitted
     * @param reconcileWindow how long to look for a letter whose answer was lost
     * @param inlineLimit the largest attachment sent inline
     */
    public LetterSender(MailboxApi api, Ade address, SentLetters sent, Clock clock, Duration reconcileWindow, long inlineLimit) {
        this.api = api;
        this.address = address;
        this.drafts = new Drafts(api, address);
        this.sent = sent;
        this.clock = clock;
        this.reconcileWindow = reconcileWindow;
        this.inlineLimit = inlineLimit;
    }

    /**
     * @param letter the letter
     * @param sendId the id it carries in {@code additionalData}, by which it is found again
     * @return its task
     * @see Mailbox#send(Letter)
     */
    public SendTask send(Letter letter, String sendId) {
        List<AttachmentFiles.Prepared> files = AttachmentFiles.prepare(letter);
        boolean viaDraft = files.stream().anyMatch(f -> f.size() > inlineLimit);
        String draft = viaDraft ? drafts.draft(letter, files, sendId) : null;
        Instant submitted = clock.instant();
        Throwable lost;
        for (int attempt = 1; ; attempt++) {
            Request.Builder request = new Request.Builder().header("Accept", "application/json");
            if (draft == null) {
                request.url(api.url("messages")).post(new LetterBody(address, letter, files, sendId));
            } else {
                request.url(api.url("drafts", "send")).post(MailboxApi.jsonBody(Map.of("messageId", draft)));
            }
            try {
                JsonNode answer = api.json().call(request, api.json()::requireJson);
                String taskId = answer.path("messageTaskId").asText("");
                if (!taskId.isEmpty()) {
                    return new SendTask(taskId, sendId, letter.subject(), submitted, false);
                }
                lost = new ClientException(Mailbox.SERVICE + " accepted the letter without a messageTaskId");
            } catch (ConnectException | UnknownHostException e) {
                String left = draft == null ? "" : drafts.discard(draft);
                throw new ClientException(Mailbox.SERVICE + " could not be reached; the letter was not sent" + left + ": "
                        + e.getMessage(), e, true);
            } catch (IOException e) {
                lost = e;
            } catch (ServiceException e) {
                if (e.httpStatus() == 429 || e.httpStatus() == 503) {
                    // busy: the request was not processed (RFC 9110 15.6.4, RFC 6585 4); wait as asked, then send again
                    Duration wait = e.retryAfter().orElse(Duration.ofSeconds(attempt));
                    if (attempt < BUSY_ATTEMPTS && wait.compareTo(MAX_BUSY_WAIT) <= 0) {
                        pause(wait);
                        Optional<SendTask> went = sent.find(letter, sendId, submitted, Duration.ZERO);
                        if (went.isPresent()) {
                            return went.get(); // a busy answer that was not true after all: found, not sent twice
                        }
                        continue;
                    }
                    if (draft != null) {
                        drafts.discard(draft);
                    }
                    throw e; // still busy, or asks for longer than okienko waits: nothing was sent, retryable
                }
                if (e.httpStatus() < 500 && e.httpStatus() != 408) {
                    if (draft != null) {
                        drafts.discard(draft);
                    }
                    throw e; // refused: nothing was sent
                }
                lost = e;
            }
            break;
        }
        Optional<SendTask> found = sent.find(letter, sendId, submitted, reconcileWindow);
        if (found.isPresent()) {
            return found.get();
        }
        throw new SendOutcomeUnknownException("the answer to sending '" + letter.subject() + "'"
                + (draft == null ? "" : " (draft " + draft + ")") + " was lost ("
                + MailboxApi.describe(lost) + ") and no sent message carrying send id " + sendId + " appeared within "
                + reconcileWindow.toSeconds() + " s; it was not sent again. Call Mailbox.reconcile later to find out",
                sendId, letter, submitted, lost);
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException(Mailbox.SERVICE + ": interrupted while waiting as the service asked; the letter was not sent", e, true);
        }
    }
}
