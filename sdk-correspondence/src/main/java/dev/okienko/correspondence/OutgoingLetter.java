package dev.okienko.correspondence;

import dev.okienko.edelivery.Letter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A letter the office sends through the one window, whatever channel carries it to each recipient.
 *
 * <pre>{@code
 * OutgoingLetter letter = OutgoingLetter.builder()
 *     .to(Addressee.of(Nip.parse("5260250274")))
 *     .to(Addressee.of(EpuapAddress.parse("/urzad/skrytka")))
 *     .subject("Decyzja w sprawie GK.6733.12.2026")
 *     .text("W załączeniu decyzja.")
 *     .attach(OutgoingAttachment.of(Path.of("decyzja.pdf")))
 *     .caseReference("GK.6733.12.2026")
 *     .idempotencyKey("ezd-doc-4711")   // the same key again returns the same letter
 *     .build();
 * }</pre>
 *
 * @param recipients whom it is for, 1 to {@value #MAX_RECIPIENTS}
 * @param subject the subject, at most {@value #MAX_SUBJECT} characters
 * @param text the text, at most {@value Letter#MAX_TEXT} characters (e-Doręczenia's limit), or empty
 * @param attachments the files
 * @param caseReference the office's case reference (znak sprawy), or null
 * @param idempotencyKey the caller's key: submitting a letter with a key already stored returns that letter
 */
public record OutgoingLetter(List<Addressee> recipients, String subject, String text,
                             List<OutgoingAttachment> attachments, @Nullable String caseReference, String idempotencyKey) {
    /** The most recipients one letter has (e-Doręczenia's mass mode). */
    public static final int MAX_RECIPIENTS = Letter.MAX_MASS_RECIPIENTS;
    /** The longest subject. */
    public static final int MAX_SUBJECT = 1000;
    /** The longest case reference and idempotency key. */
    public static final int MAX_KEY = 200;

    /** Checks every field and names the one that is wrong. */
    public OutgoingLetter {
        if (recipients == null || recipients.isEmpty()) {
            throw new InvalidLetterException("recipients", "a letter needs at least one recipient");
        }
        if (recipients.size() > MAX_RECIPIENTS) {
            throw new InvalidLetterException("recipients", recipients.size() + " recipients; at most " + MAX_RECIPIENTS);
        }
        for (int i = 0; i < recipients.size(); i++) {
            if (recipients.get(i) == null) {
                throw new InvalidLetterException("recipients[" + i + "]", "missing");
            }
            for (int j = 0; j < i; j++) {
                if (recipients.get(j).equals(recipients.get(i))) {
                    throw new InvalidLetterException("recipients[" + i + "]", "the same recipient as recipients[" + j + "] ("
                            + recipients.get(i).display() + ")");
                }
            }
        }
        recipients = List.copyOf(recipients);
        if (subject == null || subject.isBlank()) {
            throw new InvalidLetterException("subject", "a letter needs a subject");
        }
        if (subject.length() > MAX_SUBJECT) {
            throw new InvalidLetterException("subject", subject.length() + " characters; at most " + MAX_SUBJECT);
        }
        text = text == null ? "" : text;
        if (text.length() > Letter.MAX_TEXT) {
            throw new InvalidLetterException("text", text.length() + " characters; at most " + Letter.MAX_TEXT);
        }
        if (attachments == null) {
            attachments = List.of();
        }
        for (int i = 0; i < attachments.size(); i++) {
            if (attachments.get(i) == null) {
                throw new InvalidLetterException("attachments[" + i + "]", "missing");
            }
        }
        attachments = List.copyOf(attachments);
        if (caseReference != null && (caseReference.isBlank() || caseReference.length() > MAX_KEY)) {
            throw new InvalidLetterException("caseReference", "blank or longer than " + MAX_KEY + " characters");
        }
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY) {
            throw new InvalidLetterException("idempotencyKey", "blank or longer than " + MAX_KEY + " characters");
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a letter. */
    public static final class Builder {
        private final List<Addressee> recipients = new ArrayList<>();
        private final List<OutgoingAttachment> attachments = new ArrayList<>();
        private @Nullable String subject;
        private String text = "";
        private @Nullable String caseReference;
        private @Nullable String idempotencyKey;

        private Builder() {
        }

        /**
         * @param addressee one more recipient
         * @return this builder
         */
        public Builder to(Addressee addressee) {
            recipients.add(addressee);
            return this;
        }

        /**
         * @param value the subject
         * @return this builder
         */
        public Builder subject(String value) {
            this.subject = value;
            return this;
        }

        /**
         * @param value the text
         * @return this builder
         */
        public Builder text(String value) {
            this.text = value;
            return this;
        }

        /**
         * @param attachment one more file
         * @return this builder
         */
        public Builder attach(OutgoingAttachment attachment) {
            attachments.add(attachment);
            return this;
        }

        /**
         * @param value the office's case reference
         * @return this builder
         */
        public Builder caseReference(String value) {
            this.caseReference = value;
            return this;
        }

        /**
         * @param value the caller's idempotency key; without one the letter gets a random key and is never
         *     recognised as submitted before
         * @return this builder
         */
        public Builder idempotencyKey(String value) {
            this.idempotencyKey = value;
            return this;
        }

        /**
         * @return the letter
         * @throws InvalidLetterException naming the field that is wrong
         */
        public OutgoingLetter build() {
            return new OutgoingLetter(recipients, subject == null ? "" : subject, text, attachments, caseReference,
                    idempotencyKey != null ? idempotencyKey : "random:" + UUID.randomUUID());
        }
    }
}
