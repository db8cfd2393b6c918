package dev.okienko.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.okienko.core.ClientException;
import dev.okienko.core.Environment;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.PrintableText;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.EpuapInbox;
import dev.okienko.epuap.EpuapSubmission;
import dev.okienko.epuap.IncomingDocument;
import dev.okienko.epuap.SendResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code okienko epuap send|inbox|confirm}: ePUAP inboxes from the command line. */
@Command(name = "epuap", mixinStandardHelpOptions = true,
        description = "Sends to and reads ePUAP inboxes (ESP) over SOAP with WS-Security.",
        subcommands = {EpuapCommand.Send.class, EpuapCommand.Inbox.class, EpuapCommand.Confirm.class})
final class EpuapCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where ePUAP is and who we are: a simulator.json, or each part given. */
    static final class Connection {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        static final class Target {
            @Option(names = "--simulator", description = "simulator.json written by 'okienko simulate'")
            @Nullable Path simulator;

            @ArgGroup(exclusive = false)
            @Nullable Explicit explicit;
        }

        static final class Explicit {
            @Option(names = "--environment", required = true,
                    description = "production, integration, or the base URL of the ePUAP services")
            String environment;

            @ArgGroup(exclusive = false, multiplicity = "1")
            SystemKeyOptions key;

            @Option(names = "--server-cert", required = true, description = "ePUAP's certificate (PEM or DER): answers must be signed with it")
            Path serverCertificate;
        }

        EpuapClient client() {
            if (target.simulator != null) {
                JsonNode epuap = json(target.simulator).path("epuap");
                JsonNode system = epuap.path("system");
                URI skrytka = URI.create(epuap.path("services").path("skrytka").asText());
                return EpuapClient.builder().environment(Environment.custom(skrytka.resolve("/")))
                        .credentials(SystemKeyOptions.fromSimulator(system))
                        .serverCertificate(Certificates.read(Path.of(epuap.path("serverCertificate").asText())).get(0))
                        .build();
            }
            Explicit e = java.util.Objects.requireNonNull(target.explicit, "picocli sets one of the two connections");
            Environment environment = switch (e.environment.toLowerCase(java.util.Locale.ROOT)) {
                case "production" -> Environment.PRODUCTION;
                case "integration" -> Environment.INTEGRATION;
                default -> Environment.builder("custom").endpoint(Environment.Service.EPUAP,
                        URI.create(e.environment.endsWith("/") ? e.environment : e.environment + "/")).build();
            };
            X509Certificate server = Certificates.read(e.serverCertificate).get(0);
            return EpuapClient.builder().environment(environment)
                    .credentials(e.key.load())
                    .serverCertificate(server).build();
        }

        /**
         * Reads simulator.json, waiting up to {@link #SIMULATOR_WAIT} for it to appear: a script may start
         * {@code okienko simulate &} and go straight on.
         *
         * @param file a simulator.json
         * @return its content
         * @throws ClientException when it does not appear in time or cannot be read
         */
        static JsonNode json(Path file) {
            long deadline = System.nanoTime() + SIMULATOR_WAIT.toNanos();
            while (!Files.exists(file) && System.nanoTime() - deadline < 0) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (!Files.exists(file)) {
                throw new ClientException("no " + file + " after " + SIMULATOR_WAIT.toSeconds()
                        + " s: start the simulators first, e.g. okienko simulate --dir " + file.toAbsolutePath().getParent());
            }
            try {
                return new ObjectMapper().readTree(file.toFile());
            } catch (IOException ex) {
                throw new ClientException("cannot read " + file + ": " + ex.getMessage(), ex);
            }
        }

        /** How long {@code --simulator FILE} waits for the file to be written by a starting simulator. */
        static final java.time.Duration SIMULATOR_WAIT = java.time.Duration.ofSeconds(60);
    }

    /** A box to read: the connection, the entity that owns it, and its address. */
    static final class Box {
        @Mixin
        Connection connection = new Connection();
        @Option(names = "--entity", required = true, description = "the entity that owns the box")
        String entity;
        @Option(names = "--box", required = true, description = "the box, e.g. /UrzadGminyTestowo/skrytka")
        String address;

        EpuapInbox open() {
            return connection.client().inbox(entity, EpuapAddress.parse(address));
        }

        String asOptions() {
            return "--entity " + entity + " --box " + address;
        }
    }

    /** {@code okienko epuap send}. */
    @Command(name = "send", mixinStandardHelpOptions = true, description = "Sends a document to an inbox (skrytka.nadaj) and keeps the UPP.")
    static final class Send implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Connection connection = new Connection();
        @Option(names = "--from", required = true, description = "the sending entity (IdentyfikatorPodmiotu)")
        String from;
        @Option(names = "--to", required = true, description = "the recipient's box, e.g. /PodlaskaWKOHP/SkrytkaESP")
        String to;
        @Option(names = "--reply-to", required = true, description = "your box for answers")
        String replyTo;
        @Option(names = "--type", description = "the document's type (default: ${DEFAULT-VALUE})")
        String type = "text/xml";
        @Option(names = "--trial", description = "a trial send: checked by ePUAP, not delivered")
        boolean trial;
        @Option(names = "--upp", description = "where to store the UPP (default: next to the document, <name>.upp.xml)")
        @Nullable Path uppFile;
        @Parameters(paramLabel = "FILE", description = "the document to send (usually signed XML)")
        Path file;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            EpuapSubmission submission = submission(Files.readAllBytes(file));
            SendResult sent = connection.client().send(submission);
            out.println("document id  " + sent.documentId());
            out.println("status       " + PrintableText.of(Optional.ofNullable(sent.statusMessage()).orElse("-")));
            Optional<byte[]> upp = sent.uppDocument();
            if (upp.isPresent()) {
                Path target = uppFile != null ? uppFile : file.resolveSibling(file.getFileName() + ".upp.xml");
                Files.write(target, upp.get(), StandardOpenOption.CREATE_NEW);
                out.println("UPP          " + sent.uppIdValue().orElse("?") + ", stored in " + target);
            } else {
                out.println("UPP          none issued" + (trial ? " (trial send)" : ""));
            }
            out.flush();
            return 0;
        }

        /**
         * The submission, without additional data. (NullAway, in its standard mode, does not read the
         * {@code byte @Nullable []} of a record compiled elsewhere as nullable: the null is passed on purpose.)
         */
        @SuppressWarnings("NullAway")
        private EpuapSubmission submission(byte[] content) {
            return new EpuapSubmission(from, EpuapAddress.parse(to), EpuapAddress.parse(replyTo),
                    file.getFileName().toString(), type, content, trial, null);
        }
    }

    /** {@code okienko epuap inbox}. */
    @Command(name = "inbox", mixinStandardHelpOptions = true,
            description = {"Shows how many documents wait in a box; with --take, stores the next one without confirming it.",
                "Confirm it afterwards with 'okienko epuap confirm --skrot ...': until then it stays in the box."})
    static final class Inbox implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Box box = new Box();
        @Option(names = "--take", paramLabel = "DIR", description = "store the next document in DIR (not confirmed)")
        @Nullable Path take;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            EpuapInbox inbox = box.open();
            out.println(box.address + ": " + inbox.pending() + " document(s) waiting");
            if (take != null) {
                Optional<IncomingDocument> next = inbox.next();
                if (next.isEmpty()) {
                    out.println("nothing to take");
                } else {
                    IncomingDocument doc = next.get();
                    Files.createDirectories(take);
                    Path stored = Files.write(take.resolve(safeName(doc.fileName())), doc.content(), StandardOpenOption.CREATE_NEW);
                    out.println("took         " + PrintableText.of(doc.fileName()) + " (" + doc.content().length + " bytes) from "
                            + PrintableText.of(doc.senderEntityId()));
                    out.println("stored in    " + stored);
                    out.println("sent at      " + doc.sentAt());
                    out.println("reply to     " + PrintableText.of(doc.replyTo()));
                    out.println("skrot        " + PrintableText.of(doc.digest()));
                    out.println("not confirmed yet: okienko epuap confirm " + box.asOptions() + " --skrot " + doc.digest());
                }
            }
            out.flush();
            return 0;
        }

        /** A received file name is untrusted: keep letters, digits, dot, dash and underscore; never a path. */
        static String safeName(String name) {
            String base = name.replaceAll("[^\\p{L}\\p{N}._-]", "_").replaceAll("^\\.+", "_");
            return base.isEmpty() ? "dokument" : base.length() > 120 ? base.substring(0, 120) : base;
        }
    }

    /** {@code okienko epuap confirm}. */
    @Command(name = "confirm", mixinStandardHelpOptions = true,
            description = "Confirms the next document of a box (potwierdzOdebranie), if it is the one with the given skrot.")
    static final class Confirm implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Box box = new Box();
        @Option(names = "--skrot", required = true, description = "the digest 'okienko epuap inbox --take' printed")
        String skrot;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            EpuapInbox inbox = box.open();
            IncomingDocument next = inbox.next().orElse(null);
            if (next == null) {
                spec.commandLine().getErr().println("the box is empty: nothing to confirm");
                return 1;
            }
            if (!next.digest().equals(skrot)) {
                spec.commandLine().getErr().println("the next document (" + PrintableText.of(next.fileName()) + ") has skrot " + next.digest()
                        + ", not " + skrot + "; nothing confirmed");
                return 1;
            }
            inbox.confirm(next);
            out.println("confirmed    " + PrintableText.of(next.fileName()) + " (skrot " + skrot + "); " + inbox.pending() + " left");
            out.flush();
            return 0;
        }
    }
}
