package dev.okienko.signature;

import dev.okienko.core.PrintableText;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What okienko says about one time stamp that stands on its own: an RFC 3161 time-stamp token verified as a file
 * (with the data it time-stamps given as detached content), or a document time stamp in a PDF (an LTA PDF's
 * archive time stamp, or a PDF that carries only time stamps). Time stamps over a signature are part of that
 * signature's {@link VerificationReport} ({@link VerificationReport#provenSigningTime()}).
 *
 * @param timestampId DSS's id of the time stamp, unique within the document
 * @param verdict the overall answer: VALID when the token's signature, its TSA certificate chain up to a trusted
 *     anchor and the time-stamped data all verify
 * @param indication the ETSI indication: PASSED, FAILED or INDETERMINATE
 * @param subIndication the ETSI sub-indication, e.g. HASH_FAILURE, NO_CERTIFICATE_CHAIN_FOUND
 * @param productionTime the time the token states (its genTime)
 * @param producedBy the time-stamping authority's name, when found
 * @param qualified whether it is a qualified electronic time stamp (its TSA is qualified on a trusted list)
 * @param qualification DSS's qualification label: {@code QTSA}, {@code TSA} or {@code N/A}
 * @param covered what the time stamp covers: document names or PDF revisions
 * @param errors why it is not valid, in words (empty for a valid one)
 * @param warnings what is worth knowing without changing the verdict, in words
 */
public record TimestampReport(
        String timestampId,
        Verdict verdict,
        String indication,
        @Nullable String subIndication,
        @Nullable Instant productionTime,
        @Nullable String producedBy,
        boolean qualified,
        String qualification,
        List<String> covered,
        List<String> errors,
        List<String> warnings) {

    /** Copies the lists. */
    public TimestampReport {
        covered = List.copyOf(covered);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** @return whether the verdict is VALID */
    public boolean isValid() {
        return verdict == Verdict.VALID;
    }

    /** @return one line for people: verdict, time, authority; made {@linkplain PrintableText printable} */
    public String summary() {
        return PrintableText.of(verdict + (subIndication == null ? "" : " (" + subIndication + ")")
                + (qualified ? ", qualified time stamp" : ", time stamp")
                + (productionTime == null ? "" : " of " + productionTime)
                + (producedBy == null ? "" : " by " + producedBy));
    }
}
