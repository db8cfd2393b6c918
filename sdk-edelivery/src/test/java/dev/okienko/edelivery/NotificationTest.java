package dev.okienko.edelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.core.ClientException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Webhook bodies as the contract's MessageStatement and MessageCreatedStatement write them; bad ones refused. */
class NotificationTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void read_messageStatement_itemsWithIdsAndTypes() {
        Notification n = Notification.read(utf8("{\"eDeliveryAddress\":\"AE:PL-50419-15057-VDGUG-25\","
                + "\"notificationType\":\"NewEvidence\",\"notification\":[{\"id\":\"ev-1\",\"threadId\":\"t-1\",\"type\":\"D1\"},"
                + "{\"id\":\"ev-2\",\"type\":\"E1\"}]}"));

        assertThat(n.address()).isEqualTo("AE:PL-50419-15057-VDGUG-25");
        assertThat(n.type()).isEqualTo("NewEvidence");
        assertThat(n.items()).extracting(Notification.Item::id).containsExactly("ev-1", "ev-2");
        assertThat(n.items().get(0).threadId()).isEqualTo("t-1");
        assertThat(n.items().get(1).threadId()).isNull();
        assertThat(n.items().get(1).evidenceType()).isEqualTo("E1");
    }

    @Test
    void read_messageCreatedStatement_taskAndMessageIds() {
        Notification n = Notification.read(utf8("{\"eDeliveryAddress\":\"AE:PL-50419-15057-VDGUG-25\","
                + "\"notificationType\":\"MessageCreated\",\"notification\":[{\"messageTaskId\":\"task-7\","
                + "\"messages\":[{\"messageId\":\"m-1\"},{\"messageId\":\"m-2\"},{\"noId\":true}]}]}"));

        assertThat(n.items()).singleElement().satisfies(i -> {
            assertThat(i.messageTaskId()).isEqualTo("task-7");
            assertThat(i.messageIds()).containsExactly("m-1", "m-2");
        });
    }

    @Test
    void read_fieldsOfAnotherType_readAsAbsent() {
        Notification n = Notification.read(utf8("{\"eDeliveryAddress\":\"A\",\"notificationType\":\"T\","
                + "\"notification\":[{\"id\":42,\"threadId\":null}]}"));

        assertThat(n.items().get(0).id()).isNull();
        assertThat(n.items().get(0).threadId()).isNull();
    }

    @Test
    void read_notJsonMissingFieldsOrTooLarge_refusedInWords() {
        assertThatThrownBy(() -> Notification.read(utf8("<xml/>"))).isInstanceOf(ClientException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> Notification.read(utf8("{\"notificationType\":\"T\"}"))).isInstanceOf(ClientException.class)
                .hasMessageContaining("eDeliveryAddress");
        assertThatThrownBy(() -> Notification.read(new byte[Notification.MAX_BYTES + 1])).isInstanceOf(ClientException.class)
                .hasMessageContaining("over " + Notification.MAX_BYTES);
    }
}
