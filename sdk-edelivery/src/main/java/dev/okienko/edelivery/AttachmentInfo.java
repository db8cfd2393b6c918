package dev.okienko.edelivery;

import org.jspecify.annotations.Nullable;

/**
 * An attachment of a message, as listed (without its content).
 *
 * @param attachmentId its id
 * @param filename its file name
 * @param contentType its MIME type, when given
 * @param size its size in bytes, or -1 when not given
 * @param hash its hash as the API gives it ({@code alg} SHA-3), when given
 * @param description its description, when given
 */
public record AttachmentInfo(String attachmentId, String filename, @Nullable String contentType, long size,
                             @Nullable String hash, @Nullable String description) {
}
