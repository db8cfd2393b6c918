package dev.okienko.correspondence;

import dev.okienko.correspondence.internal.ContentStore;
import dev.okienko.correspondence.internal.Rows;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Submission: a letter's contents streamed into the content store and fingerprinted, then its rows written
 * once per idempotency key ({@link Correspondence#submit}).
 */
final class Submissions {
    private final CorrespondenceStore store;
    private final Clock clock;
    private final long maxAttachmentBytes;

    Submissions(CorrespondenceStore store, Clock clock, long maxAttachmentBytes) {
        this.store = store;
        this.clock = clock;
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    /** A letter whose contents are in the content store, ready for its rows. */
    record Prepared(Rows.NewLetter letter, List<Rows.NewRecipient> recipients, List<Rows.NewAttachment> attachments,
                            String key) {
    }

    Prepared prepare(OutgoingLetter letter) {
        ContentStore contents = store.contents();
        List<Rows.NewAttachment> attachments = new ArrayList<>();
        MessageDigest fingerprint = sha256();
        try {
            ContentStore.Ref text = contents.put(new ByteArrayInputStream(letter.text().getBytes(StandardCharsets.UTF_8)),
                    Long.MAX_VALUE);
            for (int i = 0; i < letter.attachments().size(); i++) {
                OutgoingAttachment a = letter.attachments().get(i);
                String field = "attachments[" + i + "]";
                if (!Files.isRegularFile(a.file())) {
                    throw new InvalidLetterException(field, "no such file: " + a.file());
                }
                long size = Files.size(a.file());
                if (size > maxAttachmentBytes) {
                    throw new InvalidLetterException(field, a.file() + " has " + size + " bytes; at most " + maxAttachmentBytes);
                }
                if (a.name().isBlank() || a.name().contains("/") || a.name().contains("\\")) {
                    throw new InvalidLetterException(field, "the name the recipient sees must be a plain file name, not \""
                            + a.name() + "\"");
                }
                ContentStore.Ref ref;
                try (InputStream in = Files.newInputStream(a.file())) {
                    ref = contents.put(in, maxAttachmentBytes);
                } catch (NoSuchFileException e) {
                    throw new InvalidLetterException(field, "no such file: " + a.file());
                } catch (ContentStore.TooLargeException e) {
                    throw new InvalidLetterException(field, a.file() + " grew over " + maxAttachmentBytes + " bytes while read");
                }
                attachments.add(new Rows.NewAttachment(i, a.name(), a.mediaType(), ref));
                update(fingerprint, "attachment", a.name(), a.mediaType(), ref.sha256());
            }
            List<Rows.NewRecipient> recipients = new ArrayList<>();
            for (int i = 0; i < letter.recipients().size(); i++) {
                Rows.NewRecipient r = AddresseeRows.write(i, letter.recipients().get(i));
                recipients.add(r);
                update(fingerprint, "recipient", r.kind(), r.value(), String.valueOf(r.postal()));
            }
            update(fingerprint, "letter", letter.subject(), text.sha256(), String.valueOf(letter.caseReference()));
            Rows.NewLetter row = new Rows.NewLetter(UUID.randomUUID().toString(), letter.idempotencyKey(),
                    HexFormat.of().formatHex(fingerprint.digest()), letter.caseReference(), letter.subject(), text, clock.instant());
            return new Prepared(row, recipients, attachments, letter.idempotencyKey());
        } catch (InvalidLetterException e) {
            throw e;
        } catch (IOException e) {
            throw new StoreException("cannot store the letter's contents in " + contents.root() + ": " + e, e, false);
        }
    }


    Submission write(Connection c, Prepared p) throws SQLException {
        if (Rows.insert(c, store.dialect(), p.letter(), p.recipients(), p.attachments())) {
            return new Submission(p.letter().id(), false);
        }
        Rows.Existing existing = Rows.byKey(c, p.key()).orElseThrow(
                () -> new SQLException("the letter with key " + p.key() + " conflicted but cannot be read"));
        if (!existing.fingerprint().equals(p.letter().fingerprint())) {
            throw new InvalidLetterException("idempotencyKey", "\"" + p.key() + "\" was used for a different letter ("
                    + existing.id() + "); a retry must submit the same letter");
        }
        return new Submission(existing.id(), true);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest md, String... parts) {
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            md.update((byte) (bytes.length >>> 24));
            md.update((byte) (bytes.length >>> 16));
            md.update((byte) (bytes.length >>> 8));
            md.update((byte) bytes.length);
            md.update(bytes);
        }
    }
}
