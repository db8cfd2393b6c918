package dev.okienko.correspondence;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file sent with a letter. It is read when the letter is submitted, streamed into the store's content
 * folder (never whole into the heap); the letter is sent from that copy, so the file may change or go
 * afterwards.
 *
 * @param file the file
 * @param name the name the recipient sees
 * @param mediaType its media type
 */
public record OutgoingAttachment(Path file, String name, String mediaType) {
    /** Checks that every part is given. */
    public OutgoingAttachment {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
    }

    /**
     * @param file a file, sent under its own name with a media type guessed from its extension
     * @return the attachment
     */
    public static OutgoingAttachment of(Path file) {
        Path name = file.getFileName();
        String fileName = name == null ? file.toString() : name.toString();
        return new OutgoingAttachment(file, fileName, MediaTypes.guess(fileName));
    }
}
