/**
 * The e-Doręczenia client: BAE address search, the mailbox (UA API), signed-JWT tokens and evidences.
 *
 * <p>Authentication: {@link dev.okienko.edelivery.SignedJwtTokenProvider} gets OAuth2 access tokens with a
 * client assertion (RFC 7523) signed with the system's {@link dev.okienko.core.SystemCredentials}, and caches
 * them until shortly before they expire.
 */
@NullMarked
package dev.okienko.edelivery;

import org.jspecify.annotations.NullMarked;
