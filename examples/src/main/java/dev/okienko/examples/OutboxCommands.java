package dev.okienko.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.okienko.core.Ade;
import dev.okienko.core.ClientException;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.InvalidIdentifierException;
import dev.okienko.core.Krs;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.core.Regon;
import dev.okienko.correspondence.Addressee;
import dev.okienko.correspondence.Correspondence;
import dev.okienko.correspondence.LetterView;
import dev.okienko.correspondence.OutgoingAttachment;
import dev.okienko.correspondence.OutgoingLetter;
import dev.okienko.correspondence.Receipt;
import dev.okienko.correspondence.Submission;
import dev.okienko.correspondence.Workers;
import dev.okienko.edelivery.HybridShipment;
import dev.okienko.epuap.document.Party;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.TrustConfiguration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code okienko outbox submit|work|status|settle|receipt}: the one window's outgoing correspondence from the command line. */
@Command(name = "outbox", mixinStandardHelpOptions = true,
        description = "The one window: store outgoing letters durably, send each exactly once, follow them to their receipts.",
        subcommands = {OutboxCommands.Submit.class, OutboxCommands.Work.class, OutboxCommands.Status.class, OutboxCommands.Settle.class,
                OutboxCommands.ReceiptFile.class})
final class OutboxCommands implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.@Nullable CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(java.util.Objects.requireNonNull(spec).commandLine(),
                "say what to do: submit, work, status, settle or receipt");
    }

    /** {@code okienko outbox submit}. */
    @Command(name = "submit", mixinStandardHelpOptions = true, description = "Store a letter; prints its id. The same --key again "
            + "prints the same id and stores nothing.")
    static final class Submit implements Callable<Integer> {
        @Mixin
        StoreOptions store = new StoreOptions();
        @Option(names = "--to", paramLabel = "ADE", description = "a recipient by electronic delivery address") List<String> ades = new ArrayList<>();
        @Option(names = "--nip", description = "a recipient by NIP (looked up in BAE)") List<String> nips = new ArrayList<>();
        @Option(names = "--pesel", description = "a recipient by PESEL (looked up in BAE)") List<String> pesels = new ArrayList<>();
        @Option(names = "--regon", description = "a recipient by REGON (looked up in BAE)") List<String> regons = new ArrayList<>();
        @Option(names = "--krs", description = "a recipient by KRS number (looked up in BAE)") List<String> krss = new ArrayList<>();
        @Option(names = "--epuap", paramLabel = "BOX", description = "a recipient by ePUAP box") List<String> boxes = new ArrayList<>();
        @Option(names = "--subject", required = true) String subject;
        @Option(names = "--text") String text = "";
        @Option(names = "--attach", paramLabel = "FILE") List<Path> attachments = new ArrayList<>();
        @Option(names = "--case", paramLabel = "REF", description = "the office's case reference") @Nullable String caseRef;
        @Option(names = "--key", paramLabel = "IDEMPOTENCY_KEY", description = "the caller's key (default: a new one)") @Nullable String key;
        @CommandLine.Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        @Override
        public Integer call() {
            OutgoingLetter.Builder b = OutgoingLetter.builder().subject(subject).text(text);
            parse(b, "--to", ades, v -> Addressee.of(Ade.parse(v)));
            parse(b, "--nip", nips, v -> Addressee.of(Nip.parse(v)));
            parse(b, "--pesel", pesels, v -> Addressee.of(Pesel.parse(v)));
            parse(b, "--regon", regons, v -> Addressee.of(Regon.parse(v)));
            parse(b, "--krs", krss, v -> Addressee.of(Krs.parse(v)));
            parse(b, "--epuap", boxes, v -> Addressee.of(EpuapAddress.parse(v)));
            attachments.forEach(f -> b.attach(OutgoingAttachment.of(f)));
            if (caseRef != null) {
                b.caseReference(caseRef);
            }
            if (key != null) {
                b.idempotencyKey(key);
            }
            Correspondence window = Correspondence.builder().store(store.open()).build();
            Submission s = window.submit(b.build());
            PrintWriter out = java.util.Objects.requireNonNull(spec).commandLine().getOut();
            out.println(s.letterId());
            if (s.alreadySubmitted()) {
                spec.commandLine().getErr().println("okienko: a letter with this key was submitted before; nothing new was stored");
            }
            return 0;
        }

        private static void parse(OutgoingLetter.Builder b, String option, List<String> values,
                                  java.util.function.Function<String, Addressee> parser) {
            for (String v : values) {
                try {
                    b.to(parser.apply(v));
                } catch (InvalidIdentifierException e) {
                    throw new ClientException(option + ": " + e.getMessage());
                }
            }
        }
    }

    /** {@code okienko outbox work}. */
    @Command(name = "work", mixinStandardHelpOptions = true, description = "Run workers: route, send and follow letters until "
            + "stopped (Ctrl+C or SIGTERM finishes the step in hand and exits).")
    static final class Work implements Callable<Integer> {
        @Mixin
        StoreOptions store = new StoreOptions();
        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;
        @Option(names = "--threads", description = "worker threads (default: ${DEFAULT-VALUE})")
        int threads = 2;
        @Option(names = "--poll-interval", description = "how often receipts are collected (default: ${DEFAULT-VALUE})")
        Duration pollInterval = Duration.ofSeconds(5);
        @Option(names = "--until-sent", description = "exit once every letter is sent, with the receipts that came with it, or "
                + "waits for a person; later receipts are collected by a later run")
        boolean untilSent;
        @CommandLine.Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        /** The services: a simulator.json, or each part given. */
        static final class Target {
            @Option(names = "--simulator", description = "simulator.json written by 'okienko simulate'")
            @Nullable Path simulator;

            @ArgGroup(exclusive = false)
            @Nullable Explicit explicit;
        }

        /** The real services (or any test environment): e-Doręczenia's options as 'okienko send' takes them, and more. */
        static final class Explicit {
            @ArgGroup(exclusive = false, multiplicity = "1")
            EDeliveryCommands.Connection.Explicit edelivery;

            @ArgGroup(exclusive = false)
            @Nullable EpuapOptions epuap;

            @ArgGroup(exclusive = false)
            @Nullable ReceiptTrust receipts;

            @Option(names = "--office-address", paramLabel = "COUNTRY;POSTCODE;CITY;STREET;BUILDING[;FLAT]",
                    description = "the office's postal address: turns on hybrid (paper) letters for recipients without an e-Delivery "
                            + "address, e.g. 'PL;26-600;Radom;Żeromskiego;53'")
            @Nullable String officeAddress;
        }

        /** ePUAP, for recipients by box. */
        static final class EpuapOptions {
            @Option(names = "--epuap-environment", required = true,
                    description = "production, integration, or the base URL of the ePUAP services (signs with the same --p12)")
            String environment;
            @Option(names = "--epuap-server-cert", required = true, paramLabel = "PEM",
                    description = "ePUAP's certificate: answers and UPPs must be signed with it")
            Path serverCertificate;
            @Option(names = "--epuap-box", required = true, description = "the office's own box, for answers (its entity is the sender)")
            String box;
            @Option(names = "--office-name", required = true, description = "the office's name in the documents it sends")
            String officeName;
        }

        /** How receipts are checked; without these they are stored as NOT_CHECKED. */
        static final class ReceiptTrust {
            @Option(names = "--evidence-cert", required = true, paramLabel = "PEM",
                    description = "the certificate e-Doręczenia signs its evidences with")
            Path evidenceCertificate;
            @Option(names = "--trust", required = true, paramLabel = "PEM",
                    description = "a trusted root for the receipts' signatures (repeatable)")
            List<Path> trust = new ArrayList<>();
        }

        @Override
        public Integer call() throws Exception {
            Correspondence window = (target.simulator != null ? fromSimulator(target.simulator)
                    : explicit(java.util.Objects.requireNonNull(target.explicit, "picocli sets one of the two")))
                    .store(store.open()).timing(Duration.ofMinutes(1), Duration.ofSeconds(20), Duration.ofSeconds(2), pollInterval)
                    .build();
            PrintWriter err = java.util.Objects.requireNonNull(spec).commandLine().getErr();
            if (untilSent) {
                int rounds = 0;
                while (true) {
                    int n = window.workOnce();
                    rounds += n;
                    if (!window.hasUnsentLetters()) {
                        err.println("okienko: every letter is sent or waits for a person (" + rounds + " letters worked on)");
                        return 0;
                    }
                    if (n == 0) {
                        Thread.sleep(200);
                    }
                }
            }
            CountDownLatch stop = new CountDownLatch(1);
            try (Workers workers = window.startWorkers(threads)) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    workers.close();
                    stop.countDown();
                }, "okienko-outbox-stop"));
                err.println("okienko: " + threads + " workers on " + store.store + "; Ctrl+C to stop");
                stop.await();
            }
            return 0;
        }

        /** The window on the simulators of 'okienko simulate', with their certificates trusted. */
        static Correspondence.Builder fromSimulator(Path simulator) {
            JsonNode sim = EpuapCommand.Connection.json(simulator);
            EDeliveryCommands.Connection edelivery = new EDeliveryCommands.Connection();
            edelivery.target = new EDeliveryCommands.Connection.Target();
            edelivery.target.simulator = simulator;
            EpuapCommand.Connection epuap = new EpuapCommand.Connection();
            epuap.target = new EpuapCommand.Connection.Target();
            epuap.target.simulator = simulator;
            SignatureVerifier verifier = SignatureVerifier.builder().trust(TrustConfiguration.anchors(
                    Certificates.read(Path.of(sim.path("pki").path("root").asText())).get(0))).build();
            return Correspondence.builder()
                    .edelivery(edelivery.mailbox(), edelivery.addressBook())
                    .epuap(epuap.client(), EpuapAddress.parse(sim.path("epuap").path("boxes").get(0).asText()),
                            Party.institution(SimulateCommand.SYSTEM_ENTITY, null))
                    .trust(verifier, Certificates.read(Path.of(sim.path("edelivery").path("evidenceCertificate").asText())).get(0),
                            Certificates.read(Path.of(sim.path("epuap").path("serverCertificate").asText())).get(0));
        }

        private static Correspondence.Builder explicit(Explicit e) {
            EDeliveryCommands.Connection edelivery = new EDeliveryCommands.Connection();
            edelivery.target = new EDeliveryCommands.Connection.Target();
            edelivery.target.explicit = e.edelivery;
            Correspondence.Builder b = Correspondence.builder().edelivery(edelivery.mailbox(), edelivery.addressBook());
            X509Certificate epuapServer = null;
            if (e.epuap != null) {
                EpuapCommand.Connection epuap = new EpuapCommand.Connection();
                epuap.target = new EpuapCommand.Connection.Target();
                epuap.target.explicit = new EpuapCommand.Connection.Explicit();
                epuap.target.explicit.environment = e.epuap.environment;
                epuap.target.explicit.key = e.edelivery.key;
                epuap.target.explicit.serverCertificate = e.epuap.serverCertificate;
                epuapServer = Certificates.read(e.epuap.serverCertificate).get(0);
                b.epuap(epuap.client(), EpuapAddress.parse(e.epuap.box), Party.institution(e.epuap.officeName, null));
            }
            if (e.receipts != null) {
                X509Certificate operator = Certificates.read(e.receipts.evidenceCertificate).get(0);
                // without ePUAP no UPP ever comes, so its certificate is never used
                b.trust(SignatureVerifier.builder().trust(Certificates.trust(e.receipts.trust)).build(), operator,
                        epuapServer == null ? operator : epuapServer);
            }
            if (e.officeAddress != null) {
                b.hybrid(postalAddress(e.officeAddress));
            }
            return b;
        }

        static HybridShipment.PostalAddress postalAddress(String value) {
            String[] p = value.split(";", -1);
            if (p.length < 5 || p.length > 6 || java.util.Arrays.stream(p).limit(5).anyMatch(String::isBlank)) {
                throw new ClientException("--office-address: give COUNTRY;POSTCODE;CITY;STREET;BUILDING[;FLAT], e.g. "
                        + "'PL;26-600;Radom;Żeromskiego;53', not '" + value + "'");
            }
            return new HybridShipment.PostalAddress(p[0], p[1], p[2], p[3], p[4], p.length == 6 && !p[5].isBlank() ? p[5] : null);
        }
    }

    /** {@code okienko outbox status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show letters: status, channels, timeline.")
    static final class Status implements Callable<Integer> {
        @Mixin
        StoreOptions store = new StoreOptions();
        @Option(names = "--id", description = "one letter, with its timeline")
        @Nullable String id;
        @Option(names = "--json", description = "as JSON")
        boolean json;
        @Option(names = "--max", description = "at most this many letters (default: ${DEFAULT-VALUE})")
        int max = 20;
        @CommandLine.Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Correspondence window = Correspondence.builder().store(store.open()).build();
            List<LetterView> letters = id == null ? window.letters(null, null, max)
                    : window.letter(id).map(List::of).orElseThrow(() -> new ClientException("no letter " + id + " in " + store.store));
            PrintWriter out = java.util.Objects.requireNonNull(spec).commandLine().getOut();
            if (json) {
                ObjectMapper mapper = new ObjectMapper();
                ArrayNode all = mapper.createArrayNode();
                letters.forEach(l -> all.add(json(mapper, l, id == null ? List.of() : window.receipts(l.id()))));
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(id == null ? all : all.get(0)));
                return 0;
            }
            for (LetterView l : letters) {
                out.println(l.id() + "  " + l.status() + "  '" + l.subject() + "'" + (l.caseReference() == null ? "" : "  " + l.caseReference())
                        + (l.attention() == null ? "" : "  needs a person: " + l.attention()));
                for (LetterView.Recipient r : l.recipients()) {
                    out.println("   " + r.addressee() + "  " + (r.channel() == null ? "-" : r.channel()) + (r.address() == null ? "" : " " + r.address())
                            + "  " + r.status() + (r.messageId() == null ? "" : "  " + r.messageId())
                            + (r.routingReason() == null ? "" : "  (" + r.routingReason() + ")"));
                }
                if (id != null) {
                    for (LetterView.Event e : l.timeline()) {
                        out.println("   " + e.at() + "  " + (e.recipient() == null ? "letter" : "#" + e.recipient()) + "  " + e.status()
                                + (e.detail() == null ? "" : "  " + e.detail()));
                    }
                    List<Receipt> receipts = window.receipts(l.id());
                    if (!receipts.isEmpty()) {
                        out.println("   receipts (okienko outbox receipt --id RECEIPT --out FILE writes one):");
                    }
                    for (Receipt r : receipts) {
                        out.println("   " + r.id() + "  " + (r.recipient() == null ? "letter" : "#" + r.recipient()) + "  " + r.kind() + "  "
                                + r.verdict() + (r.provesAt() == null ? "" : "  proves " + r.provesAt()) + "  " + r.size() + " bytes"
                                + (r.verdictDetail() == null ? "" : "  (" + r.verdictDetail() + ")"));
                    }
                }
            }
            return 0;
        }

        private static ObjectNode json(ObjectMapper mapper, LetterView l, List<Receipt> receipts) {
            ObjectNode n = mapper.createObjectNode().put("id", l.id()).put("idempotencyKey", l.idempotencyKey())
                    .put("caseReference", l.caseReference()).put("subject", l.subject()).put("status", l.status().name())
                    .put("attention", l.attention()).put("submittedAt", l.submittedAt().toString()).put("updatedAt", l.updatedAt().toString());
            ArrayNode recipients = n.putArray("recipients");
            for (LetterView.Recipient r : l.recipients()) {
                recipients.addObject().put("position", r.position()).put("addressee", r.addressee())
                        .put("channel", r.channel() == null ? null : r.channel().name()).put("address", r.address())
                        .put("routingReason", r.routingReason()).put("status", r.status().name())
                        .put("statusAt", r.statusAt().toString()).put("messageId", r.messageId());
            }
            ArrayNode timeline = n.putArray("timeline");
            for (LetterView.Event e : l.timeline()) {
                timeline.addObject().put("at", e.at().toString()).put("recipient", e.recipient()).put("status", e.status().name())
                        .put("receiptId", e.receiptId()).put("detail", e.detail());
            }
            if (!receipts.isEmpty()) {
                ArrayNode list = n.putArray("receipts");
                for (Receipt r : receipts) {
                    ObjectNode o = list.addObject().put("id", r.id()).put("recipient", r.recipient()).put("kind", r.kind())
                            .put("sourceId", r.sourceId()).put("provesAt", r.provesAt() == null ? null : r.provesAt().toString())
                            .put("verdict", r.verdict().name()).put("verdictDetail", r.verdictDetail()).put("sha256", r.sha256())
                            .put("size", r.size()).put("storedAt", r.storedAt().toString());
                    ObjectNode fields = o.putObject("fields");
                    r.fields().forEach(fields::put);
                }
            }
            return n;
        }
    }

    /** {@code okienko outbox settle}. */
    @Command(name = "settle", mixinStandardHelpOptions = true, description = "Settle a recipient whose outcome is unknown, once a "
            + "person found out: --arrived marks it delivered, --not-arrived has the workers send it again.")
    static final class Settle implements Callable<Integer> {
        @Mixin
        StoreOptions store = new StoreOptions();
        @Option(names = "--id", required = true, description = "the letter")
        String id;
        @Option(names = "--recipient", required = true, paramLabel = "N", description = "the recipient's position, from 0, as status shows it")
        int recipient;
        @ArgGroup(exclusive = true, multiplicity = "1")
        Outcome outcome;
        @Option(names = "--note", required = true, description = "who found out and how, for the timeline")
        String note;
        @CommandLine.Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        /** What the person found out. */
        static final class Outcome {
            @Option(names = "--arrived", description = "the letter reached the recipient") boolean arrived;
            @Option(names = "--not-arrived", description = "it did not: send it again") boolean notArrived;
        }

        @Override
        public Integer call() {
            Correspondence window = Correspondence.builder().store(store.open()).build();
            try {
                window.settle(id, recipient, outcome.arrived, note);
            } catch (IllegalStateException e) {
                throw new ClientException(String.valueOf(e.getMessage()));
            }
            java.util.Objects.requireNonNull(spec).commandLine().getOut().println("settled: recipient #" + recipient + " of " + id
                    + (outcome.arrived ? " delivered" : " will be sent again by the workers"));
            return 0;
        }
    }

    /** {@code okienko outbox receipt}. */
    @Command(name = "receipt", mixinStandardHelpOptions = true, description = "Write a stored receipt's original signed bytes "
            + "(an evidence, a UPP) to a file, checked against its stored SHA-256.")
    static final class ReceiptFile implements Callable<Integer> {
        @Mixin
        StoreOptions store = new StoreOptions();
        @Option(names = "--id", required = true, paramLabel = "RECEIPT", description = "the receipt's id, as status --id shows it")
        String id;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write it")
        Path out;
        @CommandLine.Spec
        CommandLine.Model.@Nullable CommandSpec spec;

        @Override
        public Integer call() {
            Correspondence window = Correspondence.builder().store(store.open()).build();
            byte[] bytes;
            try {
                bytes = window.receiptBytes(id);
            } catch (IllegalArgumentException e) {
                throw new ClientException(e.getMessage() + " in " + store.store);
            }
            try {
                java.nio.file.Files.write(out, bytes);
            } catch (java.io.IOException e) {
                throw new ClientException("cannot write " + out + ": " + e, e);
            }
            java.util.Objects.requireNonNull(spec).commandLine().getOut().println(out + " (" + bytes.length + " bytes)");
            return 0;
        }
    }
}
