package dev.okienko.epuap;

import dev.okienko.core.PrintableText;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A document taken from an ePUAP inbox with {@link EpuapInbox#next()}: what it is, who sent it, and the digest
 * that confirms it. ePUAP gives no document id in a pull, so two deliveries of the same document are
 * recognised by {@link #digest()}.
 *
 * @param fileName the document's file name
 * @param mimeType its type, if given
 * @param content the document
 * @param senderEntityId the sending entity (danePodmiotu/identyfikator)
 * @param senderName its name (danePodmiotu/nazwiskoNazwa), if given
 * @param sentAt when it was sent (dataNadania)
 * @param replyTo the sender's box for answers, if given
 * @param test whether ePUAP marked it as a test document
 * @param additionalData additional data sent with it, possibly empty
 * @param digest the base64 {@code skrot} of the content, as {@link EpuapInbox#confirm} will send it
 */
public record IncomingDocument(String fileName, @Nullable String mimeType, byte[] content, String senderEntityId,
                               @Nullable String senderName, @Nullable Instant sentAt, @Nullable String replyTo,
                               boolean test, byte[] additionalData, String digest) {

    /** Copies the arrays. */
    public IncomingDocument {
        content = content.clone();
        additionalData = additionalData.clone();
    }

    /** @return the document (a copy) */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /** @return the additional data (a copy) */
    @Override
    public byte[] additionalData() {
        return additionalData.clone();
    }

    @Override
    public String toString() {
        return PrintableText.of("IncomingDocument[" + fileName + ", " + content.length + " bytes from " + senderEntityId
                + ", skrot " + digest + "]");
    }
}
