package dev.okienko.signature;

import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.core.PrintableText;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What okienko says about one signature: the verdict with the ETSI indication and sub-indication, the
 * format and level found, when it was signed (as claimed, and as proven by a time stamp), who signed (the
 * certificate and the Polish identifiers in it), whether the signature is qualified, what it covers, and
 * the reasons in words.
 *
 * @param signatureId DSS's id of the signature, unique within the document
 * @param verdict the overall answer
 * @param kind qualified, trusted profile, personal or advanced for a valid signature; NONE otherwise
 * @param indication the ETSI indication: TOTAL_PASSED, TOTAL_FAILED or INDETERMINATE
 * @param subIndication the ETSI sub-indication, e.g. HASH_FAILURE, REVOKED_NO_POE, NO_CERTIFICATE_CHAIN_FOUND
 * @param format the format, when recognised
 * @param formatName the full format and level as found, e.g. {@code XAdES-BASELINE-LT}, {@code PAdES-BASELINE-B}
 * @param level the baseline level reached, when it is one
 * @param claimedSigningTime the signing time the signer claims
 * @param provenSigningTime the production time of the earliest signature time stamp that verified: when the
 *     signature provably existed
 * @param signerCertificate the signing certificate, when found
 * @param signerName the signer's common name, when found
 * @param signer who signed: for a trusted-profile signature the person in its identity block, otherwise the
 *     certificate's subject
 * @param pesel the PESEL in the signer's certificate ({@code serialNumber=PNOPL-...}), when there is one
 * @param nip the NIP in the signer's certificate ({@code organizationIdentifier=VATPL-...}), when there is one
 * @param qualified whether the signature is qualified (QES or QSeal per the trusted lists)
 * @param qualification DSS's qualification label, e.g. {@code QESig}, {@code AdESig}, {@code N/A}
 * @param covered what the signature covers: document names, or PDF revisions
 * @param coversWholeDocument whether the signature covers the whole file it was found in, so that no part
 *     of it can have been added or changed unsigned: for XML an enveloped signature (a child of the root
 *     element) with a reference to the whole document ({@code URI=""} or the root's unique Id) that leaves
 *     nothing out (no transform but enveloped-signature and canonicalisation); for PDF a byte range that runs
 *     to the end of the file; never for a detached signature
 * @param errors why the signature is not valid, in words (empty for a valid one)
 * @param warnings what is worth knowing without changing the verdict, in words, including why it is not
 *     qualified
 */
public record VerificationReport(
        String signatureId,
        Verdict verdict,
        SignatureKind kind,
        String indication,
        @Nullable String subIndication,
        @Nullable SignatureFormat format,
        String formatName,
        @Nullable SignatureLevel level,
        @Nullable Instant claimedSigningTime,
        @Nullable Instant provenSigningTime,
        @Nullable X509Certificate signerCertificate,
        @Nullable String signerName,
        SignerIdentity signer,
        @Nullable Pesel pesel,
        @Nullable Nip nip,
        boolean qualified,
        String qualification,
        List<String> covered,
        boolean coversWholeDocument,
        List<String> errors,
        List<String> warnings) {

    /** Copies the lists. */
    public VerificationReport {
        covered = List.copyOf(covered);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** @return whether the verdict is VALID */
    public boolean isValid() {
        return verdict == Verdict.VALID;
    }

    /**
     * Whether this signature proves that exactly this document came from the holder of that certificate: the
     * check for a document that only one party may sign, such as ePUAP's UPP and UPD or an e-Doręczenia
     * evidence, and the one check every "is this receipt genuine" answer in okienko rests on. A valid
     * signature by that certificate over something else (a {@code ds:Object}, one element, an earlier PDF
     * revision) grafted into the document is not enough: its fields would not be the ones signed.
     *
     * @param certificate the certificate it must be made with
     * @return whether the verdict is VALID, the signing certificate is that one (byte for byte) and the
     *     signature {@linkplain #coversWholeDocument() covers the whole document}
     */
    public boolean isValidAndSignedBy(X509Certificate certificate) {
        java.util.Objects.requireNonNull(certificate, "certificate");
        try {
            return verdict == Verdict.VALID && coversWholeDocument && signerCertificate != null
                    && java.util.Arrays.equals(signerCertificate.getEncoded(), certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            return false;
        }
    }

    /** @return the sub-indication, if any */
    public Optional<String> subIndicationValue() {
        return Optional.ofNullable(subIndication);
    }

    /**
     * @return one line for people: verdict, kind, format, signer, time; a signature that carries a
     *     trusted-profile identity it is not entitled to says so at the end. Names from the certificate or the
     *     document are made {@linkplain PrintableText printable}: the summary is always one line.
     */
    public String summary() {
        boolean fromCertificate = signer.source() == SignerIdentity.Source.CERTIFICATE;
        String who = fromCertificate ? signerName : signer.fullName();
        Pesel shownPesel = signer.pesel() != null ? signer.pesel() : pesel;
        boolean falseTrustedProfile = !warnings.isEmpty() && warnings.get(0).startsWith("NOT a trusted profile signature");
        return PrintableText.of(verdict + (subIndication == null ? "" : " (" + subIndication + ")")
                + (kind == SignatureKind.NONE ? "" : ", " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                + ", " + formatName
                + (who == null ? "" : ", signed by " + who)
                + (shownPesel == null ? "" : " (PESEL " + shownPesel + ")")
                // the certificate's NIP is the seal's, not the person's, when the identity came from a block
                + (nip == null || !fromCertificate ? "" : " (NIP " + nip.formatted() + ")")
                + (claimedSigningTime == null ? "" : ", claimed " + claimedSigningTime)
                + (provenSigningTime == null ? "" : ", time-stamped " + provenSigningTime)
                + (falseTrustedProfile ? " - NOT a trusted profile signature" : ""));
    }

    /** @return the summary; the PESEL in it is masked */
    @Override
    public String toString() {
        return "VerificationReport[" + signatureId + ": " + summary() + "]";
    }
}
