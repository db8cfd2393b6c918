package dev.okienko.testkit.edelivery.internal.ua;

import com.fasterxml.jackson.databind.JsonNode;
import dev.okienko.testkit.edelivery.internal.ua.UaModel.Attachment;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The checks a letter passes when it is sent or made into a draft, as the contract and the operator state them. */
final class LetterChecks {
    /** The most bytes one inline attachment may have (larger ones go through the upload endpoint). */
    static final int MAX_INLINE_ATTACHMENT = 15 * 1024 * 1024;
    private static final Pattern ADE = Pattern.compile("AE:[A-Z]{2}-\\d{5}-\\d{5}-[A-Z]{5}-\\d{2}");

    private LetterChecks() {
    }

    /**
     * A message that passed the checks.
     *
     * @param to its recipients' addresses (none for a hybrid letter)
     * @param text its text, or null
     * @param attachments its inline attachments, in order (a list to add uploaded ones to)
     */
    record Checked(List<String> to, @Nullable String text, List<Attachment> attachments) {
    }

    /** Checks a message as sending or making a draft does. */
    static Checked check(String ade, JsonNode message) {
        JsonNode meta = message.path("messageMetadata");
        if (!meta.isObject()) {
            throw new UaError(400, "SIM-UA-001", "messageMetadata is required");
        }
        String service = meta.path("shippingService").asText("");
        if (!service.equals("electronic") && !service.equals("hybrid")) {
            throw new UaError(400, "SIM-UA-002", "messageMetadata.shippingService must be electronic or hybrid");
        }
        String from = meta.path("from").path("eDeliveryAddress").asText(ade);
        if (!from.equals(ade)) {
            throw new UaError(400, "SIM-UA-003", "messageMetadata.from is " + from + ", not this mailbox " + ade);
        }
        String subject = meta.path("subject").asText("");
        if (subject.isBlank()) {
            throw new UaError(400, "SIM-UA-004", "messageMetadata.subject is required");
        }
        boolean mass = message.path("messageControlData").path("massMessage").asBoolean(false);
        boolean hybrid = service.equals("hybrid");
        List<String> to = new ArrayList<>();
        if (hybrid) {
            checkHybrid(meta);
        }
        for (JsonNode r : hybrid ? UaRequests.JSON.createArrayNode() : meta.path("to")) {
            String address = r.path("eDeliveryAddress").asText("");
            if (!ADE.matcher(address).matches()) {
                throw new UaError(400, "SIM-UA-005", "a recipient's eDeliveryAddress is not an e-Delivery address: " + address);
            }
            to.add(address);
        }
        int max = mass ? 1000 : 15;
        int min = mass ? 2 : 1;
        if (!hybrid && (to.size() < min || to.size() > max)) {
            throw new UaError(400, "SIM-UA-006", (mass ? "a mass message has 2-1000" : "a message has 1-15")
                    + " recipients, not " + to.size());
        }
        String text = message.path("textBody").isTextual() ? message.path("textBody").asText() : null;
        if (text != null && text.length() > 5000) {
            throw new UaError(400, "SIM-UA-007", "textBody has " + text.length() + " characters; at most 5000");
        }
        List<Attachment> attachments = new ArrayList<>();
        int order = 1;
        for (JsonNode a : message.path("attachments")) {
            attachments.add(inline(a, order++));
        }
        return new Checked(to, text, attachments);
    }

    /** A hybrid letter: one addressee with a postal address and a name, the sender's postal address, the shipment's required fields. */
    private static void checkHybrid(JsonNode meta) {
        JsonNode shipment = meta.path("hybridShipment");
        for (String field : List.of("categoryService", "printingMode", "overprintMode", "returnService", "procedingType", "shippingMode")) {
            if (!shipment.path(field).isTextual()) {
                throw new UaError(400, "SIM-UA-021", "a hybrid letter needs hybridShipment." + field);
            }
        }
        if (meta.path("to").size() != 1) {
            throw new UaError(400, "SIM-UA-021", "a hybrid letter has one addressee");
        }
        for (JsonNode address : List.of(meta.path("to").path(0).path("address"), meta.path("from").path("address"))) {
            for (String field : List.of("country", "postalCode", "city", "street")) {
                if (!address.path(field).isTextual()) {
                    throw new UaError(400, "SIM-UA-021", "a hybrid letter needs the postal address of sender and addressee (" + field + ")");
                }
            }
        }
        if (!meta.path("to").path(0).path("contributor").isObject()) {
            throw new UaError(400, "SIM-UA-021", "a hybrid letter needs the addressee's name (contributor)");
        }
    }

    private static Attachment inline(JsonNode a, int order) {
        JsonNode file = a.path("file");
        JsonNode meta = file.path("fileMetadata");
        String filename = meta.path("filename").asText("");
        if (filename.isBlank() || !file.path("file").isTextual()) {
            throw new UaError(400, "SIM-UA-008", "attachment " + order + " lacks file.fileMetadata.filename or file.file");
        }
        byte[] content;
        try {
            content = Base64.getDecoder().decode(file.path("file").asText());
        } catch (IllegalArgumentException e) {
            throw new UaError(400, "SIM-UA-008", "attachment " + filename + ": file.file is not base64");
        }
        if (content.length > MAX_INLINE_ATTACHMENT) {
            throw new UaError(400, "SIM-UA-009", "attachment " + filename + " has " + content.length
                    + " bytes; over 15 MB, upload it to a draft instead");
        }
        if (meta.has("size") && meta.path("size").asLong() != content.length) {
            throw new UaError(400, "SIM-UA-010", "attachment " + filename + " has " + content.length + " bytes, not "
                    + meta.path("size").asLong() + " as its fileMetadata.size says");
        }
        String hash = sha3(content);
        if (meta.has("hash") && !hash.equals(meta.path("hash").asText())) {
            throw new UaError(400, "SIM-UA-010", "attachment " + filename + " does not match its fileMetadata.hash (SHA3-256, base64)");
        }
        return new Attachment(UUID.randomUUID().toString(), order, filename, meta.path("contentType").asText("application/octet-stream"),
                content, meta.path("description").isTextual() ? meta.path("description").asText() : null, hash);
    }

    /**
     * @param content bytes
     * @return their SHA3-256, base64, as the simulator expects in {@code fileMetadata.hash}
     */
    static String sha3(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA3-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
