package dev.okienko.edelivery;

import java.time.Instant;
import java.util.Objects;

/**
 * A letter the UA API accepted for sending: its task, which {@link Mailbox#await(SendTask, java.time.Duration)}
 * follows to the per-recipient message ids.
 *
 * @param taskId the UA API's {@code messageTaskId}
 * @param sendId okienko's id of this sending, carried in the message's {@code additionalData} under
 *     {@value Mailbox#SEND_ID_KEY}; it identifies the letter when an answer is lost
 * @param subject the letter's subject
 * @param submittedAt when the letter was handed to the API (client clock)
 * @param recovered whether the answer to the sending was lost and the task was found afterwards in the sent
 *     messages (the letter went out once)
 */
public record SendTask(String taskId, String sendId, String subject, Instant submittedAt, boolean recovered) {
    /** Checks the parts. */
    public SendTask {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(sendId, "sendId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }
}
