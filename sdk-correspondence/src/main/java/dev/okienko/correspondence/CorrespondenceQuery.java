package dev.okienko.correspondence;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to show in the one view ({@link Correspondence#correspondence}): every condition given must hold. Start
 * from {@link #all()} and narrow it.
 *
 * <pre>{@code
 * window.correspondence(CorrespondenceQuery.all().caseReference("GK.6220.1.2026"));
 * window.correspondence(CorrespondenceQuery.all().party("AE:PL-55754-97181-CHDVR-19").since(monthAgo));
 * }</pre>
 *
 * @param caseReference the office's case reference, or null for any
 * @param party a party as stored: an ADE, an ePUAP box or entity id, a PESEL, NIP or REGON given as an addressee;
 *     or null for any
 * @param status an {@link IncomingItem.Handling} or {@link LetterStatus} by name, or null for any
 * @param direction incoming or outgoing only, or null for both
 * @param since received or submitted at or after this, or null
 * @param until received or submitted before this, or null
 * @param limit the most entries to return
 */
public record CorrespondenceQuery(@Nullable String caseReference, @Nullable String party, @Nullable String status,
                                  CorrespondenceEntry.@Nullable Direction direction, @Nullable Instant since,
                                  @Nullable Instant until, int limit) {
    /** The most entries by default. */
    public static final int DEFAULT_LIMIT = 100;

    /** Checks the limit. */
    public CorrespondenceQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
    }

    /** @return everything, the newest {@value #DEFAULT_LIMIT} first */
    public static CorrespondenceQuery all() {
        return new CorrespondenceQuery(null, null, null, null, null, null, DEFAULT_LIMIT);
    }

    /**
     * @param value the case reference
     * @return this query, narrowed to one case
     */
    public CorrespondenceQuery caseReference(String value) {
        return new CorrespondenceQuery(Objects.requireNonNull(value, "value"), party, status, direction, since, until, limit);
    }

    /**
     * @param value the party as stored
     * @return this query, narrowed to one party
     */
    public CorrespondenceQuery party(String value) {
        return new CorrespondenceQuery(caseReference, Objects.requireNonNull(value, "value"), status, direction, since, until, limit);
    }

    /**
     * @param value a status by name
     * @return this query, narrowed to one status
     */
    public CorrespondenceQuery status(String value) {
        return new CorrespondenceQuery(caseReference, party, Objects.requireNonNull(value, "value"), direction, since, until, limit);
    }

    /**
     * @param value incoming or outgoing
     * @return this query, narrowed to one direction
     */
    public CorrespondenceQuery direction(CorrespondenceEntry.Direction value) {
        return new CorrespondenceQuery(caseReference, party, status, Objects.requireNonNull(value, "value"), since, until, limit);
    }

    /**
     * @param value the earliest time
     * @return this query, narrowed to what came or went at or after it
     */
    public CorrespondenceQuery since(Instant value) {
        return new CorrespondenceQuery(caseReference, party, status, direction, Objects.requireNonNull(value, "value"), until, limit);
    }

    /**
     * @param value the time after the latest
     * @return this query, narrowed to what came or went before it
     */
    public CorrespondenceQuery until(Instant value) {
        return new CorrespondenceQuery(caseReference, party, status, direction, since, Objects.requireNonNull(value, "value"), limit);
    }

    /**
     * @param value the most entries
     * @return this query with another limit
     */
    public CorrespondenceQuery limit(int value) {
        return new CorrespondenceQuery(caseReference, party, status, direction, since, until, value);
    }
}
