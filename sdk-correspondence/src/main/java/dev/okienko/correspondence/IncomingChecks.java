package dev.okienko.correspondence;

import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureVerifier;
import dev.okienko.signature.VerificationException;
import dev.okienko.signature.VerificationReport;
import dev.okienko.signature.VerificationResult;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What the receivers of both channels check in what arrives: its signatures (with the window's verifier, when it
 * has one), whether it looks like a signed document at all, and the flags a person should see.
 */
final class IncomingChecks {
    private final @Nullable SignatureVerifier verifier;

    /** @param verifier the window's verifier, or null when it checks no signatures */
    IncomingChecks(@Nullable SignatureVerifier verifier) {
        this.verifier = verifier;
    }

    /** @return whether signatures are checked at all */
    boolean verifies() {
        return verifier != null;
    }

    /** Verifies the document's signatures; what is wrong goes to the flags. */
    IncomingItem.SignatureCheck verify(byte[] content, String name, List<String> flags) {
        return verify(Content.of(content, name), looksSigned(content), name, flags);
    }

    IncomingItem.SignatureCheck verify(Content content, boolean xmlOrPdf, String name, List<String> flags) {
        SignatureVerifier verifier = this.verifier;
        if (verifier == null) {
            return new IncomingItem.SignatureCheck("NOT_CHECKED", "no verifier configured (Correspondence.Builder.verifySignatures)");
        }
        try {
            VerificationResult result = verifier.verify(content);
            List<VerificationReport> reports = result.signatures();
            if (reports.isEmpty()) {
                return new IncomingItem.SignatureCheck("UNSIGNED", "no signature");
            }
            String summary = reports.stream().map(VerificationReport::summary).collect(Collectors.joining("\n"));
            String verdict = reports.stream().map(r -> r.verdict().name()).filter(v -> !v.equals("VALID")).findFirst().orElse("VALID");
            if (!verdict.equals("VALID")) {
                flags.add(name + ": a signature is " + verdict + ": " + reports.stream().filter(r -> !r.verdict().name().equals("VALID"))
                        .findFirst().map(VerificationReport::summary).orElse(""));
            }
            return new IncomingItem.SignatureCheck(verdict, summary);
        } catch (VerificationException e) {
            // a file that is neither XML nor PDF is just not a signed document; XML or PDF that cannot be read is suspect
            if (!xmlOrPdf) {
                return new IncomingItem.SignatureCheck("UNSIGNED", "neither XML nor PDF: no signature okienko reads");
            }
            flags.add(name + ": not readable as a signed document: " + e.getMessage());
            return new IncomingItem.SignatureCheck("UNREADABLE", String.valueOf(e.getMessage()));
        }
    }

    /** @return whether the bytes start as XML (after a BOM and white space) or PDF does */
    static boolean looksSigned(byte[] head) {
        int i = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF ? 3 : 0;
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        return i < head.length && (head[i] == '<' || (i + 4 < head.length && head[i] == '%' && head[i + 1] == 'P' && head[i + 2] == 'D'
                && head[i + 3] == 'F'));
    }

    /** @return the flags as one text, a line each; null for none */
    static @Nullable String flags(List<String> flags) {
        return flags.isEmpty() ? null : flags.stream().map(f -> f.replace('\n', ' ').replace('\r', ' ')).collect(Collectors.joining("\n"));
    }
}
