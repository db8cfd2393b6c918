package dev.okienko.examples;

import dev.okienko.core.InvalidIdentifierException;
import dev.okienko.core.Pesel;
import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.VerificationReport;
import dev.okienko.signature.VerificationResult;
import java.io.PrintWriter;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.function.Function;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * What every group of demo steps shares: where the demo reports, and whether every step so far got what it
 * expected. Each step says what it expects and what it got.
 */
abstract class DemoSteps {
    /** Names for the subject attributes Polish certificates use that RFC 2253 prints only as OIDs. */
    private static final Map<String, String> NAMES = Map.of("2.5.4.5", "SERIALNUMBER", "2.5.4.97",
            "ORGANIZATIONIDENTIFIER", "2.5.4.42", "GIVENNAME", "2.5.4.4", "SURNAME");

    /** Whether every step so far got what it expected. */
    static final class Results {
        boolean allAsExpected = true;
    }

    protected final PrintWriter out;
    private final Results results;

    DemoSteps(PrintWriter out, Results results) {
        this.out = out;
        this.results = results;
    }

    protected void reportOn(SignatureVerifier verifier, Content signed, String expectedFormat) {
        VerificationResult result = verifier.verify(signed);
        VerificationReport r = result.signatures().get(0);
        out.printf("   %s (%d bytes): %s%n", signed.name(), signed.size(), r.summary());
        report(signed.name().endsWith(".pdf") ? "signed PDF" : "signed letter", "VALID", r.verdict().name());
        report("  format", expectedFormat, r.formatName());
    }

    protected void explain(String label, String value, Function<String, String> parse) {
        try {
            out.printf("   %-14s %-28s valid: %s%n", label, shown(label, value), parse.apply(value));
        } catch (InvalidIdentifierException e) {
            out.printf("   %-14s %-28s INVALID (%s): %s%n", label, shown(label, value), e.defect(), e.getMessage());
        }
    }

    private static String shown(String label, String value) {
        return label.startsWith("PESEL") ? Pesel.mask(value) : value;
    }

    protected void report(String what, String expected, String actual) {
        boolean ok = actual.equals(expected) || actual.startsWith(expected + " ");
        results.allAsExpected &= ok;
        out.printf("   %-24s expected %-17s got %-17s %s%n", what, expected, actual, ok ? "ok" : "<-- UNEXPECTED");
    }

    protected static String cn(@Nullable X509Certificate c) {
        return c == null ? "(no certificate)" : rdn(c, "CN");
    }

    protected static String rdn(X509Certificate c, String type) {
        try {
            String name = c.getSubjectX500Principal().getName(X500Principal.RFC2253, NAMES);
            for (Rdn rdn : new LdapName(name).getRdns()) {
                if (rdn.getType().equalsIgnoreCase(type)) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no " + type + " in " + c.getSubjectX500Principal());
    }

    /** Deletes a temporary folder and what is in it; what cannot be deleted is left for the OS. */
    static void deleteQuietly(java.nio.file.Path folder) {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary folder left behind
        }
    }
}
