package dev.okienko.signature.internal;

import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.core.PrintableText;
import dev.okienko.signature.Content;
import dev.okienko.signature.ContainerReport;
import dev.okienko.signature.SignatureFormat;
import dev.okienko.signature.SignatureKind;
import dev.okienko.signature.SignatureLevel;
import dev.okienko.signature.SignerIdentity;
import dev.okienko.signature.TimestampReport;
import dev.okienko.signature.Verdict;
import dev.okienko.signature.VerificationReport;
import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.jaxb.XmlContainerInfo;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.enumerations.CertificationPermission;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureQualification;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.enumerations.TimestampQualification;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.simplereport.SimpleReportFacade;
import eu.europa.esig.dss.simplereport.jaxb.XmlSignatureScope;
import eu.europa.esig.dss.simplereport.jaxb.XmlTimestamp;
import eu.europa.esig.dss.validation.reports.Reports;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns DSS's reports into okienko's {@link VerificationReport}s: the verdict with okienko's own additions
 * (PDF overlays), the kind of signature and who signed in Polish e-government terms (trusted profile,
 * personal), whether the signature covers the whole document, and the reasons in words.
 */
public final class DssReports {
    private final List<X509Certificate> trustedProfileSeals;
    private final List<X509Certificate> personalAnchors;

    /**
     * @param trustedProfileSeals the certificates of the trusted-profile seal
     * @param personalAnchors the roots of the e-ID card
     */
    public DssReports(List<X509Certificate> trustedProfileSeals, List<X509Certificate> personalAnchors) {
        this.trustedProfileSeals = List.copyOf(trustedProfileSeals);
        this.personalAnchors = List.copyOf(personalAnchors);
    }

    /**
     * @param reports what DSS found
     * @param signed the document verified
     * @param pdf whether it is a PDF
     * @param shape the XML document's shape, for an XML document
     * @param enveloped whether the signatures were verified without detached content
     * @param blocks the trusted-profile identity blocks per signature Id
     * @return a report per signature, in DSS's order
     */
    public List<VerificationReport> read(Reports reports, Content signed, boolean pdf, @Nullable XmlShape shape,
                                         boolean enveloped, Map<String, TrustedProfileBlocks.Found> blocks) {
        SimpleReport simple = reports.getSimpleReport();
        List<VerificationReport> signatures = new ArrayList<>();
        for (String id : simple.getSignatureIdList()) {
            signatures.add(report(reports, simple, id, blocks, coverage(reports, id, signed, shape, enveloped),
                    pdf ? signed : null));
        }
        return signatures;
    }

    /** Whether the signature covers the whole file it was found in: see {@link VerificationReport#coversWholeDocument()}. */
    private static boolean coverage(Reports reports, String id, Content signed, @Nullable XmlShape shape, boolean enveloped) {
        SignatureWrapper wrapper = reports.getDiagnosticData().getSignatureById(id);
        if (wrapper == null || !enveloped) {
            return false;
        }
        if (shape != null) {
            return shape.coversWholeDocument(wrapper.getDAIdentifier());
        }
        return wrapper.getPDFRevision() != null
                && PdfSignatures.coversWholeFile(wrapper.getPDFRevision().getSignatureByteRange(), signed.size());
    }


    private VerificationReport report(Reports reports, SimpleReport simple, String id,
                                      Map<String, TrustedProfileBlocks.Found> blocks, boolean wholeDocument,
                                      @Nullable Content pdf) {
        Indication indication = simple.getIndication(id);
        SubIndication sub = simple.getSubIndication(id);
        eu.europa.esig.dss.enumerations.SignatureLevel dssLevel = simple.getSignatureFormat(id);
        String formatName = dssLevel == null ? "unknown" : dssLevel.toString();
        SignatureFormat format = formatName.startsWith("XAdES") ? SignatureFormat.XADES
                : formatName.startsWith("PAdES") ? SignatureFormat.PADES
                : formatName.startsWith("CAdES") || formatName.startsWith("CMS") || formatName.startsWith("PKCS7") ? SignatureFormat.CADES
                : formatName.startsWith("JAdES") ? SignatureFormat.JADES : null;
        SignatureLevel level = levelOf(formatName);
        X509Certificate cert = signingCertificate(reports, id);
        Pesel pesel = cert == null ? null : SubjectIdentifiers.pesel(cert).orElse(null);
        Nip nip = cert == null ? null : SubjectIdentifiers.nip(cert).orElse(null);
        String name = cert == null ? simple.getSignedBy(id) : SubjectIdentifiers.commonName(cert).orElse(simple.getSignedBy(id));
        SignatureQualification q = simple.getSignatureQualification(id);
        boolean qualified = q == SignatureQualification.QESIG || q == SignatureQualification.QESEAL;
        List<String> covered = new ArrayList<>();
        for (XmlSignatureScope scope : simple.getSignatureScopes(id)) {
            covered.add(scopeName(scope));
        }
        // qualification findings (trusted-list based) do not change the AdES verdict: they are warnings here
        List<String> errors = new ArrayList<>(messages(simple.getAdESValidationErrors(id)));
        List<String> warnings = new ArrayList<>(messages(simple.getAdESValidationWarnings(id)));
        warnings.addAll(qualification(simple.getQualificationErrors(id)));
        warnings.addAll(qualification(simple.getQualificationWarnings(id)));
        Date claimed = simple.getSigningTime(id);
        Instant proven = provenTime(simple, id);
        Verdict verdict = verdict(indication);
        String indicationName = indication.name();
        String subName = sub == null ? null : sub.name();
        SignatureWrapper wrapper = reports.getDiagnosticData().getSignatureById(id);
        if (pdf != null && wrapper != null && wrapper.getPDFRevision() != null
                && (addsAnnotationsOrFields(wrapper) || changesTheLookOrTheFields(wrapper.getPDFRevision()))) {
            // the revisions are read with PDFBox once, for both comparisons
            List<String> failures = new ArrayList<>();
            try (PdfRevisions revisions = PdfRevisions.open(pdf, wrapper.getPDFRevision().getSignatureByteRange())) {
                if (addsAnnotationsOrFields(wrapper)) {
                    for (PdfAdditions.Addition a : PdfAdditions.after(revisions, annotationsAllowed(reports))) {
                        (a.allowed() ? warnings : failures).add(a.describe());
                    }
                }
                if (changesTheLookOrTheFields(wrapper.getPDFRevision())) {
                    failures.addAll(formFills(revisions, wrapper.getPDFRevision(), warnings));
                }
            }
            if (!failures.isEmpty()) {
                errors.addAll(failures);
                verdict = Verdict.INVALID;
                indicationName = Indication.TOTAL_FAILED.name();
                subName = SubIndication.FORMAT_FAILURE.name();
            }
        }
        TrustedProfileBlocks.Found found = wrapper == null || wrapper.getDAIdentifier() == null ? null
                : blocks.get(wrapper.getDAIdentifier());
        boolean sealed = cert != null && trustedProfileSeals.contains(cert);
        SignerIdentity fromCertificate = new SignerIdentity(
                cert == null ? null : SubjectIdentifiers.givenName(cert).orElse(null),
                cert == null ? null : SubjectIdentifiers.surname(cert).orElse(null), pesel, null,
                SignerIdentity.Source.CERTIFICATE);
        SignerIdentity signer = fromCertificate;
        List<String> notes = new ArrayList<>();
        if (found != null && found.signed() != null) {
            if (sealed && verdict == Verdict.VALID) {
                signer = found.signed();
            } else if (!sealed) {
                notes.add("NOT a trusted profile signature: it carries a trusted-profile identity block, but it is signed by "
                        + (name == null ? "an unknown signer" : name) + ", not by a configured trusted-profile seal;"
                        + " the identity in the block is ignored");
            }
        }
        if (found != null && found.outside() > 0) {
            notes.add(found.outside() + " trusted-profile identity block(s) outside the signed properties were ignored"
                    + " (not covered by the signature, possibly a wrapping attempt)");
        }
        if (sealed && signer == fromCertificate && verdict == Verdict.VALID) {
            notes.add("signed by the trusted-profile seal, but no identity block was found in the signed properties");
        }
        warnings.addAll(0, notes);
        SignatureKind kind = verdict != Verdict.VALID ? SignatureKind.NONE
                : qualified ? SignatureKind.QUALIFIED
                : signer.source() != SignerIdentity.Source.CERTIFICATE ? SignatureKind.TRUSTED_PROFILE
                : chainContains(wrapper, personalAnchors) ? SignatureKind.PERSONAL
                : SignatureKind.ADVANCED;
        return new VerificationReport(id, verdict, kind, indicationName, subName, format,
                formatName, level, claimed == null ? null : claimed.toInstant(), proven, cert, name, signer, pesel, nip,
                qualified, q == null ? "N/A" : q.getReadable(), covered, wholeDocument, errors, warnings);
    }

    /** A scope in words: a CMS signature's enveloped content has no name of its own. */
    private static String scopeName(XmlSignatureScope scope) {
        return (scope.getName() == null ? "the content inside the signature" : scope.getName()) + " (" + scope.getScope() + ")";
    }

    /**
     * @param reports what DSS found
     * @return a report per time stamp that stands on its own: a detached RFC 3161 token, or a PDF's document time
     *     stamps; time stamps over a signature are reported with it
     */
    public static List<TimestampReport> timestamps(Reports reports) {
        SimpleReport simple = reports.getSimpleReport();
        List<TimestampReport> out = new ArrayList<>();
        for (String id : simple.getTimestampIdList()) {
            Indication indication = simple.getIndication(id);
            SubIndication sub = simple.getSubIndication(id);
            TimestampQualification q = simple.getTimestampQualification(id);
            Date time = simple.getProductionTime(id);
            List<String> covered = new ArrayList<>();
            for (XmlSignatureScope scope : simple.getSignatureScopes(id)) {
                covered.add(scopeName(scope));
            }
            List<String> warnings = new ArrayList<>(messages(simple.getAdESValidationWarnings(id)));
            warnings.addAll(qualification(simple.getQualificationErrors(id)));
            warnings.addAll(qualification(simple.getQualificationWarnings(id)));
            out.add(new TimestampReport(id, verdict(indication), indication.name(), sub == null ? null : sub.name(),
                    time == null ? null : time.toInstant(), simple.getProducedBy(id), q == TimestampQualification.QTSA,
                    q == null ? "N/A" : q.getReadable(), covered, messages(simple.getAdESValidationErrors(id)), warnings));
        }
        return out;
    }

    /**
     * @param reports what DSS found in a container
     * @return each file of the container and the signatures that cover it; null when the document was no container
     */
    public static @Nullable ContainerReport container(Reports reports) {
        DiagnosticData data = reports.getDiagnosticData();
        XmlContainerInfo info = data.getContainerInfo();
        if (info == null) {
            return null;
        }
        List<ContainerReport.File> files = new ArrayList<>();
        for (String name : info.getContentFiles()) {
            List<String> by = new ArrayList<>();
            for (SignatureWrapper s : data.getSignatures()) {
                if (s.getSignatureScopes().stream().anyMatch(scope -> name.equals(scope.getName()))) {
                    by.add(s.getId());
                }
            }
            files.add(new ContainerReport.File(name, by));
        }
        if (info.getContentFiles().size() == 1) {
            // an ASiC-S signing several files signs them packed into one ZIP (package.zip): its files are listed
            // after it as package.zip/name, each with the signatures that cover it (DSS's ARCHIVED scopes)
            String pack = info.getContentFiles().get(0);
            Map<String, List<String>> archived = new LinkedHashMap<>();
            for (SignatureWrapper s : data.getSignatures()) {
                for (var scope : s.getSignatureScopes()) {
                    if (scope.getScope() == eu.europa.esig.dss.enumerations.SignatureScopeType.ARCHIVED && scope.getName() != null) {
                        List<String> by = archived.computeIfAbsent(scope.getName(), k -> new ArrayList<>());
                        if (!by.contains(s.getId())) {
                            by.add(s.getId());
                        }
                    }
                }
            }
            archived.forEach((name, by) -> files.add(new ContainerReport.File(pack + "/" + name, by)));
        }
        return new ContainerReport(info.getContainerType() == null ? "unknown" : info.getContainerType().toString(),
                info.getMimeTypeContent(), files);
    }

    /**
     * Judges what DSS's comparison of a PDF's revisions found by the PDF's own rules: form fields filled after signing
     * are reported (a warning when the signature's locks leave them open, an error when FieldMDP or SigFieldLock
     * locks them), and a page that looks different from the signed revision is an error unless filling those fields
     * explains it (DSS's own warning about it is replaced by this judgement).
     *
     * @return the errors; empty when every change is permitted
     */
    private static List<String> formFills(PdfRevisions revisions, eu.europa.esig.dss.diagnostic.PDFRevisionWrapper revision,
                                          List<String> warnings) {
        List<Integer> visual = revision.getPdfVisualDifferenceConcernedPages().stream().map(java.math.BigInteger::intValue).toList();
        PdfFormFills.Judgement judgement = PdfFormFills.judge(revisions, visual);
        warnings.removeIf(w -> w.startsWith("Visual difference is detected"));
        List<String> errors = new ArrayList<>();
        for (PdfFormFills.Fill fill : judgement.fills()) {
            String where = (fill.page() > 0 ? "page " + fill.page() + ": " : "") + "form field \"" + fill.field() + "\"";
            String lock = lockName(revision, fill.field());
            if (lock != null) {
                errors.add(where + " was filled after signing, but the signature locks it (" + lock + ")");
            } else {
                warnings.add(where + " was filled after signing, as the signature's permissions allow");
            }
        }
        for (int page : judgement.unexplained()) {
            errors.add("page " + page + ": visual difference detected: the page looks different from the signed revision,"
                    + " and no form fill the signature permits explains it");
        }
        return errors;
    }

    /** Whether DSS saw a page look different, or fields filled, after this signature: only then are fills judged. */
    private static boolean changesTheLookOrTheFields(eu.europa.esig.dss.diagnostic.PDFRevisionWrapper revision) {
        return !revision.getPdfVisualDifferenceConcernedPages().isEmpty() || !revision.getPdfSignatureOrFormFillChanges().isEmpty();
    }

    /** @return which lock of this signature covers the field (FieldMDP, SigFieldLock), or null when none does */
    private static @Nullable String lockName(eu.europa.esig.dss.diagnostic.PDFRevisionWrapper revision, String field) {
        if (locks(revision.getFieldMDP(), field)) {
            return "FieldMDP";
        }
        return locks(revision.getSigFieldLock(), field) ? "SigFieldLock" : null;
    }

    private static boolean locks(eu.europa.esig.dss.diagnostic.jaxb.@Nullable XmlPDFLockDictionary lock, String field) {
        return lock != null && lock.getAction() != null
                && PdfFormFills.locks(field, lock.getAction().name(), lock.getFields() == null ? List.of() : lock.getFields());
    }

    /**
     * Whether DSS's comparison of the revisions found annotations, form fields or changes it cannot classify
     * after this signature: only then are the pages compared (with PDFBox) to say what was drawn where, so
     * that a PDF extended with revocation data or time stamps only (an LT or LTA signature) is not parsed twice.
     */
    private static boolean addsAnnotationsOrFields(SignatureWrapper signature) {
        var revision = signature.getPDFRevision();
        return !revision.getPdfAnnotationChanges().isEmpty() || !revision.getPdfSignatureOrFormFillChanges().isEmpty()
                || !revision.getPdfUndefinedChanges().isEmpty();
    }

    /** Whether a certification signature in the document allows annotations (DocMDP P=3). */
    private static boolean annotationsAllowed(Reports reports) {
        for (SignatureWrapper s : reports.getDiagnosticData().getSignatures()) {
            if (s.getPDFRevision() != null && s.getPDFRevision().getDocMDPPermissions() != null) {
                return s.getPDFRevision().getDocMDPPermissions() == CertificationPermission.CHANGES_PERMITTED;
            }
        }
        return false;
    }

    /** The earliest production time of a signature time stamp that itself verified, if any. */
    private static @Nullable Instant provenTime(SimpleReport simple, String id) {
        return simple.getSignatureTimestamps(id).stream()
                .filter(t -> t.getIndication() == Indication.PASSED || t.getIndication() == Indication.TOTAL_PASSED)
                .map(XmlTimestamp::getProductionTime)
                .filter(Objects::nonNull)
                .map(Date::toInstant)
                .min(Instant::compareTo)
                .orElse(null);
    }

    private static boolean chainContains(@Nullable SignatureWrapper signature, List<X509Certificate> anchors) {
        if (signature == null || anchors.isEmpty()) {
            return false;
        }
        for (CertificateWrapper c : signature.getCertificateChain()) {
            for (X509Certificate anchor : anchors) {
                try {
                    if (c.getBinaries() != null && Arrays.equals(c.getBinaries(), anchor.getEncoded())) {
                        return true;
                    }
                } catch (java.security.cert.CertificateEncodingException e) {
                    // an anchor that cannot be encoded matches nothing
                }
            }
        }
        return false;
    }

    private static Verdict verdict(Indication indication) {
        return switch (indication) {
            case TOTAL_PASSED, PASSED -> Verdict.VALID;
            case TOTAL_FAILED, FAILED -> Verdict.INVALID;
            default -> Verdict.INDETERMINATE;
        };
    }

    private static @Nullable SignatureLevel levelOf(String formatName) {
        int i = formatName.indexOf("-BASELINE-");
        if (i < 0) {
            return null;
        }
        String suffix = formatName.substring(i + "-BASELINE-".length());
        return Arrays.stream(SignatureLevel.values()).filter(l -> l.name().equals(suffix)).findFirst().orElse(null);
    }

    private static @Nullable X509Certificate signingCertificate(Reports reports, String id) {
        SignatureWrapper signature = reports.getDiagnosticData().getSignatureById(id);
        if (signature == null) {
            return null;
        }
        CertificateWrapper cert = signature.getSigningCertificate();
        if (cert == null || cert.getBinaries() == null) {
            return null;
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(cert.getBinaries()));
        } catch (CertificateException e) {
            return null;
        }
    }

    /** DSS's words for a chain that reaches no trusted list: true, but not something a person can act on as it stands. */
    static final String NO_TRUSTED_LIST = "Unable to build a certificate chain up to a trusted list!";
    /** What okienko says instead. */
    static final String NO_TRUSTED_LIST_EXPLAINED = "not shown to be qualified: the certificate chain leads to no service on a"
            + " trusted list (an anchor given with TrustConfiguration.anchors or --trust makes a signature valid, not qualified;"
            + " configure the national or EU trusted list to tell qualified signatures)";

    /** The qualification findings in words, DSS's unactionable one explained. */
    private static List<String> qualification(List<Message> messages) {
        return messages.stream().map(Message::getValue).map(m -> NO_TRUSTED_LIST.equals(m) ? NO_TRUSTED_LIST_EXPLAINED : m)
                .distinct().toList();
    }

    private static List<String> messages(List<Message> messages) {
        return messages.stream().map(Message::getValue).toList();
    }

    /**
     * @param simpleReportXml DSS's simple report
     * @return it as a page, with every name and message from the document {@linkplain PrintableText printable}
     */
    public static String html(String simpleReportXml) {
        try {
            String fragment = SimpleReportFacade.newFacade().generateHtmlReport(simpleReportXml);
            // names and messages in the report come from the document: no control or bidi character reaches the page
            return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<title>Signature verification report</title></head><body>\n" + PrintableText.ofMultiline(fragment)
                    + "\n</body></html>\n";
        } catch (IOException | javax.xml.transform.TransformerException e) {
            throw new IllegalStateException("cannot render the report as HTML", e);
        }
    }
}
