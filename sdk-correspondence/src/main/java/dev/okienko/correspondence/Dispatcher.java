package dev.okienko.correspondence;

import dev.okienko.core.Ade;
import dev.okienko.core.OkienkoException;
import dev.okienko.core.ServiceException;
import dev.okienko.correspondence.internal.ContentStore;
import dev.okienko.correspondence.internal.Rows;
import dev.okienko.correspondence.internal.WorkRows;
import dev.okienko.edelivery.EvidenceInfo;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.MailboxMessage;
import dev.okienko.edelivery.MessageStatus;
import dev.okienko.edelivery.SendOutcomeUnknownException;
import dev.okienko.edelivery.SendReport;
import dev.okienko.edelivery.SendTask;
import dev.okienko.epuap.AnswerLostException;
import dev.okienko.epuap.SendResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's steps on one claimed letter: route its recipients, plan its dispatches, send each exactly once
 * (the send id is committed before the request), and collect receipts until every recipient is final. Every
 * write is guarded by the lease: a worker that lost it writes nothing and stops.
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger("dev.okienko.correspondence.worker");

    private final Correspondence window;
    private final Channels channels;
    private final Router router;

    Dispatcher(Correspondence window, Channels channels) {
        this.window = window;
        this.channels = channels;
        this.router = new Router(channels);
    }

    /** Processes a letter under the caller's lease; returns normally also when the lease was lost. */
    void process(String letterId, String owner) {
        try (Connection c = window.store().dataSource().getConnection()) {
            try {
                if (WorkRows.targets(c, letterId).stream().anyMatch(t -> t.channel() == null)) {
                    router.route(c, letterId, owner);
                }
                Instant next = null;
                for (WorkRows.Dispatch planned : WorkRows.dispatches(c, letterId)) {
                    // a step that leaves more to do now (sent: follow the task) goes on at once, a few times at most
                    WorkRows.Dispatch d = planned;
                    Instant due = step(c, letterId, owner, d);
                    for (int again = 0; again < 3 && due != null && !due.isAfter(now()); again++) {
                        String id = d.id();
                        d = WorkRows.dispatches(c, letterId).stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
                        due = step(c, letterId, owner, d);
                    }
                    next = due == null ? next : next == null || due.isBefore(next) ? due : next;
                    WorkRows.renew(c, letterId, owner, now().plus(channels.lease()));
                }
                finish(c, letterId, owner, next);
            } catch (WorkRows.LeaseLostException e) {
                LOG.warn("{}", e.getMessage());
            } catch (RuntimeException e) {
                // the letter is kept as it is and comes back after the retry delay; the lease is not left to run out
                LOG.error("letter {}: the worker's step failed; it is tried again in {}", letterId, channels.retryDelay(), e);
                WorkRows.release(c, letterId, owner, now().plus(channels.retryDelay()), WorkRows.content(c, letterId).status(),
                        "the worker's last step failed: " + e, now());
            }
        } catch (SQLException e) {
            throw CorrespondenceStore.failure("the worker could not process letter " + letterId, e);
        }
    }

    // ------------------------------------------------------------------ sending

    /** @return when this dispatch needs the worker again, or null when it is final */
    private @Nullable Instant step(Connection c, String letterId, String owner, WorkRows.Dispatch d) throws SQLException {
        Channel channel = Channel.valueOf(d.channel());
        List<WorkRows.Target> targets = WorkRows.targets(c, letterId).stream().filter(t -> d.id().equals(t.dispatchId())).toList();
        switch (d.state()) {
            case "PLANNED":
                return send(c, letterId, owner, d, channel, targets, now());
            case "SENDING":
                if (channel == Channel.EPUAP) {
                    // ePUAP cannot be asked whether a document arrived: a person settles it
                    inTransaction(c, letterId, owner, () -> {
                        WorkRows.dispatch(c, d.id(), "UNKNOWN", null, null, null, "the worker stopped after sending began and "
                                + "ePUAP offers no way to ask whether the document arrived; it is not sent again", now());
                        for (WorkRows.Target t : targets) {
                            status(c, letterId, t.pos(), LetterStatus.OUTCOME_UNKNOWN, now(), null, null,
                                    "sending to ePUAP began but its answer is unknown");
                        }
                    });
                    return null;
                }
                Letter letter = edeliveryLetter(c, letterId, d, targets);
                Instant began = d.sendingAt() == null ? now() : d.sendingAt();
                var found = channels.mailbox().findSent(letter, d.sendId(), began);
                if (found.isPresent()) {
                    sent(c, letterId, owner, d, targets, found.get().taskId(), null);
                    return now();
                }
                if (now().isBefore(began.plus(channels.reconcileWindow()))) {
                    return began.plus(channels.reconcileWindow());
                }
                LOG.info("letter {}: no sent message carries send id {} {} after sending began; sending it (again) under the "
                        + "same id", letterId, d.sendId(), Duration.between(began, now()));
                return send(c, letterId, owner, d, channel, targets, began);
            case "SENT":
                return track(c, letterId, owner, d, targets);
            default:
                return null;
        }
    }

    private @Nullable Instant send(Connection c, String letterId, String owner, WorkRows.Dispatch d, Channel channel,
                                   List<WorkRows.Target> targets, Instant began) throws SQLException {
        inTransaction(c, letterId, owner, () -> {
            WorkRows.dispatch(c, d.id(), "SENDING", began, null, null, null, now());
            for (WorkRows.Target t : targets) {
                status(c, letterId, t.pos(), LetterStatus.SENDING, now(), null, null, d.sendId());
            }
        });
        channels.crashPoint("after-sending-stored");
        try {
            if (channel == Channel.EPUAP) {
                SendResult result = channels.sendEpuap(WorkRows.content(c, letterId), WorkRows.attachments(c, letterId),
                        targets.get(0).address(), d.sendId(), window.store().contents());
                channels.crashPoint("after-request");
                epuapSent(c, letterId, owner, d, targets.get(0), result);
                return null;
            }
            SendTask task = channels.mailbox().send(edeliveryLetter(c, letterId, d, targets), d.sendId());
            channels.crashPoint("after-request");
            sent(c, letterId, owner, d, targets, task.taskId(), null);
            return now();
        } catch (SendOutcomeUnknownException e) {
            LOG.warn("letter {}: {}", letterId, e.getMessage());
            return now().plus(channels.reconcileWindow());
        } catch (AnswerLostException e) {
            LOG.warn("letter {}: {}", letterId, e.getMessage());
            inTransaction(c, letterId, owner, () -> {
                WorkRows.dispatch(c, d.id(), "UNKNOWN", null, null, null, e.getMessage(), now());
                for (WorkRows.Target t : targets) {
                    status(c, letterId, t.pos(), LetterStatus.OUTCOME_UNKNOWN, now(), null, null, e.getMessage());
                }
            });
            return null;
        } catch (ServiceException e) {
            if (e.httpStatus() >= 500 || e.httpStatus() == 429 || e.httpStatus() == 408) {
                // refused for now, nothing sent: again after the retry delay, or later when the service says so
                backToPlanned(c, letterId, owner, d, e);
                Duration wait = e.retryAfter().filter(r -> r.compareTo(channels.retryDelay()) > 0).orElse(channels.retryDelay());
                return now().plus(wait);
            }
            inTransaction(c, letterId, owner, () -> {
                WorkRows.dispatch(c, d.id(), "REFUSED", null, null, null, e.getMessage(), now());
                for (WorkRows.Target t : targets) {
                    status(c, letterId, t.pos(), LetterStatus.REFUSED, now(), null, null, e.getMessage());
                }
            });
            return null;
        } catch (OkienkoException | IOException e) {
            // not reached, or a local failure before anything went out: nothing was sent
            backToPlanned(c, letterId, owner, d, e);
            return now().plus(channels.retryDelay());
        } catch (RuntimeException e) {
            // a fault while the request was being made (building the document, a bug): kept, and tried again later
            // as if nothing went out, which holds for anything thrown before the request's first byte
            LOG.error("letter {}: sending failed unexpectedly", letterId, e);
            backToPlanned(c, letterId, owner, d, e);
            return now().plus(channels.retryDelay());
        }
    }

    private void backToPlanned(Connection c, String letterId, String owner, WorkRows.Dispatch d, Exception e) throws SQLException {
        LOG.warn("letter {}: not sent, will try again: {}", letterId, e.getMessage());
        inTransaction(c, letterId, owner, () -> WorkRows.dispatch(c, d.id(), "PLANNED", null, null, null,
                String.valueOf(e.getMessage()), now()));
    }

    private void sent(Connection c, String letterId, String owner, WorkRows.Dispatch d, List<WorkRows.Target> targets,
                      String taskId, @Nullable String documentId) throws SQLException {
        inTransaction(c, letterId, owner, () -> {
            WorkRows.dispatch(c, d.id(), "SENT", null, taskId, documentId, null, now());
            for (WorkRows.Target t : targets) {
                status(c, letterId, t.pos(), LetterStatus.SENT, now(), null, null, "task " + taskId);
            }
        });
    }

    private void epuapSent(Connection c, String letterId, String owner, WorkRows.Dispatch d, WorkRows.Target target,
                           SendResult result) throws SQLException {
        byte[] upp = result.uppDocument().orElse(null);
        Channels.Verdict verdict = upp == null ? null : channels.checkUpp(upp);
        ContentStore.Ref ref = upp == null ? null : window.store().put(upp, "a receipt");
        inTransaction(c, letterId, owner, () -> {
            WorkRows.dispatch(c, d.id(), "DONE", null, null, result.documentId(), null, now());
            String receiptId = null;
            Instant at = now();
            if (upp != null && verdict != null && ref != null) {
                receiptId = UUID.randomUUID().toString();
                at = verdict.eventAt() == null ? now() : verdict.eventAt();
                WorkRows.receipt(c, new WorkRows.NewReceipt(receiptId, letterId, d.id(), target.pos(), "UPP",
                        result.uppIdValue().orElse(result.documentId()), verdict.eventAt(), ref, verdict.verdict().name(),
                        verdict.detail(), verdict.fields()), now());
            }
            status(c, letterId, target.pos(), LetterStatus.DELIVERED, at, result.documentId(), receiptId,
                    verdict == null ? "ePUAP accepted the document; no UPP came with the answer" : "UPP " + verdict.verdict());
        });
    }

    // ------------------------------------------------------------------ tracking

    private @Nullable Instant track(Connection c, String letterId, String owner, WorkRows.Dispatch d, List<WorkRows.Target> sentTo)
            throws SQLException {
        List<WorkRows.Target> targets = sentTo;
        String taskId = d.taskId();
        if (taskId == null) {
            return null;
        }
        if (targets.stream().anyMatch(t -> t.messageId() == null && t.status().equals("SENT"))) {
            List<WorkRows.Target> waiting = targets;
            SendReport report = channels.mailbox().await(new SendTask(taskId, d.sendId(), "", now(), false), channels.awaitTimeout());
            inTransaction(c, letterId, owner, () -> {
                for (WorkRows.Target t : waiting) {
                    SendReport.Recipient r = Channel.valueOf(d.channel()) == Channel.HYBRID && report.recipients().size() == 1
                            ? report.recipients().get(0)
                            : report.recipients().stream().filter(x -> java.util.Objects.equals(x.address(), t.address())).findFirst()
                                    .orElse(null);
                    if (r == null) {
                        continue;
                    }
                    if (r.accepted()) {
                        WorkRows.recipient(c, letterId, t.pos(), LetterStatus.SENT.name(), now(), r.messageId());
                    } else {
                        status(c, letterId, t.pos(), LetterStatus.REFUSED, now(), null, null, r.error() + ": " + r.errorDescription());
                    }
                }
            });
            targets = WorkRows.targets(c, letterId).stream().filter(t -> d.id().equals(t.dispatchId())).toList();
            channels.crashPoint("after-task");
        }
        boolean open = false;
        for (WorkRows.Target t : targets) {
            if (t.messageId() == null || LetterStatus.valueOf(t.status()).isFinal()) {
                continue;
            }
            open |= !collect(c, letterId, owner, d, t);
        }
        if (!open) {
            inTransaction(c, letterId, owner, () -> WorkRows.dispatch(c, d.id(), "DONE", null, null, null, null, now()));
            return null;
        }
        return now().plus(channels.pollInterval());
    }

    /** Stores a recipient's new evidences; @return whether the recipient is final */
    private boolean collect(Connection c, String letterId, String owner, WorkRows.Dispatch d, WorkRows.Target t) throws SQLException {
        String messageId = java.util.Objects.requireNonNull(t.messageId(), "messageId");
        Instant latest = null;
        String latestId = null;
        for (EvidenceInfo info : channels.mailbox().evidences(messageId)) {
            String kind = info.code().map(code -> code.code()).orElse(info.type());
            if (WorkRows.hasReceipt(c, d.id(), kind, info.evidenceId())) {
                continue;
            }
            Channels.Evidenced e = channels.evidence(info);
            ContentStore.Ref ref = window.store().put(e.document(), "a receipt");
            String receiptId = UUID.randomUUID().toString();
            Instant proven = e.verdict().eventAt() != null ? e.verdict().eventAt() : info.eventDate();
            Instant at = proven == null ? now() : proven;
            inTransaction(c, letterId, owner, () -> {
                WorkRows.receipt(c, new WorkRows.NewReceipt(receiptId, letterId, d.id(), t.pos(), kind, info.evidenceId(), at, ref,
                        e.verdict().verdict().name(), e.verdict().detail(), e.verdict().fields()), now());
                Rows.event(c, letterId, new Rows.Event(at, t.pos(), t.status(), receiptId, "evidence " + kind + " "
                        + e.verdict().verdict()));
            });
            // a forged or unreadable evidence is kept and shown, but proves nothing
            boolean believed = e.verdict().verdict() == ReceiptVerdict.GENUINE || e.verdict().verdict() == ReceiptVerdict.NOT_CHECKED;
            if (believed && (latest == null || at.isAfter(latest))) {
                latest = at;
                latestId = receiptId;
            }
        }
        MailboxMessage copy = channels.mailbox().metadata(messageId);
        String wire = copy.status() == null ? "" : copy.status();
        LetterStatus now = MessageStatus.ofWireName(wire).map(LetterStatus::of).orElse(LetterStatus.SENT);
        if (now != LetterStatus.valueOf(t.status())) {
            Instant at = latest == null ? now() : latest;
            String proof = latestId;
            inTransaction(c, letterId, owner, () -> status(c, letterId, t.pos(), now, at, null, proof, wire));
        }
        return now.isFinal();
    }

    // ------------------------------------------------------------------ the letter as a whole

    private void finish(Connection c, String letterId, String owner, @Nullable Instant next) throws SQLException {
        List<WorkRows.Target> targets = WorkRows.targets(c, letterId);
        List<String> attention = new ArrayList<>();
        LetterStatus least = null;
        LetterStatus flagged = null;
        for (WorkRows.Target t : targets) {
            LetterStatus s = LetterStatus.valueOf(t.status());
            if (s.needsAttention()) {
                attention.add(t.display() + ": " + s);
                if (flagged == null || s.ordinal() > flagged.ordinal()) {
                    flagged = s;
                }
            } else if (least == null || s.ordinal() < least.ordinal()) {
                least = s;
            }
        }
        LetterStatus status = flagged != null ? flagged : least == null ? LetterStatus.SUBMITTED : least;
        if (least == LetterStatus.PRESUMED_DELIVERED && targets.stream().anyMatch(t -> t.status().equals("DELIVERED")) && flagged == null) {
            status = LetterStatus.PRESUMED_DELIVERED;
        }
        String old = WorkRows.content(c, letterId).status();
        if (!old.equals(status.name())) {
            LetterStatus finalStatus = status;
            inTransaction(c, letterId, owner, () -> Rows.event(c, letterId, new Rows.Event(now(), null, finalStatus.name(), null, null)));
        }
        if (!WorkRows.release(c, letterId, owner, next, status.name(), attention.isEmpty() ? null : String.join("; ", attention), now())) {
            LOG.warn("letter {}: the lease ran out before the worker released it; another worker goes on", letterId);
        }
    }

    // ------------------------------------------------------------------ helpers

    private Letter edeliveryLetter(Connection c, String letterId, WorkRows.Dispatch d, List<WorkRows.Target> targets)
            throws SQLException {
        WorkRows.Content content = WorkRows.content(c, letterId);
        Letter.Builder b = Letter.builder().subject(content.subject()).text(text(content));
        if (Channel.valueOf(d.channel()) == Channel.HYBRID) {
            b.hybrid(channels.hybrid(PaperAddress.read(java.util.Objects.requireNonNull(targets.get(0).postal()))));
        } else {
            b.to(targets.stream().map(t -> Ade.parse(java.util.Objects.requireNonNull(t.address()))).toList());
        }
        if (content.caseRef() != null) {
            b.caseId(content.caseRef());
        }
        try {
            for (WorkRows.Attachment a : WorkRows.attachments(c, letterId)) {
                b.attach(window.store().contents().file(a.content()), a.name(), a.mediaType(), a.name());
            }
        } catch (IOException e) {
            throw new StoreException("an attachment of letter " + letterId + " is not in the content store as stored: "
                    + e.getMessage(), e, false);
        }
        return b.build();
    }

    private String text(WorkRows.Content content) {
        try (InputStream in = window.store().contents().open(content.text())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("the text of letter " + content.id() + " is not in the content store as stored: "
                    + e.getMessage(), e, false);
        }
    }

    private Instant now() {
        return channels.clock().instant();
    }

    /** Runs writes in one transaction, after checking the lease. */
    private void inTransaction(Connection c, String letterId, String owner, LeasedWrites.Work work) throws SQLException {
        LeasedWrites.inTransaction(c, letterId, owner, now(), work);
    }

    private static void status(Connection c, String letterId, int pos, LetterStatus status, Instant at, @Nullable String messageId,
                               @Nullable String proof, @Nullable String detail) throws SQLException {
        LeasedWrites.status(c, letterId, pos, status, at, messageId, proof, detail);
    }
}
