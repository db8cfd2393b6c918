/**
 * The embedded e-Doręczenia: {@link dev.okienko.testkit.edelivery.EDeliverySimulator} serves the token
 * endpoint, the SE API (BAE search) and the UA API (mailboxes, drafts, evidences, subscriptions) on
 * 127.0.0.1, over HTTP or mutual TLS, as the official OpenAPI contract describes them.
 *
 * <p>Tests of okienko's e-Doręczenia client against this simulator live in this module: the simulator needs
 * the client module's code, so it cannot be a dependency of that module's own tests.
 */
@NullMarked
package dev.okienko.testkit.edelivery;

import org.jspecify.annotations.NullMarked;
