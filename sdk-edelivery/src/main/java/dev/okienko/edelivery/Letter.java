package dev.okienko.edelivery;

import dev.okienko.core.Ade;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A message to send through e-Doręczenia: recipients, subject, text, attachments (files, streamed when sent),
 * and optionally the case id, the message it answers, mass mode and the hybrid (paper) service. Immutable;
 * made with {@link #builder()}.
 *
 * <pre>{@code
 * Letter letter = Letter.builder()
 *     .to(recipientAde)
 *     .subject("Decyzja w sprawie GK.6733.12.2026")
 *     .text("W załączeniu decyzja.")
 *     .attach(Path.of("decyzja.pdf.xades"), "application/octet-stream")
 *     .caseId("GK.6733.12.2026")
 *     .build();
 * }</pre>
 *
 * @param recipients the recipients, 1-15; 2-1000 in mass mode; none for a hybrid letter
 * @param subject the subject
 * @param text the text, at most 5000 characters, or null
 * @param attachments the attachments, in order
 * @param caseId the case id ({@code caseId}), or null
 * @param replyTo the id of the message this one answers ({@code refToMessageId}), or null
 * @param threadId the thread it continues, or null for a new one
 * @param mass whether it goes in mass mode
 * @param hybrid the hybrid (paper) shipment, or null for electronic delivery
 * @param additionalData extra key-value data ({@code messageMetadata.additionalData})
 */
public record Letter(List<Ade> recipients, String subject, @Nullable String text, List<Attachment> attachments,
                     @Nullable String caseId, @Nullable String replyTo, @Nullable String threadId, boolean mass,
                     @Nullable HybridShipment hybrid, Map<String, String> additionalData) {

    /** The most recipients of an ordinary message. */
    public static final int MAX_RECIPIENTS = 15;
    /** The most recipients in mass mode. */
    public static final int MAX_MASS_RECIPIENTS = 1000;
    /** The longest text. */
    public static final int MAX_TEXT = 5000;
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("[\\w.+-]+/[\\w.+-]+(;[ \\t]*[\\w.+-]+=(\"[^\"\\r\\n]*\"|[\\w.+-]+))*");

    /**
     * A file to attach.
     *
     * @param file the file; read when the letter is sent
     * @param filename the name the recipient sees
     * @param contentType its MIME type
     * @param description a description, or null
     */
    public record Attachment(Path file, String filename, String contentType, @Nullable String description) {
        /** Checks the parts. */
        public Attachment {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(contentType, "contentType");
            if (filename.isBlank()) {
                throw new IllegalArgumentException("an attachment needs a file name");
            }
            if (!MEDIA_TYPE.matcher(contentType).matches()) {
                throw new IllegalArgumentException("attachment " + filename + ": '" + contentType
                        + "' is not a media type such as application/pdf");
            }
        }
    }

    /** Copies and checks. */
    public Letter {
        recipients = List.copyOf(recipients);
        attachments = List.copyOf(attachments);
        additionalData = Map.copyOf(additionalData);
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("a letter needs a subject");
        }
        int min = hybrid != null ? 0 : mass ? 2 : 1;
        int max = hybrid != null ? 0 : mass ? MAX_MASS_RECIPIENTS : MAX_RECIPIENTS;
        if (hybrid != null && !recipients.isEmpty()) {
            throw new IllegalArgumentException("a hybrid (paper) letter goes to its addressee's postal address, not to"
                    + " e-Delivery addresses");
        }
        if (hybrid == null && (recipients.size() < min || recipients.size() > max)) {
            throw new IllegalArgumentException(mass ? "a mass letter has 2-" + MAX_MASS_RECIPIENTS + " recipients, not "
                    + recipients.size() : "a letter has 1-" + MAX_RECIPIENTS + " recipients, not " + recipients.size()
                    + " (use mass mode for more)");
        }
        if (recipients.stream().distinct().count() != recipients.size()) {
            throw new IllegalArgumentException("a recipient is named twice");
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("the text has " + text.length() + " characters; at most " + MAX_TEXT);
        }
        if (hybrid != null && mass) {
            throw new IllegalArgumentException("a hybrid (paper) letter does not go in mass mode");
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Letter}. */
    public static final class Builder {
        private final List<Ade> recipients = new ArrayList<>();
        private @Nullable String subject;
        private @Nullable String text;
        private final List<Attachment> attachments = new ArrayList<>();
        private @Nullable String caseId;
        private @Nullable String replyTo;
        private @Nullable String threadId;
        private boolean mass;
        private @Nullable HybridShipment hybrid;
        private final Map<String, String> additionalData = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param recipients addresses to add
         * @return this
         */
        public Builder to(Ade... recipients) {
            for (Ade a : recipients) {
                this.recipients.add(Objects.requireNonNull(a, "recipient"));
            }
            return this;
        }

        /**
         * @param recipients addresses to add
         * @return this
         */
        public Builder to(List<Ade> recipients) {
            return to(recipients.toArray(Ade[]::new));
        }

        /**
         * @param subject the subject
         * @return this
         */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /**
         * @param text the text, at most 5000 characters
         * @return this
         */
        public Builder text(String text) {
            this.text = text;
            return this;
        }

        /**
         * @param file a file to attach under its own name
         * @param contentType its MIME type
         * @return this
         * @throws IllegalArgumentException when it is not a readable regular file
         */
        public Builder attach(Path file, String contentType) {
            return attach(file, file.getFileName().toString(), contentType, null);
        }

        /**
         * @param file a file to attach
         * @param filename the name the recipient sees
         * @param contentType its MIME type
         * @param description a description, or null
         * @return this
         * @throws IllegalArgumentException when it is not a readable regular file
         */
        public Builder attach(Path file, String filename, String contentType, @Nullable String description) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new IllegalArgumentException("not a readable file: " + file);
            }
            attachments.add(new Attachment(file, filename, contentType, description));
            return this;
        }

        /**
         * @param caseId the case id (sygnatura sprawy)
         * @return this
         */
        public Builder caseId(String caseId) {
            this.caseId = caseId;
            return this;
        }

        /**
         * @param messageId the message this one answers
         * @param threadId its thread, which this one continues
         * @return this
         */
        public Builder inReplyTo(String messageId, String threadId) {
            this.replyTo = Objects.requireNonNull(messageId, "messageId");
            this.threadId = Objects.requireNonNull(threadId, "threadId");
            return this;
        }

        /**
         * @param mass whether to send in mass mode (2-1000 recipients, one task)
         * @return this
         */
        public Builder mass(boolean mass) {
            this.mass = mass;
            return this;
        }

        /**
         * @param shipment the hybrid (paper) service: the operator prints the letter and posts it
         * @return this
         */
        public Builder hybrid(HybridShipment shipment) {
            this.hybrid = Objects.requireNonNull(shipment, "shipment");
            return this;
        }

        /**
         * @param key a key
         * @param value its value
         * @return this
         */
        public Builder additionalData(String key, String value) {
            additionalData.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @return the letter */
        public Letter build() {
            return new Letter(recipients, Objects.requireNonNull(subject, "subject"), text, attachments, caseId, replyTo,
                    threadId, mass, hybrid, additionalData);
        }
    }
}
