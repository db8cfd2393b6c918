package dev.okienko.epuap;

import dev.okienko.core.ClientException;
import dev.okienko.core.LocalFileException;
import dev.okienko.core.Pesel;
import dev.okienko.core.PrintableText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One document from an ePUAP emergency export, extracted to a file by {@link EmergencyExport#extract}, with
 * what the descriptor says about it. The PESEL, if any, is masked in {@link #toString()}, and the names from
 * the archive are made {@linkplain PrintableText printable} there.
 *
 * @param fileName the document's file name as the descriptor gives it (NazwaPliku)
 * @param pathInArchive where it lay in the archive (SciezkaWArchiwum, normalised)
 * @param file where it was extracted: in the folder given, under a name safe on any file system
 * @param size its size in bytes, as decompressed
 * @param senderEntityId the sender's id (DanePodmiotu/Identyfikator)
 * @param senderName the sender's name (DanePodmiotu/NazwiskoNazwa)
 * @param senderPesel the sender's PESEL, when given and valid
 * @param sentAt when it was sent, as the descriptor writes it (DataNadania)
 * @param boxName the box's name (NazwaSkrytki)
 * @param boxAddress the box's address (AdresSkrytki)
 * @param replyTo the sender's box for answers (AdresOdpowiedzi)
 * @param additionalData additional data as the descriptor carries it (DaneDodatkowe)
 */
public record ExportedDocument(String fileName, String pathInArchive, Path file, long size, @Nullable String senderEntityId,
                               @Nullable String senderName, @Nullable Pesel senderPesel, @Nullable String sentAt,
                               @Nullable String boxName, @Nullable String boxAddress, @Nullable String replyTo,
                               @Nullable String additionalData) {

    /** Checks the required parts. */
    public ExportedDocument {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(pathInArchive, "pathInArchive");
        Objects.requireNonNull(file, "file");
    }

    /**
     * @return the document's content, read from its file; close it
     * @throws ClientException when the file cannot be read (it was moved or deleted since)
     */
    public InputStream openStream() {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new LocalFileException("cannot read the extracted " + file, file, e);
        }
    }

    @Override
    public String toString() {
        return PrintableText.of("ExportedDocument[" + fileName + " (" + pathInArchive + "), " + size + " bytes, from "
                + senderName + (senderPesel == null ? "" : " " + senderPesel) + " to " + boxAddress + "]");
    }
}
