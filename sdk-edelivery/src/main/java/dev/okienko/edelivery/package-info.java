/**
 * The e-Doręczenia client: BAE address search, the mailbox (UA API), signed-JWT tokens and evidences.
 *
 * <p>This module is a placeholder in the reactor until its issue lands; it has no public types yet.
 */
@NullMarked
package dev.okienko.edelivery;

import org.jspecify.annotations.NullMarked;
