package dev.okienko.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.okienko.core.ClientException;
import dev.okienko.core.PrintableText;
import dev.okienko.signature.ContainerReport;
import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureKind;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.SignerIdentity;
import dev.okienko.signature.TimestampReport;
import dev.okienko.signature.Verdict;
import dev.okienko.signature.VerificationReport;
import dev.okienko.signature.VerificationResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code okienko verify}: verifies the signatures in a file. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verifies the signatures and time stamps in FILE (XAdES, PAdES, CAdES, JAdES, ASiC-S and ASiC-E",
            "containers, RFC 3161 time stamps) and says, for each, whether it holds and why; for a container, which",
            "signatures cover each file in it.",
            "Exit code 0: every signature and time stamp valid and every file in a container signed; 1: one invalid,",
            "none found, or a file in a container unsigned; 2: indeterminate; 3: the file could not be read."})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the signed file (for a detached signature or time stamp, the signature or token)")
    private Path file;

    @Option(names = "--detached", paramLabel = "CONTENT",
            description = "the content a detached signature signs, or a detached time stamp time-stamps")
    private Path detached;

    @Option(names = "--trust", paramLabel = "CERT.pem", description = "a trusted certificate (repeatable)")
    private List<Path> trust = new ArrayList<>();

    @Option(names = "--offline", description = "use only the revocation data in the file; no network")
    private boolean offline;

    @Option(names = "--trusted-profile-seal", paramLabel = "CERT.pem",
            description = "a trusted-profile (podpis zaufany) seal certificate (repeatable)")
    private List<Path> trustedProfileSeals = new ArrayList<>();

    @Option(names = "--personal-anchor", paramLabel = "CERT.pem",
            description = "a root of the e-ID card (podpis osobisty) (repeatable)")
    private List<Path> personalAnchors = new ArrayList<>();

    @Option(names = "--reveal-pesel", description = "print PESEL numbers whole (they are personal data; masked by default)")
    private boolean revealPesel;

    @Option(names = "--json", description = "print the reports as JSON")
    private boolean json;

    @Option(names = "--html", paramLabel = "OUT.html", description = "also write DSS's report as an HTML page")
    private Path html;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        VerificationResult result;
        try {
            SignatureVerifier.Builder b = SignatureVerifier.builder().trust(Certificates.trust(trust))
                    .trustedProfileSeals(Certificates.readAll(trustedProfileSeals))
                    .personalAnchors(Certificates.readAll(personalAnchors));
            if (offline) {
                b.offline();
            }
            SignatureVerifier verifier = b.build();
            result = detached == null ? verifier.verify(Content.of(file))
                    : verifier.verify(Content.of(file), Content.of(detached));
            if (html != null) {
                java.nio.file.Files.writeString(html, result.html());
            }
        } catch (ClientException | IllegalArgumentException | java.io.IOException e) {
            err.println("okienko verify: " + e.getMessage());
            return 3;
        }
        if (json) {
            out.println(toJson(result));
        } else {
            printSummary(out, result);
        }
        return exitCode(result);
    }

    private String pesel(dev.okienko.core.Pesel pesel) {
        return revealPesel ? pesel.value() : pesel.masked();
    }

    private static String kindName(SignatureKind kind) {
        return switch (kind) {
            case QUALIFIED -> "qualified signature";
            case TRUSTED_PROFILE -> "trusted profile (podpis zaufany)";
            case PERSONAL -> "personal signature (podpis osobisty)";
            case ADVANCED -> "advanced signature";
            case NONE -> "no kind (does not verify)";
        };
    }

    private static String sourceName(SignerIdentity.Source source) {
        return switch (source) {
            case PODPIS_ZP -> "the PodpisZP identity block";
            case EP_SIGNATURE -> "the EPSignature identity block";
            case CERTIFICATE -> "the certificate";
        };
    }

    static int exitCode(VerificationResult result) {
        List<Verdict> verdicts = new ArrayList<>();
        result.signatures().forEach(r -> verdicts.add(r.verdict()));
        result.timestamps().forEach(t -> verdicts.add(t.verdict()));
        boolean unsignedFile = result.container().map(c -> !c.unsigned().isEmpty()).orElse(false);
        if (verdicts.isEmpty() || verdicts.contains(Verdict.INVALID) || unsignedFile) {
            return 1;
        }
        return verdicts.contains(Verdict.INDETERMINATE) ? 2 : 0;
    }

    /**
     * Prints the reports for a person. Every value that comes from the file or its certificates (names, file
     * names, scopes, DSS's messages quoting them) goes through {@link PrintableText}: one value, one line, no
     * escape sequences. The JSON output stays exact.
     */
    private void printSummary(PrintWriter out, VerificationResult result) {
        String name = PrintableText.of(file.getFileName().toString());
        if (result.signatures().isEmpty() && result.timestamps().isEmpty()) {
            out.println(name + ": no signature or time stamp found");
            printContainer(out, result);
            return;
        }
        out.println(name + ": " + result.signatures().size() + " signature(s)"
                + (result.timestamps().isEmpty() ? "" : ", " + result.timestamps().size() + " time stamp(s) of their own"));
        printContainer(out, result);
        for (VerificationReport r : result.signatures()) {
            out.println();
            out.println("  " + r.verdict() + (r.subIndication() == null ? "" : " (" + r.subIndication() + ")")
                    + "  " + kindName(r.kind()) + "  " + PrintableText.of(r.formatName()));
            SignerIdentity who = r.signer();
            out.println("  signed by   " + PrintableText.of(who.fullName().isEmpty()
                    ? (r.signerName() == null ? "unknown" : r.signerName()) : who.fullName())
                    + (who.pesel() == null ? "" : ", PESEL " + pesel(who.pesel()))
                    + (who.epuapAccountId() == null ? "" : ", ePUAP account " + PrintableText.of(who.epuapAccountId()))
                    + (r.nip() == null ? "" : ", NIP " + r.nip().formatted())
                    + (who.source() == SignerIdentity.Source.CERTIFICATE ? "" : " (from " + sourceName(who.source()) + ")"));
            if (r.claimedSigningTime() != null) {
                out.println("  claimed     " + r.claimedSigningTime());
            }
            if (r.provenSigningTime() != null) {
                out.println("  time stamp  " + r.provenSigningTime());
            }
            if (!r.covered().isEmpty()) {
                out.println("  covers      " + PrintableText.of(String.join(", ", r.covered())));
            }
            for (String e : r.errors()) {
                out.println("  error       " + PrintableText.of(e));
            }
            for (String w : r.warnings()) {
                out.println("  warning     " + PrintableText.of(w));
            }
        }
        for (TimestampReport t : result.timestamps()) {
            out.println();
            out.println("  " + t.verdict() + (t.subIndication() == null ? "" : " (" + t.subIndication() + ")")
                    + "  " + (t.qualified() ? "qualified time stamp" : "time stamp"));
            if (t.productionTime() != null) {
                out.println("  time        " + t.productionTime());
            }
            if (t.producedBy() != null) {
                out.println("  by          " + PrintableText.of(t.producedBy()));
            }
            if (!t.covered().isEmpty()) {
                out.println("  covers      " + PrintableText.of(String.join(", ", t.covered())));
            }
            for (String e : t.errors()) {
                out.println("  error       " + PrintableText.of(e));
            }
            for (String w : t.warnings()) {
                out.println("  warning     " + PrintableText.of(w));
            }
        }
    }

    /** For a container: each file in it and the signatures over it; an unsigned file is called so. */
    private static void printContainer(PrintWriter out, VerificationResult result) {
        result.container().ifPresent(c -> {
            out.println("  container   " + PrintableText.of(c.type()) + (c.mimetype() == null ? ", no mimetype entry"
                    : ", mimetype " + PrintableText.of(c.mimetype())) + ", " + c.files().size() + " file(s)");
            for (ContainerReport.File f : c.files()) {
                out.println("  file        " + PrintableText.of(f.name()) + ": " + (f.signatureIds().isEmpty()
                        ? "NOT SIGNED by any signature in the container" : "signed by " + String.join(", ", f.signatureIds())));
            }
        });
    }

    private String toJson(VerificationResult result) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("file", file.getFileName().toString());
        ArrayNode list = root.putArray("signatures");
        for (VerificationReport r : result.signatures()) {
            ObjectNode s = list.addObject();
            s.put("id", r.signatureId());
            s.put("verdict", r.verdict().name());
            s.put("indication", r.indication());
            s.put("subIndication", r.subIndication());
            s.put("format", r.formatName());
            s.put("level", r.level() == null ? null : r.level().name());
            s.put("claimedSigningTime", r.claimedSigningTime() == null ? null : r.claimedSigningTime().toString());
            s.put("provenSigningTime", r.provenSigningTime() == null ? null : r.provenSigningTime().toString());
            s.put("qualified", r.qualified());
            s.put("kind", r.kind().name());
            ObjectNode signer = s.putObject("signer");
            SignerIdentity who = r.signer();
            signer.put("name", r.signerName());
            signer.put("firstName", who.firstName());
            signer.put("surname", who.surname());
            signer.put("pesel", who.pesel() == null ? null : pesel(who.pesel()));
            signer.put("epuapAccountId", who.epuapAccountId());
            signer.put("source", who.source().name());
            signer.put("nip", r.nip() == null ? null : r.nip().value());
            s.putPOJO("covered", r.covered());
            s.putPOJO("errors", r.errors());
            s.putPOJO("warnings", r.warnings());
        }
        ArrayNode stamps = root.putArray("timestamps");
        for (TimestampReport t : result.timestamps()) {
            ObjectNode o = stamps.addObject();
            o.put("id", t.timestampId());
            o.put("verdict", t.verdict().name());
            o.put("indication", t.indication());
            o.put("subIndication", t.subIndication());
            o.put("productionTime", t.productionTime() == null ? null : t.productionTime().toString());
            o.put("producedBy", t.producedBy());
            o.put("qualified", t.qualified());
            o.putPOJO("covered", t.covered());
            o.putPOJO("errors", t.errors());
            o.putPOJO("warnings", t.warnings());
        }
        result.container().ifPresent(c -> {
            ObjectNode o = root.putObject("container");
            o.put("type", c.type());
            o.put("mimetype", c.mimetype());
            ArrayNode files = o.putArray("files");
            for (ContainerReport.File f : c.files()) {
                files.addObject().put("name", f.name()).putPOJO("signatureIds", f.signatureIds());
            }
        });
        try {
            return mapper.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
