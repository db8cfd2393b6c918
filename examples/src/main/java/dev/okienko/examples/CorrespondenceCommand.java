package dev.okienko.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.okienko.core.ClientException;
import dev.okienko.core.PrintableText;
import dev.okienko.correspondence.Correspondence;
import dev.okienko.correspondence.CorrespondenceEntry;
import dev.okienko.correspondence.CorrespondenceQuery;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code okienko correspondence}: the one view of incoming and outgoing correspondence. */
@Command(name = "correspondence", mixinStandardHelpOptions = true, description = "List incoming items and outgoing letters "
        + "together, the newest first, by case, party, status and date.")
final class CorrespondenceCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store = new StoreOptions();
    @Option(names = "--case", paramLabel = "REF", description = "one case reference")
    @Nullable String caseRef;
    @Option(names = "--party", description = "one party as stored: an ADE, an ePUAP box or entity, a PESEL, NIP or REGON")
    @Nullable String party;
    @Option(names = "--status", description = "one status: PENDING, HANDLED, UNOPENED, WAITING_FOR_PERSON (incoming); "
            + "SUBMITTED, SENT, DELIVERED, ... (outgoing)")
    @Nullable String status;
    @Option(names = "--direction", paramLabel = "incoming|outgoing", description = "one direction only")
    @Nullable String direction;
    @Option(names = "--since", paramLabel = "DATE|INSTANT", description = "at or after this (2026-12-01 is midnight in Warsaw)")
    @Nullable String since;
    @Option(names = "--until", paramLabel = "DATE|INSTANT", description = "before this")
    @Nullable String until;
    @Option(names = "--max", description = "at most this many (default: ${DEFAULT-VALUE})")
    int max = 100;
    @Option(names = "--json", description = "as JSON")
    boolean json;
    @CommandLine.Spec
    CommandLine.Model.@Nullable CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CorrespondenceQuery q = CorrespondenceQuery.all().limit(max);
        if (caseRef != null) {
            q = q.caseReference(caseRef);
        }
        if (party != null) {
            q = q.party(party);
        }
        if (status != null) {
            q = q.status(status.toUpperCase(Locale.ROOT));
        }
        if (direction != null) {
            q = q.direction(switch (direction.toLowerCase(Locale.ROOT)) {
                case "incoming" -> CorrespondenceEntry.Direction.INCOMING;
                case "outgoing" -> CorrespondenceEntry.Direction.OUTGOING;
                default -> throw new ClientException("--direction: incoming or outgoing, not " + direction);
            });
        }
        if (since != null) {
            q = q.since(instant("--since", since));
        }
        if (until != null) {
            q = q.until(instant("--until", until));
        }
        List<CorrespondenceEntry> entries = Correspondence.builder().store(store.open()).build().correspondence(q);
        PrintWriter out = java.util.Objects.requireNonNull(spec).commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode all = mapper.createArrayNode();
            for (CorrespondenceEntry e : entries) {
                ObjectNode n = all.addObject().put("direction", e.direction().name()).put("id", e.id()).put("caseReference", e.caseReference())
                        .put("channel", e.channel() == null ? null : e.channel().name()).put("subject", e.subject())
                        .put("status", e.status()).put("at", e.at().toString()).put("needsAttention", e.needsAttention());
                e.parties().forEach(n.putArray("parties")::add);
            }
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(all));
            return 0;
        }
        for (CorrespondenceEntry e : entries) {
            out.println((e.direction() == CorrespondenceEntry.Direction.INCOMING ? "IN   " : "OUT  ") + e.at() + "  " + e.id() + "  "
                    + (e.caseReference() == null ? "-" : PrintableText.of(e.caseReference())) + "  "
                    + (e.channel() == null ? "-" : e.channel()) + "  " + String.join(", ", e.parties().stream().map(PrintableText::of).toList())
                    + "  '" + PrintableText.of(e.subject()) + "'  " + e.status() + (e.needsAttention() ? "  NEEDS ATTENTION" : ""));
        }
        if (entries.isEmpty()) {
            java.util.Objects.requireNonNull(spec).commandLine().getErr().println("okienko: nothing matches");
        }
        return 0;
    }

    private static Instant instant(String option, String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneId.of("Europe/Warsaw")).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ClientException(option + ": a date (2026-12-01) or an instant (2026-12-01T08:00:00Z), not " + value);
        }
    }
}
