package dev.okienko.correspondence;

/**
 * What {@link Correspondence#submit} did.
 *
 * @param letterId the letter's id
 * @param alreadySubmitted true when a letter with the same idempotency key was stored before (nothing new
 *     was stored, and it is sent once)
 */
public record Submission(String letterId, boolean alreadySubmitted) {
}
