package dev.okienko.correspondence;

import dev.okienko.correspondence.internal.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A stored letter's rows read into the {@link LetterView} the office sees. */
final class LetterViews {
    private LetterViews() {
    }

    static LetterView of(Connection c, Rows.Letter row) {
        try {
            List<LetterView.Recipient> recipients = new ArrayList<>();
            for (Rows.Recipient r : Rows.recipients(c, row.id())) {
                recipients.add(new LetterView.Recipient(r.pos(), r.display(), r.channel() == null ? null : Channel.valueOf(r.channel()),
                        r.address(), r.reason(), LetterStatus.valueOf(r.status()), r.statusAt(), r.messageId()));
            }
            List<LetterView.Event> timeline = new ArrayList<>();
            for (Rows.Event e : Rows.timeline(c, row.id())) {
                timeline.add(new LetterView.Event(e.at(), e.recipient(), LetterStatus.valueOf(e.status()), e.proof(), e.detail()));
            }
            return new LetterView(row.id(), row.key(), row.caseRef(), row.subject(), LetterStatus.valueOf(row.status()),
                    row.attention(), row.submittedAt(), row.updatedAt(), recipients, timeline);
        } catch (SQLException e) {
            throw CorrespondenceStore.failure("cannot read the letter " + row.id(), e);
        }
    }
}
