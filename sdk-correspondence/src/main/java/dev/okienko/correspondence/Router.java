package dev.okienko.correspondence;

import dev.okienko.correspondence.internal.Rows;
import dev.okienko.correspondence.internal.WorkRows;
import dev.okienko.edelivery.Letter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A worker's first step on a letter: each unrouted recipient routed by the policy (its decision, reason and
 * basis stored), and the dispatches planned: one per ePUAP box or hybrid letter, e-Doręczenia recipients
 * together in messages of up to {@value Letter#MAX_RECIPIENTS}, each with its send id.
 */
final class Router {
    private final Channels channels;

    Router(Channels channels) {
        this.channels = channels;
    }

    void route(Connection c, String letterId, String owner) throws SQLException {
        List<WorkRows.Target> targets = WorkRows.targets(c, letterId);
        Map<Integer, Route> routes = new LinkedHashMap<>();
        for (WorkRows.Target t : targets) {
            if (t.channel() == null) {
                routes.put(t.pos(), channels.route(AddresseeRows.read(t.kind(), t.value(), t.postal())));
            }
        }
        Instant now = channels.clock().instant();
        LeasedWrites.inTransaction(c, letterId, owner, now, () -> {
            List<Integer> edelivery = new ArrayList<>();
            int planned = WorkRows.dispatches(c, letterId).size();
            for (Map.Entry<Integer, Route> e : routes.entrySet()) {
                Route r = e.getValue();
                boolean none = r.channel() == Channel.NONE;
                WorkRows.route(c, letterId, e.getKey(), r.channel().name(), r.address(), r.reason(), r.basis(),
                        none ? LetterStatus.UNDELIVERABLE.name() : LetterStatus.ROUTED.name(), now);
                Rows.event(c, letterId, new Rows.Event(now, e.getKey(), none ? "UNDELIVERABLE" : "ROUTED", null,
                        r.channel() + (r.address() == null ? "" : " " + r.address()) + ": " + r.reason()));
                if (r.channel() == Channel.EDELIVERY) {
                    edelivery.add(e.getKey());
                } else if (!none) {
                    planned = plan(c, letterId, r.channel(), List.of(e.getKey()), planned, now);
                }
            }
            for (int from = 0; from < edelivery.size(); from += Letter.MAX_RECIPIENTS) {
                planned = plan(c, letterId, Channel.EDELIVERY, edelivery.subList(from, Math.min(edelivery.size(),
                        from + Letter.MAX_RECIPIENTS)), planned, now);
            }
        });
    }

    private static int plan(Connection c, String letterId, Channel channel, List<Integer> recipients, int index, Instant now)
            throws SQLException {
        String sendId = "ok-" + letterId + "-" + String.format("%03d", index + 1);
        WorkRows.plan(c, letterId, new WorkRows.Dispatch(UUID.randomUUID().toString(), channel.name(), sendId, "PLANNED",
                null, null, null, null), recipients, now);
        return index + 1;
    }
}
