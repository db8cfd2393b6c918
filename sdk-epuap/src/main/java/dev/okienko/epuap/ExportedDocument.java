package dev.okienko.epuap;

import dev.okienko.core.Pesel;
import org.jspecify.annotations.Nullable;

/**
 * One document from an ePUAP emergency export, with what the descriptor says about it. The PESEL, if any, is
 * masked in {@link #toString()}.
 *
 * @param fileName the document's file name (NazwaPliku)
 * @param pathInArchive where it lay in the archive (SciezkaWArchiwum, normalised)
 * @param content the document
 * @param senderEntityId the sender's id (DanePodmiotu/Identyfikator)
 * @param senderName the sender's name (DanePodmiotu/NazwiskoNazwa)
 * @param senderPesel the sender's PESEL, when given and valid
 * @param sentAt when it was sent, as the descriptor writes it (DataNadania)
 * @param boxName the box's name (NazwaSkrytki)
 * @param boxAddress the box's address (AdresSkrytki)
 * @param replyTo the sender's box for answers (AdresOdpowiedzi)
 * @param additionalData additional data as the descriptor carries it (DaneDodatkowe)
 */
public record ExportedDocument(String fileName, String pathInArchive, byte[] content, @Nullable String senderEntityId,
                               @Nullable String senderName, @Nullable Pesel senderPesel, @Nullable String sentAt,
                               @Nullable String boxName, @Nullable String boxAddress, @Nullable String replyTo,
                               @Nullable String additionalData) {

    /** Copies the content. */
    public ExportedDocument {
        content = content.clone();
    }

    /** @return the document (a copy) */
    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public String toString() {
        return "ExportedDocument[" + fileName + " (" + pathInArchive + "), " + content.length + " bytes, from "
                + senderName + (senderPesel == null ? "" : " " + senderPesel) + " to " + boxAddress + "]";
    }
}
