package dev.okienko.examples;

import dev.okienko.core.ClientException;
import dev.okienko.core.SystemCredentials;
import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureFormat;
import dev.okienko.signature.SignatureLevel;
import dev.okienko.signature.SignatureOptions;
import dev.okienko.signature.SignaturePackaging;
import dev.okienko.signature.Signer;
import dev.okienko.signature.SigningKey;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code okienko sign}: signs a file as XAdES, PAdES or CAdES, or files into an ASiC-E container. */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {"Signs INPUT as XAdES, PAdES or CAdES with a PKCS#12 key and writes the result to OUT;",
            "with --asice, signs one or more INPUT files into an ASiC-E container (XAdES or CAdES inside).",
            "Levels T, LT and LTA need --tsa; LT and LTA also need --trust for the signer's root.",
            "Exit code 0: signed; 1: refused (the message says why)."})
final class SignCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "xades|pades|cades", description = "the signature format")
    private SignatureFormat format;

    @Option(names = "--packaging", paramLabel = "enveloped|enveloping|detached",
            description = "for XAdES: where the signature goes (default: enveloped); for CAdES: enveloping (.p7m, the"
                    + " default) or detached (.p7s)")
    private SignaturePackaging packaging;

    @Option(names = "--asice", description = "put the INPUT files and one signature over all of them into an ASiC-E container")
    private boolean asice;

    @Option(names = "--level", paramLabel = "B|T|LT|LTA", defaultValue = "B", description = "the level (default: ${DEFAULT-VALUE})")
    private SignatureLevel level;

    @Option(names = "--key", required = true, paramLabel = "KEY.p12", description = "the signer's PKCS#12 file")
    private Path key;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "the environment variable holding the key's password (otherwise it is asked for)")
    private String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "a file whose first line is the key's password")
    private Path passwordFile;

    @Option(names = "--tsa", paramLabel = "URL", description = "an RFC 3161 time-stamping authority")
    private URI tsa;

    @Option(names = "--trust", paramLabel = "CERT.pem", description = "a trusted root for LT/LTA (repeatable)")
    private List<Path> trust = new ArrayList<>();

    @Option(names = "--reason", description = "for PAdES: the reason for signing")
    private String reason;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "where to write the signed file")
    private Path out;

    @Parameters(paramLabel = "INPUT", arity = "1..*", description = "the file to sign (with --asice, one or more)")
    private List<Path> inputs;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try {
            char[] password = Passwords.read(passwordEnv, passwordFile, "Password for " + key.getFileName() + ": ");
            SigningKey signingKey = SigningKey.of(SystemCredentials.fromPkcs12(key, password));
            java.util.Arrays.fill(password, '\0');
            Signer.Builder b = Signer.builder().trust(Certificates.trust(trust));
            if (tsa != null) {
                b.tsa(tsa);
            }
            SignatureOptions options = asice ? SignatureOptions.asice(format)
                    : format == SignatureFormat.PADES ? SignatureOptions.pades()
                    : format == SignatureFormat.CADES ? SignatureOptions.cades(packaging == null ? SignaturePackaging.ENVELOPING : packaging)
                    : SignatureOptions.xades(packaging == null ? SignaturePackaging.ENVELOPED : packaging);
            options = options.level(level);
            if (reason != null) {
                options = options.reason(reason);
            }
            List<Content> files = new ArrayList<>();
            for (Path input : inputs) {
                if (!java.nio.file.Files.isRegularFile(input)) {
                    throw new IllegalArgumentException("no such file: " + input);
                }
                files.add(Content.of(input));
            }
            Content signed = b.build().sign(files, options, signingKey);
            signed.writeTo(out);
            stdout.println("signed " + String.join(", ", inputs.stream().map(p -> p.getFileName().toString()).toList())
                    + " as " + options + " -> " + out + " (" + signed.size() + " bytes)");
            return 0;
        } catch (ClientException | IllegalArgumentException | IllegalStateException e) {
            stderr.println("okienko sign: " + String.valueOf(e.getMessage()).replace("Signer.builder().tsa(uri)", "--tsa URL"));
            return 1;
        }
    }
}
