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

/** {@code okienko sign}: signs a file as XAdES or PAdES. */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {"Signs INPUT as XAdES or PAdES with a PKCS#12 key and writes the result to OUT.",
            "Levels T, LT and LTA need --tsa; LT and LTA also need --trust for the signer's root.",
            "Exit code 0: signed; 1: refused (the message says why)."})
final class SignCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "xades|pades", description = "the signature format")
    private SignatureFormat format;

    @Option(names = "--packaging", paramLabel = "enveloped|enveloping|detached", defaultValue = "enveloped",
            description = "for XAdES: where the signature goes (default: ${DEFAULT-VALUE})")
    private SignaturePackaging packaging;

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

    @Parameters(paramLabel = "INPUT", description = "the file to sign")
    private Path input;

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
            SignatureOptions options = format == SignatureFormat.PADES ? SignatureOptions.pades()
                    : SignatureOptions.xades(packaging);
            options = options.level(level);
            if (reason != null) {
                options = options.reason(reason);
            }
            Content signed = b.build().sign(Content.of(input), options, signingKey);
            signed.writeTo(out);
            stdout.println("signed " + input.getFileName() + " as " + options + " -> " + out + " (" + signed.size() + " bytes)");
            return 0;
        } catch (ClientException | IllegalArgumentException | IllegalStateException e) {
            stderr.println("okienko sign: " + String.valueOf(e.getMessage()).replace("Signer.builder().tsa(uri)", "--tsa URL"));
            return 1;
        }
    }
}
