package dev.okienko.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.okienko.core.Ade;
import dev.okienko.core.ClientException;
import dev.okienko.core.Environment;
import dev.okienko.core.HttpClients;
import dev.okienko.core.Krs;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.core.PrintableText;
import dev.okienko.core.Regon;
import dev.okienko.core.SystemCredentials;
import dev.okienko.edelivery.AddressBook;
import dev.okienko.edelivery.AddressEntry;
import dev.okienko.edelivery.AddressQuery;
import dev.okienko.edelivery.EvidenceInfo;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.OfficialId;
import dev.okienko.edelivery.SendOutcomeUnknownException;
import dev.okienko.edelivery.SendReport;
import dev.okienko.edelivery.SendTask;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code okienko lookup} and {@code okienko send}: e-Doręczenia from the command line. */
final class EDeliveryCommands {
    private EDeliveryCommands() {
    }

    /** Where e-Doręczenia is and which system we are: a simulator.json, or each part given. */
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
            @Option(names = "--token-url", required = true, description = "the OAuth2 token endpoint")
            URI tokenUrl;
            @Option(names = "--se-url", required = true, description = "the SE API base (under it: /search/bae_search, ...)")
            URI seUrl;
            @Option(names = "--ua-url", required = true, description = "the UA API base (under it: /{eDeliveryAddress}/messages, ...)")
            URI uaUrl;
            @Option(names = "--ade", required = true, description = "the system's mailbox address")
            String ade;
            @Option(names = "--system-name", required = true, description = "the system's name in the mailbox")
            String systemName;
            @ArgGroup(exclusive = false, multiplicity = "1")
            SystemKeyOptions key;
            @Option(names = "--mutual-tls", description = "present the system's certificate as the TLS client certificate")
            boolean mutualTls;
            @Option(names = "--trust-anchor", paramLabel = "PEM", description = "trust only servers chaining to these "
                    + "certificates (PEM or DER; for test environments with their own CA); repeatable")
            List<Path> trustAnchors = new ArrayList<>();
        }

        private @Nullable Environment environment;
        private OkHttpClient http = HttpClients.defaultClient();
        private @Nullable Ade ade;
        private @Nullable SignedJwtTokenProvider tokens;

        private void open() {
            if (tokens != null) {
                return;
            }
            SystemCredentials credentials;
            String name;
            if (target.simulator != null) {
                JsonNode edelivery = EpuapCommand.Connection.json(target.simulator).path("edelivery");
                if (edelivery.isMissingNode()) {
                    throw new ClientException(target.simulator + " has no edelivery section: start a newer 'okienko simulate'");
                }
                JsonNode system = edelivery.path("system");
                environment = environment(URI.create(edelivery.path("tokenUrl").asText()), URI.create(edelivery.path("seUrl").asText()),
                        URI.create(edelivery.path("uaUrl").asText()));
                ade = Ade.parse(system.path("ade").asText());
                name = system.path("name").asText();
                credentials = SystemKeyOptions.fromSimulator(system);
                if (edelivery.path("mutualTls").asBoolean(false)) {
                    http = HttpClients.builder().clientCertificate(credentials)
                            .trustAnchors(Certificates.read(Path.of(edelivery.path("trustAnchor").asText()))).build();
                }
            } else {
                Explicit e = java.util.Objects.requireNonNull(target.explicit, "picocli sets one of the two connections");
                environment = environment(e.tokenUrl, e.seUrl, e.uaUrl);
                ade = Ade.parse(e.ade);
                name = e.systemName;
                credentials = e.key.load();
                HttpClients.Builder b = HttpClients.builder();
                if (e.mutualTls) {
                    b.clientCertificate(credentials);
                }
                if (!e.trustAnchors.isEmpty()) {
                    b.trustAnchors(Certificates.readAll(e.trustAnchors));
                }
                http = b.build();
            }
            tokens = SignedJwtTokenProvider.builder().environment(environment).credentials(credentials).system(ade, name)
                    .httpClient(http).build();
        }

        private static Environment environment(URI token, URI se, URI ua) {
            return Environment.builder("custom").endpoint(Environment.Service.EDELIVERY_TOKEN, token)
                    .endpoint(Environment.Service.EDELIVERY_SEARCH, slash(se)).endpoint(Environment.Service.EDELIVERY_MAILBOX, slash(ua))
                    .build();
        }

        private static URI slash(URI u) {
            return u.toString().endsWith("/") ? u : URI.create(u + "/");
        }

        AddressBook addressBook() {
            open();
            return AddressBook.builder().environment(opened(environment)).tokens(opened(tokens)).sender(opened(ade))
                    .httpClient(http).build();
        }

        /** @return the token provider, for a check that a token can be had */
        dev.okienko.edelivery.TokenProvider tokens() {
            open();
            return opened(tokens);
        }

        /** @return the system's own address */
        Ade ade() {
            open();
            return opened(ade);
        }

        Mailbox mailbox() {
            open();
            return Mailbox.builder().environment(opened(environment)).tokens(opened(tokens)).address(opened(ade))
                    .httpClient(http).pollInterval(Duration.ofMillis(500)).build();
        }

        /** What {@code open()} set. */
        private static <T> T opened(@Nullable T value) {
            return java.util.Objects.requireNonNull(value, "the connection is opened first");
        }
    }

    /** {@code okienko lookup}. */
    @Command(name = "lookup", mixinStandardHelpOptions = true,
            description = "Looks e-Delivery addresses up in BAE (the SE API): by an official id, a name and city, or checks one address.")
    static final class Lookup implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Connection connection = new Connection();

        @ArgGroup(exclusive = true, multiplicity = "1")
        By by;

        static final class By {
            @Option(names = "--nip", description = "by NIP") @Nullable String nip;
            @Option(names = "--regon", description = "by REGON") @Nullable String regon;
            @Option(names = "--krs", description = "by KRS number") @Nullable String krs;
            @Option(names = "--pesel", description = "by PESEL") @Nullable String pesel;
            @Option(names = "--name", description = "by an entity's name") @Nullable String name;
            @Option(names = "--confirm", paramLabel = "ADE", description = "confirm one address") @Nullable String ade;
        }

        @Option(names = "--city", description = "only in this city")
        @Nullable String city;
        @Option(names = "--max", description = "show at most this many (default: ${DEFAULT-VALUE})")
        int max = 20;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            AddressBook bae = connection.addressBook();
            List<AddressEntry> found = new ArrayList<>();
            if (by.ade != null) {
                bae.confirm(Ade.parse(by.ade)).ifPresent(found::add);
            } else {
                AddressQuery.Builder q = AddressQuery.builder();
                if (by.name != null) {
                    q.entityName(by.name);
                } else {
                    q.officialId(by.nip != null ? OfficialId.of(Nip.parse(by.nip)) : by.regon != null ? OfficialId.of(Regon.parse(by.regon))
                            : by.krs != null ? OfficialId.of(Krs.parse(by.krs)) : OfficialId.of(Pesel.parse(by.pesel)));
                }
                if (city != null) {
                    q.city(city);
                }
                Iterator<AddressEntry> it = bae.search(q.build());
                while (it.hasNext() && found.size() < max) {
                    found.add(it.next());
                }
            }
            if (found.isEmpty()) {
                out.println("no address found");
                out.flush();
                return 1;
            }
            for (AddressEntry e : found) {
                out.printf("%s  %-20s %s%s  %s%n", e.ade(), e.status(), PrintableText.of(e.displayName()),
                        e.isPublic() ? " (public)" : "", PrintableText.of(e.officialIds().toString()));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code okienko send}. */
    @Command(name = "send", mixinStandardHelpOptions = true,
            description = {"Sends a letter through e-Doręczenia and follows its task to the message ids.",
                "A lost answer is never followed by a second letter: okienko looks for the letter among the sent messages."})
    static final class Send implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Connection connection = new Connection();
        @Option(names = "--to", required = true, description = "a recipient's address (repeat for more, up to 15)")
        List<String> to;
        @Option(names = "--subject", required = true, description = "the subject")
        String subject;
        @Option(names = "--text", description = "the text (at most 5000 characters)")
        @Nullable String text;
        @Option(names = "--attach", description = "a file to attach (repeatable)")
        List<Path> attachments = new ArrayList<>();
        @Option(names = "--case-id", description = "the case id (sygnatura)")
        @Nullable String caseId;
        @Option(names = "--wait", description = "how long to follow the task (default: ${DEFAULT-VALUE})")
        Duration wait = Duration.ofMinutes(2);

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Letter.Builder b = Letter.builder().subject(subject);
            to.forEach(a -> b.to(Ade.parse(a)));
            if (text != null) {
                b.text(text);
            }
            if (caseId != null) {
                b.caseId(caseId);
            }
            for (Path file : attachments) {
                String type = Optional.ofNullable(Files.probeContentType(file)).orElse("application/octet-stream");
                b.attach(file, type);
            }
            Mailbox mailbox = connection.mailbox();
            SendTask task;
            try {
                task = mailbox.send(b.build());
            } catch (SendOutcomeUnknownException e) {
                spec.commandLine().getErr().println("outcome unknown, NOT sent again: " + e.getMessage());
                return 2;
            }
            out.println("task         " + task.taskId() + (task.recovered() ? " (the answer was lost; found among the sent messages)" : ""));
            out.println("send id      " + task.sendId());
            SendReport report = mailbox.await(task, wait);
            for (SendReport.Recipient r : report.recipients()) {
                out.println("to           " + r.address() + ": " + (r.accepted() ? "message " + r.messageId()
                        : "NOT sent: " + r.error() + " " + Optional.ofNullable(r.errorDescription()).orElse("")));
                if (r.accepted()) {
                    String messageId = java.util.Objects.requireNonNull(r.messageId(), "an accepted recipient has a message id");
                    for (EvidenceInfo e : mailbox.evidences(messageId)) {
                        out.println("  evidence   " + e.type() + " " + e.evidenceId() + " at " + e.eventDate());
                    }
                    out.println("  status     " + mailbox.metadata(messageId).status());
                }
            }
            out.flush();
            return report.allAccepted() ? 0 : 1;
        }
    }
}
