package dev.okienko.examples;

import dev.okienko.core.EpuapAddress;
import dev.okienko.edelivery.AddressEntry;
import dev.okienko.edelivery.AddressStatus;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.MailboxMessage;
import dev.okienko.testkit.conformance.Reports;
import dev.okienko.testkit.conformance.Result;
import dev.okienko.testkit.conformance.Scenario;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code okienko conformance smoke}: a few harmless checks against the operators' integration (or production)
 * environments with the vendor's own credentials. It talks only about the vendor's own address and box, and sends
 * only to the vendor's own mailbox; without credentials every check is skipped, and says so.
 */
@Command(name = "smoke", mixinStandardHelpOptions = true, description = {"Smoke checks against the real services with your "
    + "own credentials: a token, BAE's entry for your own address, a letter to your own mailbox, your ePUAP box's "
    + "pending count. Never sends to anyone else. Without credentials every check is SKIPPED (exit code 0).",
    "e-Doręczenia: --p12 (with --password-env or --password-file) --token-url --se-url --ua-url --ade --system-name; "
        + "ePUAP: --p12 ... --epuap-environment --epuap-server-cert --entity --box."})
final class ConformanceSmoke implements Callable<Integer> {
    private static final String AREA_ED = "e-Doręczenia";

    @ArgGroup(exclusive = false)
    @Nullable SystemKeyOptions key;
    @ArgGroup(exclusive = false)
    @Nullable EDeliveryOptions edelivery;
    @ArgGroup(exclusive = false)
    @Nullable EpuapOptions epuap;
    @Option(names = "--report", paramLabel = "DIR", description = "write JUnit XML, HTML and JSON reports there")
    @Nullable Path report;
    @CommandLine.Spec
    CommandLine.Model.@Nullable CommandSpec spec;

    /** The vendor's e-Doręczenia system. */
    static final class EDeliveryOptions {
        @Option(names = "--token-url", required = true, description = "the OAuth2 token endpoint") URI tokenUrl;
        @Option(names = "--se-url", required = true, description = "the SE API base") URI seUrl;
        @Option(names = "--ua-url", required = true, description = "the UA API base") URI uaUrl;
        @Option(names = "--ade", required = true, description = "your system's mailbox address (the only recipient used)") String ade;
        @Option(names = "--system-name", required = true, description = "your system's name in the mailbox") String systemName;
        @Option(names = "--mutual-tls", description = "present the system's certificate as the TLS client certificate") boolean mutualTls;
    }

    /** The vendor's ePUAP system. */
    static final class EpuapOptions {
        @Option(names = "--epuap-environment", required = true, description = "integration, production, or a base URL") String environment;
        @Option(names = "--epuap-server-cert", required = true, paramLabel = "PEM", description = "ePUAP's certificate") Path serverCertificate;
        @Option(names = "--entity", required = true, description = "your entity's id") String entity;
        @Option(names = "--box", required = true, description = "your box, e.g. /UrzadGminyTestowo/skrytka") String box;
    }

    @Override
    public Integer call() {
        PrintWriter out = java.util.Objects.requireNonNull(spec).commandLine().getOut();
        List<Result> results = new ArrayList<>();
        String noKey = "no credentials: give --p12 with --password-env or --password-file (never run without your own)";
        EDeliveryCommands.Connection ed = null;
        if (key != null && edelivery != null) {
            EDeliveryCommands.Connection.Explicit e = new EDeliveryCommands.Connection.Explicit();
            e.tokenUrl = edelivery.tokenUrl;
            e.seUrl = edelivery.seUrl;
            e.uaUrl = edelivery.uaUrl;
            e.ade = edelivery.ade;
            e.systemName = edelivery.systemName;
            e.key = key;
            e.mutualTls = edelivery.mutualTls;
            ed = new EDeliveryCommands.Connection();
            ed.target = new EDeliveryCommands.Connection.Target();
            ed.target.explicit = e;
        }
        String edSkip = key == null ? noKey : "no e-Doręczenia system: give --token-url --se-url --ua-url --ade --system-name";
        EDeliveryCommands.Connection c = ed;
        results.add(check("smoke-edelivery-token", AREA_ED, "Your system gets an access token", c == null ? edSkip : null, () -> {
            String value = java.util.Objects.requireNonNull(c).tokens().token().value();
            return value.isEmpty() ? "the token endpoint answered an empty token" : null;
        }));
        results.add(check("smoke-edelivery-own-address", AREA_ED, "BAE knows your own address, active", c == null ? edSkip : null, () -> {
            AddressEntry own = java.util.Objects.requireNonNull(c).addressBook().confirm(c.ade()).orElse(null);
            return own == null ? "BAE does not know " + c.ade() : own.status() != AddressStatus.ACTIVE ? c.ade() + " is " + own.status() : null;
        }));
        results.add(check("smoke-edelivery-letter-to-self", AREA_ED, "A letter to your own mailbox arrives, and polling does not open it",
                c == null ? edSkip : null, () -> {
                    Mailbox mailbox = java.util.Objects.requireNonNull(c).mailbox();
                    String subject = "okienko smoke test " + Instant.now();
                    String id = mailbox.await(mailbox.send(Letter.builder().to(c.ade()).subject(subject)
                            .text("A test letter okienko sent to its own mailbox.").build()), Duration.ofMinutes(2)).recipients().get(0).messageId();
                    long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                    while (System.nanoTime() < until) {
                        for (Iterator<MailboxMessage> it = mailbox.messages(Mailbox.Folder.INBOX); it.hasNext(); ) {
                            MailboxMessage m = it.next();
                            if (subject.equals(m.subject())) {
                                return m.opened() ? "the letter arrived, but listing it opened it" : null;
                            }
                        }
                        Thread.sleep(2000);
                    }
                    return "sent as " + id + ", but it did not appear in your inbox within 2 minutes";
                }));
        String epSkip = key == null ? noKey : "no ePUAP system: give --epuap-environment --epuap-server-cert --entity --box";
        results.add(check("smoke-epuap-pending", "ePUAP", "Your box's pending documents can be counted",
                key == null || epuap == null ? epSkip : null, () -> {
                    EpuapOptions o = java.util.Objects.requireNonNull(epuap);
                    EpuapCommand.Connection ep = new EpuapCommand.Connection();
                    ep.target = new EpuapCommand.Connection.Target();
                    ep.target.explicit = new EpuapCommand.Connection.Explicit();
                    ep.target.explicit.environment = o.environment;
                    ep.target.explicit.key = java.util.Objects.requireNonNull(key);
                    ep.target.explicit.serverCertificate = o.serverCertificate;
                    int pending = ep.client().inbox(o.entity, EpuapAddress.parse(o.box)).pending();
                    out.println("        " + o.box + ": " + pending + " document(s) waiting");
                    return pending < 0 ? "a negative count" : null;
                }));
        for (Result r : results) {
            out.printf("%-7s %-32s %s%n", r.verdict(), r.scenario().id(), r.passed() ? r.scenario().title() : r.why());
        }
        if (report != null) {
            Reports.write(results, report);
        }
        return results.stream().allMatch(r -> r.passed() || r.verdict() == Result.Verdict.SKIPPED) ? 0 : 1;
    }

    /** One check. */
    @FunctionalInterface
    private interface Body {
        @Nullable String run() throws Exception;
    }

    private static Result check(String id, String area, String title, @Nullable String skip, Body body) {
        Scenario s = new Scenario(id, area, title, "the integration works with your own credentials", "the operator's integration "
                + "environment", List.of(), title, "none", "the call succeeds");
        if (skip != null) {
            return new Result(s, Result.Verdict.SKIPPED, "skipped: " + skip, List.of(), List.of(), List.of(), "", Duration.ZERO);
        }
        long start = System.nanoTime();
        try {
            String why = body.run();
            return new Result(s, why == null ? Result.Verdict.PASSED : Result.Verdict.FAILED, why == null ? "as expected" : why,
                    List.of(), List.of(), List.of(), "", Duration.ofNanos(System.nanoTime() - start));
        } catch (Exception e) {
            return new Result(s, Result.Verdict.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), List.of(), List.of(),
                    List.of(), "", Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
