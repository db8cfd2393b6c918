package dev.okienko.correspondence;

import dev.okienko.correspondence.internal.ContentStore;
import dev.okienko.correspondence.internal.IncomingRows;
import dev.okienko.correspondence.internal.Transactions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes incoming items' contents, after their retention period or on a party's request. An item is marked in
 * one transaction (its contents can no longer be read through the window from then on) and each of its content
 * files is queued for deletion; the queue is then worked off.
 *
 * <p><b>No file another item needs is lost.</b> The same bytes are stored once, so a file may be needed by
 * another item, a letter or a receipt, or be about to be: a writer storing the same content now reuses the file
 * and then commits the row that refers to it. A queued file is deleted only when nothing refers to it, it was
 * not written or reused within {@link #FRESH} (judged after moving it aside, so a writer either marked it fresh
 * before or writes it anew after), and still nothing refers to it once it is aside. A file left because it is
 * fresh stays queued for a later run.
 */
final class Retention {
    /** How long after a content file was last written or reused it is left alone: longer than any write takes to commit. */
    static final Duration FRESH = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger("dev.okienko.correspondence.retention");

    private final CorrespondenceStore store;
    private final Clock clock;

    Retention(CorrespondenceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @return how many items' contents were removed */
    int remove(@Nullable Instant handledBefore, @Nullable String sender, String why) {
        int removed = 0;
        try (Connection c = store.dataSource().getConnection()) {
            for (String id : IncomingRows.removable(c, handledBefore, sender)) {
                boolean marked = Transactions.run(c, () -> {
                    Instant now = clock.instant();
                    List<String> hashes = IncomingRows.markRemoved(c, id, why, now);
                    for (String hash : new java.util.TreeSet<>(hashes)) {
                        IncomingRows.queueDeletion(c, store.dialect(), hash, now);
                    }
                    return !hashes.isEmpty();
                });
                removed += marked ? 1 : 0;
            }
            deleteQueued(c);
            return removed;
        } catch (SQLException e) {
            throw CorrespondenceStore.failure("cannot remove the contents of incoming items", e);
        } catch (IOException e) {
            throw new StoreException("cannot delete contents in " + store.contentFolder() + ": " + e.getMessage(), e, false);
        }
    }

    /** Deletes the queued files that nothing needs and no writer has touched lately. */
    private void deleteQueued(Connection c) throws SQLException, IOException {
        ContentStore contents = store.contents();
        for (String hash : IncomingRows.queuedDeletions(c)) {
            if (IncomingRows.needed(c, hash)) {
                IncomingRows.dequeueDeletion(c, hash);
                continue;
            }
            Optional<Path> aside = contents.setAside(hash);
            if (aside.isEmpty()) {
                IncomingRows.dequeueDeletion(c, hash);
                continue;
            }
            // file times are the machine's, not the window's clock
            boolean fresh = Files.getLastModifiedTime(aside.get()).toInstant().isAfter(Instant.now().minus(FRESH));
            boolean needed = IncomingRows.needed(c, hash);
            if (fresh || needed) {
                contents.restore(hash, aside.get());
                if (needed) {
                    IncomingRows.dequeueDeletion(c, hash);
                } else {
                    LOG.debug("content {} was written lately; deleted on a later run", hash);
                }
                continue;
            }
            Files.delete(aside.get());
            IncomingRows.dequeueDeletion(c, hash);
        }
    }
}
