package dev.okienko.signature;

import dev.okienko.core.HttpClients;
import dev.okienko.core.Nip;
import dev.okienko.core.Pesel;
import dev.okienko.core.PrintableText;
import dev.okienko.core.SecureXml;
import dev.okienko.signature.internal.CachingOcspSource;
import dev.okienko.signature.internal.DssBridge;
import dev.okienko.signature.internal.LargeDocuments;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import dev.okienko.signature.internal.OkHttpDataLoader;
import dev.okienko.signature.internal.SubjectIdentifiers;
import dev.okienko.signature.internal.PdfAdditions;
import dev.okienko.signature.internal.PdfSignatures;
import dev.okienko.signature.internal.TrustedProfileBlocks;
import dev.okienko.signature.internal.XmlShape;
import eu.europa.esig.dss.xades.validation.XMLDocumentValidator;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.x509.CertificateSource;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import java.util.Map;
import dev.okienko.signature.internal.ValidationPolicies;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.enumerations.CertificationPermission;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureQualification;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.enumerations.TokenExtractionStrategy;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.simplereport.SimpleReportFacade;
import eu.europa.esig.dss.simplereport.jaxb.XmlSignatureScope;
import eu.europa.esig.dss.simplereport.jaxb.XmlTimestamp;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Verifies XAdES and PAdES signatures against a {@link TrustConfiguration}. Immutable and thread-safe: the
 * trust material is loaded once, when the verifier is built, and shared by all calls.
 *
 * <pre>{@code
 * SignatureVerifier verifier = SignatureVerifier.builder().trust(TrustConfiguration.anchors(root)).build();
 * for (VerificationReport r : verifier.verify(Content.of(Path.of("wniosek.xml"))).signatures()) {
 *     System.out.println(r.summary());
 * }
 * }</pre>
 *
 * <p>The validation policy is DSS's default (ETSI EN 319 102-1) except that a PDF changed visibly, or in
 * ways PDF does not allow, after the signed revision makes its signature fail rather than warn.
 *
 * <p>Online (the default), missing revocation data is fetched: OCSP first, then CRLs, through okienko's HTTP
 * stack. Answers are reused by later calls of the same verifier until their next update, at most ten
 * minutes (CRLs and issuer certificates for ten minutes). {@link Builder#offline()} uses only what the document carries and never touches the network.
 */
public final class SignatureVerifier {
    /** The default of {@link Builder#maxXmlDepth(int)}: far deeper than any signed form, far from DSS's limits. */
    public static final int DEFAULT_MAX_XML_DEPTH = 256;
    /** The default of {@link Builder#maxXmlElements(long)}. */
    public static final long DEFAULT_MAX_XML_ELEMENTS = 200_000;
    private final TrustConfiguration trust;
    private final @Nullable OkHttpClient http;
    private final OkHttpDataLoader.GetCache cache;
    private final @Nullable CachingOcspSource ocspCache;
    private final Clock clock;
    private final ValidationPolicy policy;
    private final List<X509Certificate> trustedProfileSeals;
    private final List<X509Certificate> personalAnchors;
    private final CommonTrustedCertificateSource personalSource;
    private final int maxXmlDepth;
    private final long maxXmlElements;

    private SignatureVerifier(Builder b) {
        this.policy = ValidationPolicies.okienkoDefault();
        this.trustedProfileSeals = List.copyOf(b.trustedProfileSeals);
        this.personalAnchors = List.copyOf(b.personalAnchors);
        this.personalSource = new CommonTrustedCertificateSource();
        this.personalAnchors.forEach(a -> personalSource.addCertificate(new CertificateToken(a)));
        this.trust = b.trust;
        this.maxXmlDepth = b.maxXmlDepth;
        this.maxXmlElements = b.maxXmlElements;
        this.http = b.offline ? null : (b.http != null ? b.http : HttpClients.defaultClient());
        this.clock = b.clock;
        this.cache = new OkHttpDataLoader.GetCache(Duration.ofMinutes(10), 256, b.clock);
        this.ocspCache = this.http == null ? null
                : new CachingOcspSource(DssBridge.onlineOcsp(this.http), Duration.ofMinutes(10), 1024, b.clock);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param signed a signed XML or PDF document
     * @return a report per signature (none when the document has no signature)
     * @throws VerificationException when the document cannot be read as XML or PDF, or is hostile XML
     */
    public VerificationResult verify(Content signed) {
        return verify(signed, List.of());
    }

    /**
     * @param signature a detached XAdES signature
     * @param detachedContent the content it signs
     * @return a report per signature
     * @throws VerificationException when the document cannot be read
     */
    public VerificationResult verify(Content signature, Content detachedContent) {
        return verify(signature, List.of(detachedContent));
    }

    private VerificationResult verify(Content signed, List<Content> detached) {
        Objects.requireNonNull(signed, "signed");
        DssBridge.Kind kind = kindOf(signed);
        // XML goes through okienko's hardened parser and its bounds before DSS parses it (DSS walks the DOM
        // recursively: a deep or huge document would end in a stack overflow or gigabytes of heap)
        XmlShape shape = kind == DssBridge.Kind.XML ? XmlShape.read(signed, maxXmlDepth, maxXmlElements) : null;
        Reports reports;
        try {
            DSSDocument document = DssBridge.document(signed);
            // the validator is chosen by the structure found above, so that DSS and okienko never disagree
            // on what a file is
            SignedDocumentValidator validator;
            if (kind == DssBridge.Kind.PDF) {
                PDFDocumentValidator pdfValidator = new PDFDocumentValidator(document);
                if (LargeDocuments.isLarge(signed)) {
                    pdfValidator.setPdfObjFactory(LargeDocuments.fileBackedPdfFactory());
                }
                validator = pdfValidator;
            } else {
                validator = new XMLDocumentValidator(document);
            }
            validator.setCertificateVerifier(DssBridge.certificateVerifier(trustSources(), http, cache, ocspCache));
            validator.setValidationTime(Date.from(clock.instant()));
            // put the certificates' bytes into the diagnostic data, so the report can hand out the signer's certificate
            validator.setTokenExtractionStrategy(TokenExtractionStrategy.EXTRACT_CERTIFICATES_ONLY);
            List<DSSDocument> contents = new ArrayList<>();
            for (Content c : detached) {
                contents.add(DssBridge.document(c));
            }
            if (!contents.isEmpty()) {
                validator.setDetachedContents(contents);
            }
            reports = validator.validateDocument(policy);
        } catch (RuntimeException e) {
            throw new VerificationException("cannot verify " + signed.name() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (StackOverflowError e) {
            throw new VerificationException("cannot verify " + signed.name() + ": its structure is too deeply nested", e);
        }
        SimpleReport simple = reports.getSimpleReport();
        Map<String, TrustedProfileBlocks.Found> blocks = shape == null ? Map.of() : TrustedProfileBlocks.read(signed);
        List<VerificationReport> signatures = new ArrayList<>();
        for (String id : simple.getSignatureIdList()) {
            signatures.add(report(reports, simple, id, blocks, coverage(reports, id, signed, shape, detached.isEmpty()),
                    kind == DssBridge.Kind.PDF ? signed : null));
        }
        if (signatures.isEmpty() && kind == DssBridge.Kind.PDF) {
            String damage = PdfSignatures.damage(signed);
            if (damage != null) {
                throw new VerificationException(signed.name() + " is damaged: " + damage);
            }
        }
        // the XML reports are marshalled only when asked for: most callers need the summaries alone
        return new VerificationResult(signatures, reports::getXmlSimpleReport, reports::getXmlDetailedReport,
                reports::getXmlDiagnosticData, reports::getXmlValidationReport, () -> html(reports.getXmlSimpleReport()));
    }

    private static DssBridge.Kind kindOf(Content content) {
        DssBridge.Kind kind;
        try {
            kind = DssBridge.kind(content);
        } catch (java.io.UncheckedIOException e) {
            throw new VerificationException("cannot read " + content.name() + ": " + e.getCause().getMessage(), e);
        }
        return switch (kind) {
            case EMPTY -> throw new VerificationException(content.name() + " is empty");
            case OTHER -> throw new VerificationException(content.name() + " is neither a PDF (no %PDF- header) nor XML"
                    + " (it does not begin with '<')");
            default -> kind;
        };
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

    private CertificateSource[] trustSources() {
        CertificateSource[] sources = trust.dssSources();
        if (personalAnchors.isEmpty()) {
            return sources;
        }
        CertificateSource[] all = Arrays.copyOf(sources, sources.length + 1);
        all[sources.length] = personalSource;
        return all;
    }

    private VerificationReport report(Reports reports, SimpleReport simple, String id,
                                      Map<String, TrustedProfileBlocks.Found> blocks, boolean wholeDocument,
                                      @Nullable Content pdf) {
        Indication indication = simple.getIndication(id);
        SubIndication sub = simple.getSubIndication(id);
        eu.europa.esig.dss.enumerations.SignatureLevel dssLevel = simple.getSignatureFormat(id);
        String formatName = dssLevel == null ? "unknown" : dssLevel.toString();
        SignatureFormat format = formatName.startsWith("XAdES") ? SignatureFormat.XADES
                : formatName.startsWith("PAdES") ? SignatureFormat.PADES : null;
        SignatureLevel level = levelOf(formatName);
        X509Certificate cert = signingCertificate(reports, id);
        Pesel pesel = cert == null ? null : SubjectIdentifiers.pesel(cert).orElse(null);
        Nip nip = cert == null ? null : SubjectIdentifiers.nip(cert).orElse(null);
        String name = cert == null ? simple.getSignedBy(id) : SubjectIdentifiers.commonName(cert).orElse(simple.getSignedBy(id));
        SignatureQualification q = simple.getSignatureQualification(id);
        boolean qualified = q == SignatureQualification.QESIG || q == SignatureQualification.QESEAL;
        List<String> covered = new ArrayList<>();
        for (XmlSignatureScope scope : simple.getSignatureScopes(id)) {
            covered.add(scope.getName() + " (" + scope.getScope() + ")");
        }
        // qualification findings (trusted-list based) do not change the AdES verdict: they are warnings here
        List<String> errors = new ArrayList<>(messages(simple.getAdESValidationErrors(id)));
        List<String> warnings = new ArrayList<>(messages(simple.getAdESValidationWarnings(id)));
        warnings.addAll(messages(simple.getQualificationErrors(id)));
        warnings.addAll(messages(simple.getQualificationWarnings(id)));
        Date claimed = simple.getSigningTime(id);
        Instant proven = provenTime(simple, id);
        Verdict verdict = verdict(indication);
        String indicationName = indication.name();
        String subName = sub == null ? null : sub.name();
        SignatureWrapper wrapper = reports.getDiagnosticData().getSignatureById(id);
        if (pdf != null && wrapper != null && wrapper.getPDFRevision() != null && addsAnnotationsOrFields(wrapper)) {
            for (PdfAdditions.Addition a : PdfAdditions.after(pdf, wrapper.getPDFRevision().getSignatureByteRange(),
                    annotationsAllowed(reports))) {
                if (a.allowed()) {
                    warnings.add(a.describe());
                } else {
                    errors.add(a.describe());
                    verdict = Verdict.INVALID;
                    indicationName = Indication.TOTAL_FAILED.name();
                    subName = SubIndication.FORMAT_FAILURE.name();
                }
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

    private static List<String> messages(List<Message> messages) {
        return messages.stream().map(Message::getValue).toList();
    }

    private static String html(String simpleReportXml) {
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

    /** Builds a {@link SignatureVerifier}. */
    public static final class Builder {
        private TrustConfiguration trust = TrustConfiguration.none();
        private @Nullable OkHttpClient http;
        private boolean offline;
        private Clock clock = Clock.systemUTC();
        private List<X509Certificate> trustedProfileSeals = List.of();
        private List<X509Certificate> personalAnchors = List.of();
        private int maxXmlDepth = DEFAULT_MAX_XML_DEPTH;
        private long maxXmlElements = DEFAULT_MAX_XML_ELEMENTS;

        private Builder() {
        }

        /**
         * @param depth the deepest nesting of elements an XML document may have to be verified; deeper ones
         *     are refused with a {@link VerificationException} before DSS parses them (default
         *     {@value SignatureVerifier#DEFAULT_MAX_XML_DEPTH}; at most one less than okienko's parser limit,
         *     {@value SecureXml#MAX_ELEMENT_DEPTH})
         * @return this
         */
        public Builder maxXmlDepth(int depth) {
            if (depth < 8 || depth >= SecureXml.MAX_ELEMENT_DEPTH) {
                throw new IllegalArgumentException("maxXmlDepth must be from 8 to " + (SecureXml.MAX_ELEMENT_DEPTH - 1)
                        + ", not " + depth);
            }
            this.maxXmlDepth = depth;
            return this;
        }

        /**
         * @param elements the most elements an XML document may have to be verified; larger ones are refused
         *     with a {@link VerificationException} before DSS parses them (default
         *     {@value SignatureVerifier#DEFAULT_MAX_XML_ELEMENTS}). DSS holds the whole document as a DOM and
         *     walks it several times: time and memory grow with the element count, not with the file size.
         *     Detached content is not parsed and not bounded by this.
         * @return this
         */
        public Builder maxXmlElements(long elements) {
            if (elements < 16) {
                throw new IllegalArgumentException("maxXmlElements must be at least 16, not " + elements);
            }
            this.maxXmlElements = elements;
            return this;
        }

        /**
         * @param seals the certificates of the trusted-profile seal (podpis zaufany); only signatures by one of
         *     them, whose identity block sits in the signed properties, are TRUSTED_PROFILE
         * @return this
         */
        public Builder trustedProfileSeals(List<X509Certificate> seals) {
            this.trustedProfileSeals = List.copyOf(seals);
            return this;
        }

        /**
         * @param anchors the roots of the e-ID card (podpis osobisty); they are trusted, and signatures under
         *     them are PERSONAL
         * @return this
         */
        public Builder personalAnchors(List<X509Certificate> anchors) {
            this.personalAnchors = List.copyOf(anchors);
            return this;
        }

        /**
         * @param trust the trusted certificates; without any, no signature can be VALID
         * @return this
         */
        public Builder trust(TrustConfiguration trust) {
            this.trust = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /**
         * @param http the client for OCSP, CRLs and AIA; by default {@link HttpClients#defaultClient()}
         * @return this
         */
        public Builder httpClient(OkHttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /**
         * Never touch the network: use only the certificates, OCSP responses, CRLs and time stamps the
         * document carries (as an LT or LTA signature does).
         *
         * @return this
         */
        public Builder offline() {
            this.offline = true;
            return this;
        }

        /**
         * @param clock the clock that gives the validation time
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return the verifier */
        public SignatureVerifier build() {
            return new SignatureVerifier(this);
        }
    }
}
