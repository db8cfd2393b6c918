package dev.okienko.edelivery.internal;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.okienko.core.Ade;
import dev.okienko.edelivery.HybridShipment;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.internal.AttachmentFiles.Prepared;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/** The message as JSON, written as it goes out: attachments are read from their files and base64-encoded on the fly. */
public final class LetterBody extends RequestBody {
    private final Ade from;
    private final Letter letter;
    private final List<Prepared> files;
    private final String sendId;

    /**
     * @param from the sending mailbox's address
     * @param letter the letter
     * @param files its attachments, measured; none for a draft (they are uploaded to it)
     * @param sendId the send id it carries in {@code additionalData}
     */
    public LetterBody(Ade from, Letter letter, List<Prepared> files, String sendId) {
        this.from = from;
        this.letter = letter;
        this.files = files;
        this.sendId = sendId;
    }

    @Override
    public MediaType contentType() {
        return MailboxApi.APPLICATION_JSON;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        try (JsonGenerator g = JsonCall.JSON.getFactory().createGenerator(sink.outputStream())
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            g.writeStartObject();
            if (letter.mass()) {
                g.writeObjectFieldStart("messageControlData");
                g.writeBooleanField("massMessage", true);
                g.writeEndObject();
            }
            g.writeObjectFieldStart("messageMetadata");
            HybridShipment hybrid = letter.hybrid();
            g.writeObjectFieldStart("from");
            g.writeStringField("eDeliveryAddress", from.value());
            if (hybrid != null) {
                writeAddress(g, hybrid.senderAddress());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("to");
            for (Ade r : letter.recipients()) {
                g.writeStartObject();
                g.writeStringField("eDeliveryAddress", r.value());
                g.writeEndObject();
            }
            if (hybrid != null) {
                g.writeStartObject();
                writeAddress(g, hybrid.addressee().address());
                g.writeObjectFieldStart("contributor");
                optional(g, "firstName", hybrid.addressee().firstName());
                optional(g, "lastName", hybrid.addressee().lastName());
                optional(g, "companyName", hybrid.addressee().companyName());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            if (hybrid != null) {
                writeHybrid(g, hybrid);
            }
            g.writeStringField("subject", letter.subject());
            optional(g, "caseId", letter.caseId());
            optional(g, "refToMessageId", letter.replyTo());
            optional(g, "threadId", letter.threadId());
            g.writeStringField("shippingService", hybrid == null ? "electronic" : "hybrid");
            g.writeObjectFieldStart("additionalData");
            for (Map.Entry<String, String> e : letter.additionalData().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeStringField(Mailbox.SEND_ID_KEY, sendId);
            g.writeEndObject();
            g.writeEndObject();
            optional(g, "textBody", letter.text());
            g.writeArrayFieldStart("attachments");
            int order = 1;
            for (Prepared p : files) {
                g.writeStartObject();
                g.writeNumberField("order", order++);
                g.writeObjectFieldStart("file");
                g.writeObjectFieldStart("fileMetadata");
                g.writeStringField("fileId", UUID.randomUUID().toString());
                g.writeStringField("filename", p.attachment().filename());
                g.writeStringField("contentType", p.attachment().contentType());
                g.writeNumberField("size", p.size());
                g.writeStringField("alg", "SHA-3");
                g.writeStringField("hash", p.hash());
                optional(g, "description", p.attachment().description());
                g.writeEndObject();
                g.writeFieldName("file");
                try (InputStream in = Files.newInputStream(p.attachment().file())) {
                    int written = g.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, in, (int) p.size());
                    if (written != p.size()) {
                        throw new IOException("attachment " + p.attachment().file() + " changed while being sent");
                    }
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeHybrid(JsonGenerator g, HybridShipment h) throws IOException {
        g.writeObjectFieldStart("hybridShipment");
        g.writeStringField("procedingType", h.proceedingWire());
        optional(g, "sendersInformation", h.sendersInformation());
        g.writeStringField("categoryService", h.categoryWire());
        g.writeStringField("printingMode", h.duplex() ? "duplex" : "simplex");
        g.writeStringField("overprintMode", h.color() ? "color" : "monochrome");
        g.writeStringField("returnService", h.returnToSender() ? "returntosender" : "destroy");
        g.writeBooleanField("proofOfDelivery", h.proofOfDelivery());
        optional(g, "caseContent", h.caseContent());
        g.writeStringField("shippingMode", h.registered() ? "registered" : "notRegistered");
        g.writeEndObject();
    }

    private static void writeAddress(JsonGenerator g, HybridShipment.PostalAddress a) throws IOException {
        g.writeObjectFieldStart("address");
        g.writeStringField("country", a.country());
        g.writeStringField("street", a.street());
        g.writeStringField("postalCode", a.postalCode());
        g.writeStringField("city", a.city());
        optional(g, "buildingNumber", a.buildingNumber());
        optional(g, "houseNumber", a.houseNumber());
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String field, @Nullable String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }
}
