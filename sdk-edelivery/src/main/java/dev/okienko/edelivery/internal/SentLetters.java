package dev.okienko.edelivery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.MailboxMessage;
import dev.okienko.edelivery.SendTask;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Finds a letter whose sending had an unknown outcome (a lost answer) among the sent messages, by the send id
 * it carries in {@code additionalData}: the reconciliation that lets okienko never send a letter twice.
 */
public final class SentLetters {
    private static final int PAGE = 100;
    private final MailboxApi api;

    /** @param api the mailbox */
    public SentLetters(MailboxApi api) {
        this.api = api;
    }

    /**
     * Looks among the sent messages for the letter that carries this send id, reading only the sender's own
     * copies (which opens nothing for the recipient).
     *
     * @param letter the letter
     * @param sendId its send id
     * @param submitted when it was sent
     * @param window how long to keep looking; zero to look once
     * @return its task, marked recovered; empty when no sent message carries the send id
     */
    public Optional<SendTask> find(Letter letter, String sendId, Instant submitted, Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        Instant since = submitted.minus(Duration.ofMinutes(10));
        while (true) {
            HttpUrl list = api.url("messages").newBuilder().addQueryParameter("label", Mailbox.Folder.SENT.name())
                    .addQueryParameter("format", "metadata").addQueryParameter("subject", letter.subject())
                    .addQueryParameter("sortColumn", "timestamp").addQueryParameter("sortDirection", "desc")
                    .addQueryParameter("limit", Integer.toString(PAGE)).build();
            for (JsonNode node : api.get(list).path("messages")) {
                MailboxMessage m = MessageReader.message(node);
                if (!letter.subject().equals(m.subject()) || (m.timestamp() != null && m.timestamp().isBefore(since))) {
                    continue;
                }
                // the sender's copy: reading it opens nothing for the recipient
                MailboxMessage full = MessageReader.readOne(api, m.messageId(), "full");
                if (sendId.equals(full.additionalData().get(Mailbox.SEND_ID_KEY)) && full.taskId() != null) {
                    return Optional.of(new SendTask(full.taskId(), sendId, letter.subject(), submitted, true));
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return Optional.empty();
            }
            api.pause();
        }
    }
}
