package dev.okienko.edelivery;

import static dev.okienko.edelivery.internal.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.okienko.core.ClientException;
import dev.okienko.edelivery.internal.JsonCall;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A notification the operator POSTs to a {@link Subscriptions subscribed} URL: the UA API's
 * {@code MessageStatement} (new message, new evidence) or {@code MessageCreatedStatement} (a finished sending
 * task). Read the body with {@link #read(byte[])} in your webhook handler, then fetch what it names through
 * the {@link Mailbox}; a notification proves nothing by itself.
 *
 * @param address the mailbox it is about ({@code eDeliveryAddress})
 * @param type {@code notificationType} as sent
 * @param items what it names
 */
public record Notification(String address, String type, List<Item> items) {
    /** The most bytes a notification body may have. */
    public static final int MAX_BYTES = 1024 * 1024;

    /**
     * One thing a notification names.
     *
     * @param id a message id or an evidence id (MessageStatement), when given
     * @param threadId the thread, when given
     * @param evidenceType the evidence's type, when given
     * @param messageTaskId the finished task (MessageCreatedStatement), when given
     * @param messageIds the messages the task made, possibly empty
     */
    public record Item(@Nullable String id, @Nullable String threadId, @Nullable String evidenceType,
                       @Nullable String messageTaskId, List<String> messageIds) {
        /** Copies the list. */
        public Item {
            messageIds = List.copyOf(messageIds);
        }
    }

    /** Copies the list. */
    public Notification {
        items = List.copyOf(items);
    }

    /**
     * @param body the POSTed JSON
     * @return the notification
     * @throws ClientException when it is too large, not JSON, or lacks {@code eDeliveryAddress} or {@code notificationType}
     */
    public static Notification read(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new ClientException("a notification of " + body.length + " bytes is over " + MAX_BYTES + "; refused");
        }
        JsonNode root;
        try {
            root = JsonCall.JSON.readTree(body);
        } catch (IOException e) {
            throw new ClientException("the notification is not JSON", e);
        }
        if (root == null || !root.path("eDeliveryAddress").isTextual() || !root.path("notificationType").isTextual()) {
            throw new ClientException("the notification lacks eDeliveryAddress or notificationType");
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode n : root.path("notification")) {
            List<String> ids = new ArrayList<>();
            n.path("messages").forEach(m -> {
                if (m.path("messageId").isTextual()) {
                    ids.add(m.path("messageId").asText());
                }
            });
            items.add(new Item(text(n, "id"), text(n, "threadId"), text(n, "type"), text(n, "messageTaskId"), ids));
        }
        return new Notification(root.path("eDeliveryAddress").asText(), root.path("notificationType").asText(), items);
    }

}
