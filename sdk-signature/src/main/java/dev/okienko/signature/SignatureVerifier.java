package dev.okienko.signature;

import dev.okienko.core.HttpClients;
import dev.okienko.core.SecureXml;
import dev.okienko.signature.internal.CachingOcspSource;
import dev.okienko.signature.internal.DssBridge;
import dev.okienko.signature.internal.FileKinds;
import dev.okienko.signature.internal.DssReports;
import dev.okienko.signature.internal.LargeDocuments;
import dev.okienko.signature.internal.OkHttpDataLoader;
import dev.okienko.signature.internal.PdfSignatures;
import dev.okienko.signature.internal.TrustedProfileBlocks;
import dev.okienko.signature.internal.ValidationPolicies;
import dev.okienko.signature.internal.XmlShape;
import dev.okienko.signature.internal.Armor;
import dev.okienko.signature.internal.Containers;
import dev.okienko.signature.internal.TimestampResponses;
import eu.europa.esig.dss.asic.common.validation.AbstractASiCContainerValidator;
import eu.europa.esig.dss.cades.validation.CMSDocumentValidator;
import eu.europa.esig.dss.enumerations.TokenExtractionStrategy;
import eu.europa.esig.dss.jades.validation.JAdESDocumentValidatorFactory;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.validation.timestamp.DetachedTimestampValidator;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.spi.x509.CertificateSource;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import eu.europa.esig.dss.xades.validation.XMLDocumentValidator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Verifies signatures and time stamps against a {@link TrustConfiguration}: XAdES, PAdES, CAdES and JAdES, ASiC-S
 * and ASiC-E containers of XAdES or CAdES (with each file and the signatures over it), RFC 3161 time-stamp tokens
 * and responses, and PDF document time stamps. What a file is, is judged by its structure, never by its name or a
 * substring: a PDF header, markup, a DER SignedData or TimeStampResp, a ZIP local file header, JSON or a compact JWS. Immutable and thread-safe: the
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
    private final List<X509Certificate> personalAnchors;
    private final CommonTrustedCertificateSource personalSource;
    private final DssReports dssReports;
    private final int maxXmlDepth;
    private final long maxXmlElements;

    private SignatureVerifier(Builder b) {
        this.policy = ValidationPolicies.okienkoDefault();
        this.personalAnchors = List.copyOf(b.personalAnchors);
        this.dssReports = new DssReports(b.trustedProfileSeals, personalAnchors);
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
     * @param signed a signed document, signature container or time-stamp token
     * @return a report per signature and per time stamp of its own (none when the document has none)
     * @throws VerificationException when the document is none of the formats above, is damaged, or is hostile XML;
     *     the message names what was recognised
     */
    public VerificationResult verify(Content signed) {
        return verify(signed, List.of());
    }

    /**
     * @param signature a detached XAdES, CAdES or JAdES signature, or an RFC 3161 time-stamp token or response
     * @param detachedContent the content it signs or time-stamps
     * @return a report per signature
     * @throws VerificationException when the document cannot be read
     */
    public VerificationResult verify(Content signature, Content detachedContent) {
        return verify(signature, List.of(detachedContent));
    }

    private VerificationResult verify(Content given, List<Content> detached) {
        Objects.requireNonNull(given, "signed");
        Content signed = given;
        FileKinds.Kind kind = kindOf(given);
        if (kind == FileKinds.Kind.OTHER) {
            Content decoded = unwrap(given);
            if (decoded != null) {
                signed = decoded; // a CMS signature or time stamp saved as PEM or base64 text
                kind = kindOf(decoded);
            }
        }
        refuseUnknown(signed, kind);
        // XML goes through okienko's hardened parser and its bounds before DSS parses it (DSS walks the DOM
        // recursively: a deep or huge document would end in a stack overflow or gigabytes of heap)
        XmlShape shape = kind == FileKinds.Kind.XML ? XmlShape.read(signed, maxXmlDepth, maxXmlElements) : null;
        Reports reports;
        try {
            SignedDocumentValidator validator = validator(signed, kind);
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
        } catch (VerificationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new VerificationException("cannot verify " + signed.name() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (StackOverflowError e) {
            throw new VerificationException("cannot verify " + signed.name() + ": its structure is too deeply nested", e);
        }
        Map<String, TrustedProfileBlocks.Found> blocks = shape == null ? Map.of() : TrustedProfileBlocks.read(signed);
        List<VerificationReport> signatures = dssReports.read(reports, signed, kind == FileKinds.Kind.PDF, shape,
                detached.isEmpty(), blocks);
        List<TimestampReport> timestamps = DssReports.timestamps(reports);
        if (signatures.isEmpty() && kind == FileKinds.Kind.JSON) {
            throw new VerificationException(signed.name() + " is JSON but no JAdES signature: it holds no JWS signature");
        }
        if (signatures.isEmpty() && timestamps.isEmpty() && kind == FileKinds.Kind.PDF) {
            String damage = PdfSignatures.damage(signed);
            if (damage != null) {
                throw new VerificationException(signed.name() + " is damaged: " + damage);
            }
        }
        // the XML reports are marshalled only when asked for: most callers need the summaries alone
        return new VerificationResult(signatures, timestamps, DssReports.container(reports), reports::getXmlSimpleReport,
                reports::getXmlDetailedReport, reports::getXmlDiagnosticData, reports::getXmlValidationReport,
                () -> DssReports.html(reports.getXmlSimpleReport()));
    }

    /**
     * The validator for a file, chosen by the structure found in it, so that DSS and okienko never disagree on what
     * a file is.
     */
    private SignedDocumentValidator validator(Content signed, FileKinds.Kind kind) {
        DSSDocument document = DssBridge.document(signed);
        switch (kind) {
            case PDF -> {
                PDFDocumentValidator pdfValidator;
                try {
                    pdfValidator = new PDFDocumentValidator(document);
                } catch (RuntimeException e) {
                    throw new VerificationException(signed.name() + " has a PDF header but is no PDF okienko can read: "
                            + e.getMessage(), e);
                }
                if (LargeDocuments.isLarge(signed)) {
                    pdfValidator.setPdfObjFactory(LargeDocuments.fileBackedPdfFactory());
                }
                return pdfValidator;
            }
            case CMS -> {
                // an RFC 3161 token is a CMS SignedData too, of a TSTInfo
                return DSSUtils.isTimestampToken(document) ? new DetachedTimestampValidator(document)
                        : new CMSDocumentValidator(document);
            }
            case TIMESTAMP_RESPONSE -> {
                if (signed.size() > TimestampResponses.MAX_SIZE) {
                    throw new VerificationException(signed.name() + " begins as an RFC 3161 time-stamp response but is "
                            + signed.size() + " bytes, more than any is (" + TimestampResponses.MAX_SIZE + ")");
                }
                try {
                    return new DetachedTimestampValidator(new InMemoryDocument(
                            TimestampResponses.token(signed.toBytes()), signed.name()));
                } catch (IllegalArgumentException e) {
                    throw new VerificationException(signed.name() + " is an RFC 3161 time-stamp response, but "
                            + e.getMessage(), e);
                }
            }
            case ZIP -> {
                AbstractASiCContainerValidator container = Containers.validator(document);
                if (container == null) {
                    throw new VerificationException(signed.name() + " is a ZIP archive but no signature container: it has"
                            + " no META-INF folder (" + FileKinds.zipKind(signed) + ")");
                }
                // the XML inside (XAdES signatures, manifests) passes the same bounds as an XML file
                for (DSSDocument xml : Containers.xmlInside(container)) {
                    XmlShape.read(DssBridge.content(xml, "an XML file"), maxXmlDepth, maxXmlElements);
                }
                return container;
            }
            case JSON, JWS_COMPACT -> {
                JAdESDocumentValidatorFactory jades = new JAdESDocumentValidatorFactory();
                if (!jades.isSupported(document)) {
                    throw new VerificationException(signed.name() + (kind == FileKinds.Kind.JSON
                            ? " is JSON but no JAdES signature: not a JWS in JSON serialization (no payload and signatures)"
                            : " looks like a compact JWS but is not one DSS can read"));
                }
                return jades.create(document);
            }
            default -> {
                return new XMLDocumentValidator(document);
            }
        }
    }

    /** What a file is, by its first bytes (read once). */
    private static FileKinds.Kind kindOf(Content content) {
        try {
            return FileKinds.kind(content);
        } catch (java.io.UncheckedIOException e) {
            throw new VerificationException("cannot read " + content.name() + ": " + e.getMessage(), e);
        }
    }

    private static @Nullable Content unwrap(Content content) {
        try {
            return Armor.unwrap(content);
        } catch (java.io.UncheckedIOException e) {
            throw new VerificationException("cannot read " + content.name() + ": " + e.getMessage(), e);
        }
    }

    /** Refuses an empty file and one of no format okienko verifies, naming what was recognised. */
    private static void refuseUnknown(Content content, FileKinds.Kind kind) {
        switch (kind) {
            case EMPTY -> throw new VerificationException(content.name() + " is empty");
            case OTHER -> throw new VerificationException(FileKinds.endsLikeZip(content)
                    ? content.name() + " is a damaged ZIP archive: it ends with a ZIP central directory but does not begin with"
                    + " a ZIP local file header, as a container must"
                    : FileKinds.looksLikeDamagedCms(content)
                    ? content.name() + " is a damaged CMS signature: it names id-signedData in its first bytes but does not"
                    + " begin as a DER SEQUENCE"
                    : content.name() + " is none of the formats okienko verifies: not a PDF"
                    + " (no %PDF- header), not XML (it does not begin with '<'), not a CMS signature or time stamp (no DER"
                    + " SignedData or time-stamp response, in DER, PEM or base64), not a ZIP container, not JSON or a compact JWS");
            default -> {
                // a format okienko verifies
            }
        }
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
