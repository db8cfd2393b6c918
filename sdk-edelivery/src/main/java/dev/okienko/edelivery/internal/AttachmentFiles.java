package dev.okienko.edelivery.internal;

import dev.okienko.core.ClientException;
import dev.okienko.core.LocalFileException;
import dev.okienko.edelivery.AttachmentInfo;
import dev.okienko.edelivery.Letter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Request;

/**
 * Attachments as files: their sizes and SHA-3 hashes, as the UA API wants them in {@code fileMetadata}, and
 * downloads streamed to a file with size and hash checked.
 */
public final class AttachmentFiles {
    private AttachmentFiles() {
    }

    /**
     * An attachment with what was measured of its file before sending.
     *
     * @param attachment the attachment
     * @param size its file's size
     * @param hash its SHA3-256 hash, base64
     */
    public record Prepared(Letter.Attachment attachment, long size, String hash) {
    }

    /**
     * Reads each attachment's file once, streaming, for its size and hash.
     *
     * @param letter the letter
     * @return its attachments, measured, in order
     * @throws ClientException when a file cannot be read
     */
    public static List<Prepared> prepare(Letter letter) {
        List<Prepared> files = new ArrayList<>();
        for (Letter.Attachment a : letter.attachments()) {
            try {
                long size = Files.size(a.file());
                MessageDigest sha3 = sha3();
                try (InputStream in = Files.newInputStream(a.file())) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        sha3.update(buffer, 0, n);
                    }
                }
                files.add(new Prepared(a, size, Base64.getEncoder().encodeToString(sha3.digest())));
            } catch (IOException e) {
                throw new LocalFileException("cannot read attachment " + a.file(), a.file(), e);
            }
        }
        return files;
    }

    /** @return a new SHA3-256 digest, the hash the UA API names {@code SHA-3} */
    public static MessageDigest sha3() {
        try {
            return MessageDigest.getInstance("SHA3-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA3-256", e);
        }
    }

    /**
     * Downloads an attachment ({@code POST /attachments/download}, any size), streaming it to a file. When the
     * listing gave its size and hash, both are checked; a file that fails the check is deleted.
     *
     * @param api the mailbox
     * @param messageId the message
     * @param attachment the attachment, as listed
     * @param target where to write it (replaced when it exists)
     * @param maxDownloadBytes the most bytes taken when the listing gave no size
     * @return the target
     */
    public static Path download(MailboxApi api, String messageId, AttachmentInfo attachment, Path target, long maxDownloadBytes) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("messageId", messageId);
        body.put("attachmentId", attachment.attachmentId());
        Request.Builder request = new Request.Builder().url(api.url("attachments", "download"))
                .post(MailboxApi.jsonBody(body));
        dev.okienko.core.internal.http.Idempotent.mark(request); // reading only
        Path partial = target.toAbsolutePath().resolveSibling(target.getFileName() + ".part");
        Path folder = partial.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new LocalFileException("will not download attachment " + attachment.filename() + " of message " + messageId
                    + ": the folder " + folder + " does not exist", folder == null ? target : folder, null);
        }
        try {
            return api.json().exchange(request, response -> {
                long limit = attachment.size() >= 0 ? attachment.size() : maxDownloadBytes;
                MessageDigest sha3 = AttachmentFiles.sha3();
                long written = 0;
                OutputStream out;
                try {
                    out = Files.newOutputStream(partial);
                } catch (IOException e) {
                    throw new LocalFileException("cannot write attachment " + attachment.filename() + " to " + partial, partial, e);
                }
                try (InputStream in = response.body().byteStream(); OutputStream file = out) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        written += n;
                        if (written > limit) {
                            throw new ClientException("attachment " + attachment.filename() + " of message " + messageId
                                    + " is larger than " + limit + " bytes" + (attachment.size() >= 0 ? " (its listed size)"
                                    : " (maxDownloadBytes)") + "; refused");
                        }
                        sha3.update(buffer, 0, n);
                        try {
                            file.write(buffer, 0, n);
                        } catch (IOException e) {
                            throw new LocalFileException("cannot write attachment " + attachment.filename() + " to " + partial,
                                    partial, e);
                        }
                    }
                }
                if (attachment.size() >= 0 && written != attachment.size()) {
                    throw new ClientException("attachment " + attachment.filename() + " of message " + messageId + " has "
                            + written + " bytes, not " + attachment.size() + " as listed");
                }
                String hash = Base64.getEncoder().encodeToString(sha3.digest());
                if (attachment.hash() != null && !attachment.hash().equals(hash)) {
                    throw new ClientException("attachment " + attachment.filename() + " of message " + messageId
                            + " does not match its listed SHA-3 hash; refused");
                }
                try {
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new LocalFileException("cannot move the downloaded attachment " + attachment.filename() + " to "
                            + target, target, e);
                }
                return target;
            });
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // best effort: the partial file is the caller's to clean when this fails
            }
        }
    }
}
