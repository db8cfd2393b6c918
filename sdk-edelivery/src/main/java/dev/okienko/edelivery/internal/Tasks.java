package dev.okienko.edelivery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.okienko.core.ClientException;
import dev.okienko.edelivery.SendReport;
import dev.okienko.edelivery.SendTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Follows a sending task to its end ({@code GET /messages/tasks/{id}/status}, then {@code /tasks/{id}}). */
public final class Tasks {
    private Tasks() {
    }

    /**
     * @param api the mailbox
     * @param task the task
     * @param timeout how long to wait
     * @return the outcome for each recipient
     * @throws ClientException when the task is still pending after the timeout (retryable)
     */
    public static SendReport await(MailboxApi api, SendTask task, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode status = api.get(api.url("messages", "tasks", task.taskId(), "status"));
            if ("FINISHED".equals(status.path("messageTaskStatus").asText())) {
                return report(api, task.taskId());
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new ClientException("the sending task " + task.taskId() + " ('" + task.subject() + "') is still "
                        + status.path("messageTaskStatus").asText("unknown") + " after " + timeout, null, true);
            }
            api.pause();
        }
    }

    private static SendReport report(MailboxApi api, String taskId) {
        List<SendReport.Recipient> recipients = new ArrayList<>();
        for (JsonNode r : api.get(api.url("messages", "tasks", taskId))) {
            recipients.add(new SendReport.Recipient(JsonFields.nonEmptyText(r.path("addressee"), "eDeliveryAddress"),
                    JsonFields.nonEmptyText(r, "messageId"), JsonFields.nonEmptyText(r, "error"),
                    JsonFields.nonEmptyText(r, "error_description")));
        }
        return new SendReport(taskId, recipients);
    }
}
