package dev.okienko.edelivery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.okienko.core.ClientException;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.Subscriptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/** The mailbox system's notification subscriptions ({@code /message_subscriptions}). */
public final class SubscriptionCalls {
    private SubscriptionCalls() {
    }

    /**
     * @param api the mailbox
     * @param callbacks where to be notified
     * @return the subscription's id
     */
    public static String subscribe(MailboxApi api, Subscriptions callbacks) {
        Map<String, String> body = new LinkedHashMap<>();
        putUrl(body, "messageCallbackUrl", callbacks.message());
        putUrl(body, "messageCreatedCallbackUrl", callbacks.messageCreated());
        putUrl(body, "evidenceCallbackUrl", callbacks.evidence());
        putUrl(body, "inboxCallbackUrl", callbacks.inbox());
        Request.Builder request = new Request.Builder().url(api.url("message_subscriptions")).header("Accept", "application/json")
                .put(MailboxApi.jsonBody(body));
        String id = api.json().exchange(request, api.json()::requireJson).path("subscriptionId").asText("");
        if (id.isEmpty()) {
            throw new ClientException(Mailbox.SERVICE + " answered the subscription without a subscriptionId");
        }
        return id;
    }

    /**
     * @param api the mailbox
     * @return the subscriptions
     */
    public static List<Subscriptions.Listed> list(MailboxApi api) {
        List<Subscriptions.Listed> list = new ArrayList<>();
        for (JsonNode s : api.get(api.url("message_subscriptions"))) {
            list.add(new Subscriptions.Listed(s.path("id").asText(), s.path("name").asText(), s.path("url").asText(),
                    s.path("status").asBoolean(false)));
        }
        return list;
    }

    /** @param api the mailbox whose subscription goes */
    public static void unsubscribe(MailboxApi api) {
        api.json().exchange(new Request.Builder().url(api.url("message_subscriptions")).delete(), response -> response.code());
    }

    private static void putUrl(Map<String, String> body, String field, java.net.@Nullable URI url) {
        if (url != null) {
            body.put(field, url.toString());
        }
    }
}
