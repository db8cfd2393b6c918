/**
 * The embedded e-Doręczenia's parts: {@link dev.okienko.testkit.edelivery.internal.TokenEndpoint} (OAuth
 * client-credentials with signed JWTs), {@link dev.okienko.testkit.edelivery.internal.SearchEngine} (BAE),
 * and the request parsers they share. The mailboxes are in {@code .ua}. Not API.
 */
@NullMarked
package dev.okienko.testkit.edelivery.internal;

import org.jspecify.annotations.NullMarked;
