package dev.okienko.epuap;

import dev.okienko.core.EpuapAddress;
import dev.okienko.core.IdentifierType;
import dev.okienko.core.InvalidIdentifierException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A document to send to an ePUAP inbox (skrytka): who sends it, to which box, where answers go, and the
 * document itself. Immutable.
 *
 * <pre>{@code
 * EpuapSubmission.of("UrzadGminyTestowo", EpuapAddress.parse("/PodlaskaWKOHP/SkrytkaESP"),
 *         EpuapAddress.parse("/UrzadGminyTestowo/skrytka"), "pismo.xml", xmlBytes)
 *     .trial(true)
 * }</pre>
 *
 * @param senderEntityId the entity (podmiot) on whose behalf the document is sent (IdentyfikatorPodmiotu)
 * @param recipient the recipient's box (AdresSkrytki)
 * @param replyTo the sender's box for answers (AdresOdpowiedzi)
 * @param fileName the document's file name (nazwaPliku)
 * @param mimeType the document's type (typPliku), e.g. {@code text/xml}
 * @param content the document
 * @param trial whether this is a trial send that is not delivered (CzyProbne)
 * @param additionalData optional additional XML data (DaneDodatkowe)
 */
public record EpuapSubmission(String senderEntityId, EpuapAddress recipient, EpuapAddress replyTo, String fileName,
                              String mimeType, byte[] content, boolean trial, byte @Nullable [] additionalData) {

    /** Checks the parts and copies the arrays. */
    public EpuapSubmission {
        Objects.requireNonNull(senderEntityId, "senderEntityId");
        if (senderEntityId.isBlank() || senderEntityId.length() > EpuapAddress.MAX_ENTITY_ID_LENGTH) {
            throw new InvalidIdentifierException(IdentifierType.EPUAP_ADDRESS, InvalidIdentifierException.Defect.LENGTH,
                    "the sender's entity id must have 1 to " + EpuapAddress.MAX_ENTITY_ID_LENGTH + " characters");
        }
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mimeType, "mimeType");
        content = Objects.requireNonNull(content, "content").clone();
        additionalData = additionalData == null ? null : additionalData.clone();
    }

    /**
     * @param senderEntityId the sending entity
     * @param recipient the recipient's box
     * @param replyTo the sender's box for answers
     * @param fileName the document's file name
     * @param content the document (XML)
     * @return a submission of a {@code text/xml} document, delivered for real
     */
    public static EpuapSubmission of(String senderEntityId, EpuapAddress recipient, EpuapAddress replyTo, String fileName,
                                     byte[] content) {
        return new EpuapSubmission(senderEntityId, recipient, replyTo, fileName, "text/xml", content, false, null);
    }

    /**
     * @param isTrial whether the send is a trial that ePUAP checks but does not deliver
     * @return a copy
     */
    public EpuapSubmission trial(boolean isTrial) {
        return new EpuapSubmission(senderEntityId, recipient, replyTo, fileName, mimeType, content, isTrial, additionalData);
    }

    /**
     * @param xml additional data in XML
     * @return a copy
     */
    public EpuapSubmission additionalData(byte[] xml) {
        return new EpuapSubmission(senderEntityId, recipient, replyTo, fileName, mimeType, content, trial, xml);
    }

    /** @return the document (a copy) */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /** @return the additional data (a copy), if any */
    public Optional<byte[]> additionalDataBytes() {
        return Optional.ofNullable(additionalData).map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "EpuapSubmission[" + senderEntityId + " -> " + recipient + ", " + fileName + ", " + content.length + " bytes"
                + (trial ? ", trial" : "") + "]";
    }
}
