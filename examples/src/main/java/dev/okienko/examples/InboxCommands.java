package dev.okienko.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.okienko.core.ClientException;
import dev.okienko.core.EpuapAddress;
import dev.okienko.correspondence.Correspondence;
import dev.okienko.correspondence.EDeliveryOpening;
import dev.okienko.correspondence.IncomingItem;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.TrustConfiguration;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code okienko inbox work|list|show|open}: the one window's incoming correspondence from the command line. */
@Command(name = "inbox", mixinStandardHelpOptions = true,
        description = "The one window, incoming: take documents from the office's boxes into the store, each stored before it is "
                + "confirmed and never twice; list and show them.",
        subcommands = {InboxCommands.Work.class, InboxCommands.ListItems.class, InboxCommands.Show.class, InboxCommands.Open.class})
final class InboxCommands implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.@Nullable CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(java.util.Objects.requireNonNull(spec).commandLine(),
                "say what to do: work, list, show or open");
    }

    /** {@code okienko inbox work}. */
    @Command(name = "work", mixinStandardHelpOptions = true, description = "Run the receivers until stopped (Ctrl+C or SIGTERM "
            + "finishes the document in hand and exits).")
    static final class Work implements Callable<Integer> {
        @Mixin
        StoreOptions store = new StoreOptions();
        @Mixin
        EpuapCommand.Connection connection = new EpuapCommand.Connection();
        @Option(names = "--entity", description = "the entity that owns the boxes (default: the simulator's system)")
        @Nullable String entity;
        @Option(names = "--box", description = "a box to receive from (repeatable; default: the simulator's own box)")
        List<String> boxes = new java.util.ArrayList<>();
        @Option(names = "--trust", paramLabel = "PEM", description = "a trusted root for the documents' signatures (repeatable; "
                + "default with --simulator: its test PKI)")
        List<Path> trust = new java.util.ArrayList<>();
        @Option(names = "--poll-interval", description = "how often the boxes are read (default: ${DEFAULT-VALUE})")
        Duration pollInterval = Duration.ofSeconds(5);
        @Option(names = "--until-empty", description = "exit once the boxes are empty")
        boolean untilEmpty;
        @Option(names = "--open", paramLabel = "at-once|by-a-person", description = "with --simulator, also receive from its "
                + "e-Doręczenia mailbox: open new messages at once (the office counts as having received them then), or store "
                + "them unopened for a person (default: ${DEFAULT-VALUE})")
        String open = "by-a-person";
        @CommandLine.ArgGroup(exclusive = false)
        @Nullable EDeliveryOptions edelivery;
        @Option(names = "--webhook", paramLabel = "HOST:PORT", description = "listen there for e-Doręczenia notifications and "
                + "receive at once when one comes, instead of at the next poll (e.g. 127.0.0.1:8090; path /okienko/notifications)")
        @Nullable String webhook;
        @Option(names = "--webhook-url", paramLabel = "URL", description = "subscribe the mailbox's notifications to this URL, "
                + "the one the operator reaches the --webhook listener at (default with --simulator: the listener itself)")
        java.net.@Nullable URI webhookUrl;
        @CommandLine.Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        /** A real e-Doręczenia mailbox to receive from, with the system's key given for ePUAP (--p12). */
        static final class EDeliveryOptions {
            @Option(names = "--token-url", required = true, description = "e-Doręczenia's OAuth2 token endpoint")
            java.net.URI tokenUrl;
            @Option(names = "--ua-url", required = true, description = "the UA API base (under it: /{eDeliveryAddress}/messages, ...)")
            java.net.URI uaUrl;
            @Option(names = "--ade", required = true, description = "the office's mailbox address")
            String ade;
            @Option(names = "--system-name", required = true, description = "the system's name in the mailbox")
            String systemName;
        }

        @Override
        public Integer call() throws Exception {
            String owner = entity;
            List<EpuapAddress> from = boxes.stream().map(EpuapAddress::parse).toList();
            List<Path> roots = trust;
            if (connection.target.simulator != null) {
                JsonNode sim = EpuapCommand.Connection.json(connection.target.simulator);
                owner = owner != null ? owner : sim.path("epuap").path("system").path("entity").asText();
                from = !from.isEmpty() ? from : List.of(EpuapAddress.parse(sim.path("epuap").path("boxes").get(0).asText()));
                roots = !roots.isEmpty() ? roots : List.of(Path.of(sim.path("pki").path("root").asText()));
            }
            if (owner == null || from.isEmpty()) {
                throw new ClientException("say which boxes to receive from: --entity and --box (or --simulator)");
            }
            Correspondence.Builder b = Correspondence.builder().store(store.open())
                    .receiveEpuap(connection.client(), owner, from.toArray(EpuapAddress[]::new));
            EDeliveryCommands.Connection mailbox = null;
            if (connection.target.simulator != null) {
                if (edelivery != null) {
                    throw new ClientException("--simulator already names the e-Doręczenia mailbox: leave out --token-url, --ua-url, --ade");
                }
                mailbox = new EDeliveryCommands.Connection();
                mailbox.target = new EDeliveryCommands.Connection.Target();
                mailbox.target.simulator = connection.target.simulator;
            } else if (edelivery != null) {
                EDeliveryCommands.Connection.Explicit e = new EDeliveryCommands.Connection.Explicit();
                e.tokenUrl = edelivery.tokenUrl;
                e.seUrl = edelivery.uaUrl; // receiving never searches BAE
                e.uaUrl = edelivery.uaUrl;
                e.ade = edelivery.ade;
                e.systemName = edelivery.systemName;
                e.key = java.util.Objects.requireNonNull(connection.target.explicit, "picocli sets one of the two").key;
                mailbox = new EDeliveryCommands.Connection();
                mailbox.target = new EDeliveryCommands.Connection.Target();
                mailbox.target.explicit = e;
            }
            dev.okienko.edelivery.@Nullable Mailbox receiving = mailbox == null ? null : mailbox.mailbox();
            if (receiving != null) {
                b.receiveEdelivery(receiving, switch (open) {
                    case "at-once" -> EDeliveryOpening.AT_ONCE;
                    case "by-a-person" -> EDeliveryOpening.BY_A_PERSON;
                    default -> throw new ClientException("--open: at-once or by-a-person, not " + open);
                });
            } else if (webhook != null) {
                throw new ClientException("--webhook wakes an e-Doręczenia receiver: give its mailbox (--token-url, --ua-url, --ade)");
            }
            if (!roots.isEmpty()) {
                b.verifySignatures(SignatureVerifier.builder().trust(TrustConfiguration.anchors(Certificates.readAll(roots))).build());
            }
            Correspondence window = b.build();
            PrintWriter err = java.util.Objects.requireNonNull(spec).commandLine().getErr();
            if (webhook != null && !untilEmpty) {
                return listen(window, java.util.Objects.requireNonNull(receiving), err);
            }
            AtomicBoolean running = new AtomicBoolean(true);
            Thread main = Thread.currentThread();
            if (!untilEmpty) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    running.set(false);
                    try {
                        main.join(30_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "okienko-inbox-stop"));
                err.println("okienko: receiving from " + from + " into " + store.store + "; Ctrl+C to stop");
            }
            int total = 0;
            while (running.get()) {
                int n = window.receiveOnce();
                total += n;
                window.handleIncomingOnce();
                if (untilEmpty && n == 0) {
                    err.println("okienko: the boxes are empty (" + total + " documents stored)");
                    return 0;
                }
                if (n == 0) {
                    Thread.sleep(pollInterval.toMillis());
                }
            }
            return 0;
        }

        /** Runs the receivers, woken by notifications POSTed to the listener, until the process is stopped. */
        private int listen(Correspondence window, dev.okienko.edelivery.Mailbox mailbox, PrintWriter err) throws Exception {
            String w = java.util.Objects.requireNonNull(webhook);
            int colon = w.lastIndexOf(':');
            if (colon < 1) {
                throw new ClientException("--webhook: give HOST:PORT, e.g. 127.0.0.1:8090, not " + w);
            }
            com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(w.substring(0, colon), Integer.parseInt(w.substring(colon + 1))), 0);
            server.createContext("/okienko/notifications", exchange -> {
                int status;
                try (java.io.InputStream in = exchange.getRequestBody()) {
                    window.notified(in.readNBytes(dev.okienko.edelivery.Notification.MAX_BYTES + 1));
                    status = 200;
                } catch (ClientException e) {
                    status = 400;
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            java.net.URI url = webhookUrl != null ? webhookUrl : connection.target.simulator != null
                    ? java.net.URI.create("http://" + w.substring(0, colon) + ":" + server.getAddress().getPort() + "/okienko/notifications")
                    : null;
            if (url != null) {
                mailbox.subscribe(new dev.okienko.edelivery.Subscriptions(url, null, null, null));
            }
            java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
            try (dev.okienko.correspondence.Receivers receivers = window.startReceivers(pollInterval)) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    receivers.close();
                    server.stop(0);
                    stop.countDown();
                }, "okienko-inbox-stop"));
                err.println("okienko: receiving into " + store.store + ", woken by notifications at " + server.getAddress()
                        + (url != null ? " (subscribed: " + url + ")" : " (not subscribed: give --webhook-url)") + "; Ctrl+C to stop");
                err.flush();
                stop.await();
            }
            return 0;
        }
    }

    /** {@code okienko inbox list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List stored incoming items, the newest first.")
    static final class ListItems implements Callable<Integer> {
        @Mixin
        StoreOptions store = new StoreOptions();
        @Option(names = "--json", description = "as JSON")
        boolean json;
        @Option(names = "--max", description = "at most this many (default: ${DEFAULT-VALUE})")
        int max = 50;
        @CommandLine.Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Correspondence window = Correspondence.builder().store(store.open()).build();
            List<IncomingItem> items = window.incomingItems(max);
            PrintWriter out = java.util.Objects.requireNonNull(spec).commandLine().getOut();
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ArrayNode all = mapper.createArrayNode();
                items.forEach(i -> all.add(json(mapper, i)));
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(all));
                return 0;
            }
            for (IncomingItem i : items) {
                out.println(i.id() + "  " + i.channel() + "  from " + dev.okienko.core.PrintableText.of(i.sender()) + "  '"
                        + dev.okienko.core.PrintableText.of(String.valueOf(i.fileName())) + "'  " + i.receivedAt() + "  sha256:"
                        + i.sha256() + "  " + i.signatures().verdict() + (i.isClean() ? "" : "  FLAGGED: " + String.join("; ",
                        i.flags().stream().map(dev.okienko.core.PrintableText::of).toList())));
            }
            return 0;
        }
    }

    /** {@code okienko inbox show}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one incoming item: where it came from, its "
            + "signatures' verdict, flags and timeline; --html renders it for a person.")
    static final class Show implements Callable<Integer> {
        @Mixin
        StoreOptions store = new StoreOptions();
        @Parameters(paramLabel = "ID", description = "the item's id, as list shows it")
        String id;
        @Option(names = "--html", paramLabel = "OUT.html", description = "write a page a person reads")
        @Nullable Path html;
        @CommandLine.Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Correspondence window = Correspondence.builder().store(store.open()).build();
            IncomingItem i = window.incomingItem(id).orElseThrow(() -> new ClientException("no incoming item " + id + " in " + store.store));
            List<String> timeline = window.incomingTimeline(id);
            PrintWriter out = java.util.Objects.requireNonNull(spec).commandLine().getOut();
            out.println(dev.okienko.core.PrintableText.of(text(i, timeline)));
            if (html != null) {
                Files.writeString(html, html(i, timeline));
                out.println("written: " + html);
            }
            return 0;
        }

        private static String text(IncomingItem i, List<String> timeline) {
            StringBuilder s = new StringBuilder();
            s.append("item       ").append(i.id()).append('\n')
                    .append("channel    ").append(i.channel()).append(" into ").append(i.box()).append('\n')
                    .append("from       ").append(i.sender()).append(i.senderName() == null ? "" : " (" + i.senderName() + ")")
                    .append(i.replyTo() == null ? "" : ", answers to " + i.replyTo()).append('\n')
                    .append("file       ").append(i.fileName()).append(i.mediaType() == null ? "" : " (" + i.mediaType() + ")")
                    .append(", ").append(i.size()).append(" bytes, SHA-256 ").append(i.sha256()).append('\n')
                    .append("sent       ").append(i.sentAt()).append('\n')
                    .append("received   ").append(i.receivedAt()).append(i.confirmedAt() == null ? ", NOT confirmed at the source"
                            : ", confirmed " + i.confirmedAt()).append('\n')
                    .append("signatures ").append(i.signatures().verdict()).append('\n');
            for (String line : i.signatures().summary().split("\n")) {
                s.append("           ").append(line).append('\n');
            }
            for (IncomingItem.Part p : i.parts()) {
                s.append("attachment ").append(p.position()).append(": ").append(p.fileName()).append(", ")
                        .append(p.sha256() == null ? "NOT stored" : p.size() + " bytes, SHA-256 " + p.sha256()).append(", signatures ")
                        .append(p.signatures().verdict()).append('\n');
            }
            if (i.contentsRemoved() != null) {
                s.append("contents   removed ").append(i.contentsRemoved()).append('\n');
            }
            s.append("flags      ").append(i.isClean() ? "none" : String.join("\n           ", i.flags())).append('\n')
                    .append("handling   ").append(i.handling()).append(" after ").append(i.handlerAttempts()).append(" attempts")
                    .append(i.handlerError() == null ? "" : ", last error: " + i.handlerError()).append('\n')
                    .append("timeline");
            timeline.forEach(t -> s.append("\n           ").append(t));
            return s.toString();
        }

        /** A self-contained page: every value escaped, no script, no outside resource. */
        private static String html(IncomingItem i, List<String> timeline) {
            StringBuilder rows = new StringBuilder();
            for (String[] row : List.of(new String[] {"Channel", i.channel() + " into " + i.box()},
                    new String[] {"From", i.sender() + (i.senderName() == null ? "" : " (" + i.senderName() + ")")},
                    new String[] {"File", i.fileName() + ", " + i.size() + " bytes"}, new String[] {"SHA-256", i.sha256()},
                    new String[] {"Received", String.valueOf(i.receivedAt())},
                    new String[] {"Confirmed at the source", String.valueOf(i.confirmedAt())},
                    new String[] {"Signatures", i.signatures().verdict() + "\n" + i.signatures().summary()},
                    new String[] {"Flags", i.isClean() ? "none" : String.join("\n", i.flags())},
                    new String[] {"Handling", i.handling() + " after " + i.handlerAttempts() + " attempts"},
                    new String[] {"Timeline", String.join("\n", timeline)})) {
                rows.append("<tr><th>").append(escape(row[0])).append("</th><td>").append(escape(row[1]).replace("\n", "<br>"))
                        .append("</td></tr>\n");
            }
            return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Incoming item " + escape(i.id())
                    + "</title><style>body{font-family:sans-serif;margin:2em}th{text-align:left;vertical-align:top;padding-right:1em}"
                    + ".flag{color:#a00;font-weight:bold}</style></head><body>\n<h1>" + escape(String.valueOf(i.fileName())) + "</h1>\n"
                    + (i.isClean() ? "" : "<p class=\"flag\">FLAGGED: " + escape(String.join("; ", i.flags())) + "</p>\n")
                    + "<table>\n" + rows + "</table>\n</body></html>\n";
        }

        private static String escape(String s) {
            StringBuilder out = new StringBuilder(s.length());
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&#39;");
                    default -> out.append(c);
                }
            }
            return out.toString();
        }
    }

    /** {@code okienko inbox open}. */
    @Command(name = "open", mixinStandardHelpOptions = true, description = "Open an e-Doręczenia message stored unopened: a "
            + "person's decision with a legal effect (the operator records the delivery, E.1, and the office's deadlines start); "
            + "its text and attachments are then stored.")
    static final class Open implements Callable<Integer> {
        @Mixin
        StoreOptions store = new StoreOptions();
        @Mixin
        EDeliveryCommands.Connection connection = new EDeliveryCommands.Connection();
        @Parameters(paramLabel = "ID", description = "the item's id, as list shows it")
        String id;
        @CommandLine.Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        @Override
        public Integer call() {
            Correspondence window = Correspondence.builder().store(store.open())
                    .receiveEdelivery(connection.mailbox(), EDeliveryOpening.BY_A_PERSON).build();
            IncomingItem opened;
            try {
                opened = window.openEdelivery(id);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new ClientException(String.valueOf(e.getMessage()));
            }
            java.util.Objects.requireNonNull(spec).commandLine().getOut().println("opened " + opened.id() + " at " + opened.confirmedAt()
                    + ": " + opened.parts().size() + " attachment(s) stored, signatures " + opened.signatures().verdict()
                    + (opened.isClean() ? "" : ", FLAGGED: " + String.join("; ", opened.flags())));
            return 0;
        }
    }

    static ObjectNode json(ObjectMapper mapper, IncomingItem i) {
        ObjectNode n = mapper.createObjectNode().put("id", i.id()).put("channel", i.channel().name()).put("box", i.box())
                .put("sender", i.sender()).put("senderName", i.senderName()).put("replyTo", i.replyTo()).put("fileName", i.fileName())
                .put("mediaType", i.mediaType()).put("sentAt", i.sentAt() == null ? null : i.sentAt().toString())
                .put("receivedAt", i.receivedAt().toString()).put("sha256", i.sha256()).put("size", i.size())
                .put("confirmedAt", i.confirmedAt() == null ? null : i.confirmedAt().toString())
                .put("signatureVerdict", i.signatures().verdict()).put("signatures", i.signatures().summary())
                .put("handling", i.handling().name()).put("handlerAttempts", i.handlerAttempts()).put("handlerError", i.handlerError());
        ArrayNode flags = n.putArray("flags");
        i.flags().forEach(flags::add);
        return n;
    }
}
