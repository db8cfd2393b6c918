/**
 * The embedded e-Doręczenia UA API (mailboxes): {@link dev.okienko.testkit.edelivery.internal.ua.MailboxService}
 * authenticates and routes requests; {@code MailboxState} holds and changes messages, tasks and drafts (the
 * only place that synchronises); {@code LetterChecks} checks letters; {@code Views} writes them back;
 * {@code EvidenceIssuer} issues evidences; {@code Webhooks} keeps subscriptions and notifies. Not API.
 */
@NullMarked
package dev.okienko.testkit.edelivery.internal.ua;

import org.jspecify.annotations.NullMarked;
