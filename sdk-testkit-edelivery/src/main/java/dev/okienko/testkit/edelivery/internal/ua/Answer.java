package dev.okienko.testkit.edelivery.internal.ua;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * What the UA API answers.
 *
 * @param status the HTTP status
 * @param body the body
 * @param type its content type
 * @param sent whether the answer accepts a letter (a lost answer after acceptance can be injected there)
 */
record Answer(int status, byte[] body, String type, boolean sent) {
    Answer(int status, byte[] body, String type) {
        this(status, body, type, false);
    }

    static Answer json(int status, JsonNode node) {
        try {
            return new Answer(status, UaRequests.JSON.writeValueAsBytes(node), "application/json");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
