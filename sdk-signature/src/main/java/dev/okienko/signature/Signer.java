package dev.okienko.signature;

import dev.okienko.core.HttpClients;
import dev.okienko.signature.internal.CachingOcspSource;
import dev.okienko.signature.internal.DssBridge;
import dev.okienko.signature.internal.FileKinds;
import dev.okienko.signature.internal.LargeDocuments;
import dev.okienko.signature.internal.OkHttpDataLoader;
import dev.okienko.signature.internal.Containers;
import eu.europa.esig.dss.alert.ExceptionOnStatusAlert;
import eu.europa.esig.dss.asic.cades.ASiCWithCAdESSignatureParameters;
import eu.europa.esig.dss.asic.cades.signature.ASiCWithCAdESService;
import eu.europa.esig.dss.asic.xades.ASiCWithXAdESSignatureParameters;
import eu.europa.esig.dss.asic.xades.signature.ASiCWithXAdESService;
import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.signature.AbstractSignatureParameters;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.signature.XAdESService;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Makes and extends XAdES, PAdES and CAdES signatures, and ASiC-E containers of XAdES or CAdES. Immutable and thread-safe: build one and share it.
 *
 * <pre>{@code
 * Signer signer = Signer.builder()
 *     .tsa(URI.create("http://tsa.example/"))
 *     .trust(TrustConfiguration.anchors(root))
 *     .build();
 * Content signed = signer.sign(Content.of(Path.of("pismo.xml")),
 *     SignatureOptions.xades(SignaturePackaging.ENVELOPED).level(SignatureLevel.LT), SigningKey.of(credentials));
 * }</pre>
 *
 * <p>Large inputs are streamed: a detached XAdES signature digests its file without loading it, and a PDF file
 * of 32 MB or more is processed through temporary files (the signed PDF is then a temporary file too: move
 * it with {@link Content#writeTo}).
 *
 * <p>Levels T and above need a time-stamping authority; LT and LTA also fetch the OCSP responses or CRLs of
 * the signer's chain (over okienko's HTTP stack) and need the chain to end in a trusted certificate.
 */
public final class Signer {
    private final @Nullable URI tsa;
    private final TrustConfiguration trust;
    private final OkHttpClient http;
    private final OkHttpDataLoader.GetCache cache;
    private final CachingOcspSource ocspCache;
    private final Clock clock;

    private Signer(Builder b) {
        this.tsa = b.tsa;
        this.trust = b.trust;
        this.http = b.http != null ? b.http : HttpClients.defaultClient();
        this.clock = b.clock;
        this.cache = new OkHttpDataLoader.GetCache(Duration.ofMinutes(10), 256, b.clock);
        this.ocspCache = new CachingOcspSource(DssBridge.onlineOcsp(this.http), Duration.ofMinutes(10), 1024, b.clock);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Signs in one call with a key this JVM holds.
     *
     * @param document what to sign: XML for enveloped XAdES, anything for enveloping and detached, a PDF for PAdES
     * @param options the signature to make
     * @param key the signer's key
     * @return the signed document (for detached XAdES, the signature file alone)
     * @throws SigningException naming what went wrong
     */
    public Content sign(Content document, SignatureOptions options, SigningKey key) {
        return sign(List.of(Objects.requireNonNull(document, "document")), options, key);
    }

    /**
     * Signs several files at once into an ASiC-E container ({@link SignatureOptions#asice(SignatureFormat)}), with a
     * key this JVM holds.
     *
     * <pre>{@code
     * Content container = signer.sign(List.of(Content.of(pismo), Content.of(zalacznik)),
     *     SignatureOptions.asice(SignatureFormat.XADES).level(SignatureLevel.T), key);
     * container.writeTo(Path.of("pismo.asice"));
     * }</pre>
     *
     * @param documents the files, each with a distinct name (the name each has in the container)
     * @param options the signature to make; anything but an ASiC-E container takes exactly one file
     * @param key the signer's key
     * @return the container (or, for one file and other options, what {@link #sign(Content, SignatureOptions, SigningKey)} gives)
     * @throws IllegalArgumentException for no files, several files outside a container, or two files of one name
     * @throws SigningException naming what went wrong
     */
    public Content sign(List<Content> documents, SignatureOptions options, SigningKey key) {
        requireFiles(documents, options);
        Prepared prepared = prepareInternal(documents, options, key.chain());
        byte[] value = key.sign(prepared.pending().dataToSign(), prepared.pending().signatureAlgorithm());
        return run("sign", documents.get(0), () -> signDocument(documents, prepared.params(), value));
    }

    private static void requireFiles(List<Content> documents, SignatureOptions options) {
        Objects.requireNonNull(options, "options");
        if (documents.isEmpty()) {
            throw new IllegalArgumentException("nothing to sign: no file given");
        }
        if (documents.size() > 1 && !options.asice()) {
            throw new IllegalArgumentException(documents.size() + " files given, but only an ASiC-E container"
                    + " (SignatureOptions.asice) signs more than one; " + options + " signs one");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Content c : documents) {
            if (!names.add(Objects.requireNonNull(c, "document").name())) {
                throw new IllegalArgumentException("two files are named " + c.name() + ": names in a container must differ");
            }
        }
    }

    /**
     * The first step of a two-step signature: computes what the key must sign.
     *
     * @param document what to sign
     * @param options the signature to make
     * @param chain the signer's certificate first, then its issuers
     * @return the data to sign, the algorithm, and the state for {@link #finish}
     * @throws SigningException naming what went wrong
     */
    public PendingSignature prepare(Content document, SignatureOptions options, List<X509Certificate> chain) {
        return prepareInternal(List.of(Objects.requireNonNull(document, "document")), options, chain).pending();
    }

    private record Prepared(PendingSignature pending, AbstractSignatureParameters<?> params) {
    }

    private Prepared prepareInternal(List<Content> documents, SignatureOptions options, List<X509Certificate> chain) {
        Content document = documents.get(0);
        Objects.requireNonNull(options, "options");
        requireTsaFor(options.level());
        // XML signatures carry the signing time to the second; keep exactly what will be signed
        Instant signingTime = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return run("compute the data to sign for", document, () -> {
            AbstractSignatureParameters<?> params = DssBridge.parameters(options, signingTime, chain);
            byte[] toBeSigned = dataToSign(documents, params);
            SigningState state = new SigningState(options, signingTime, chain, sha256(toBeSigned));
            return new Prepared(new PendingSignature(toBeSigned, params.getSignatureAlgorithm().getJCEId(), state), params);
        });
    }

    /**
     * The second step: builds the signature around a value made elsewhere (remote signing, an HSM). The data
     * to sign is computed again and must be what {@link #prepare} gave, and the value must verify with the
     * signer's certificate; otherwise nothing is built.
     *
     * @param document the same document given to {@link #prepare}
     * @param state the state from {@link PendingSignature#state()}
     * @param signatureValue the signature over {@link PendingSignature#dataToSign()}
     * @return the signed document
     * @throws SigningException naming what went wrong: another document, or a value that does not verify
     */
    public Content finish(Content document, SigningState state, byte[] signatureValue) {
        Objects.requireNonNull(document, "document");
        requireTsaFor(state.options().level());
        return run("sign", document, () -> {
            List<X509Certificate> chain = state.chain();
            AbstractSignatureParameters<?> params = DssBridge.parameters(state.options(), state.signingTime(), chain);
            byte[] toBeSigned = dataToSign(List.of(document), params);
            if (!MessageDigest.isEqual(sha256(toBeSigned), state.dataToSignDigest())) {
                throw new SigningException("cannot sign " + document.name() + ": it is not the document (or the"
                        + " options) the signature was prepared for", null);
            }
            String algorithm = params.getSignatureAlgorithm().getJCEId();
            if (!verifies(chain.get(0), algorithm, toBeSigned, signatureValue)) {
                throw new SigningException("cannot sign " + document.name() + ": the signature value does not verify"
                        + " with the certificate of " + chain.get(0).getSubjectX500Principal().getName(), null);
            }
            return signDocument(List.of(document), params, signatureValue);
        });
    }

    private byte[] dataToSign(List<Content> documents, AbstractSignatureParameters<?> params) {
        return operation(params, documents).toBeSigned().get().getBytes();
    }

    private Content signDocument(List<Content> documents, AbstractSignatureParameters<?> params, byte[] signatureValue) {
        Operation op = operation(params, documents);
        DSSDocument signed = op.sign().apply(new SignatureValue(params.getSignatureAlgorithm(), signatureValue.clone()));
        String first = documents.get(0).name();
        return op.name() == null ? DssBridge.content(signed, first) : DssBridge.named(signed, op.name());
    }

    /**
     * One signing with DSS's service for its parameters: what to sign, how to sign it, and the name of the result.
     *
     * @param toBeSigned the data the signature value is made over
     * @param sign makes the signed document from the signature value
     * @param name the signed file's name for containers and CMS files; null where XAdES and PAdES keep the name DSS
     *     gives, or the document's
     */
    private record Operation(java.util.function.Supplier<ToBeSigned> toBeSigned,
                             java.util.function.Function<SignatureValue, DSSDocument> sign, @Nullable String name) {
    }

    private Operation operation(AbstractSignatureParameters<?> params, List<Content> documents) {
        List<DSSDocument> docs = documents.stream().map(DssBridge::document).toList();
        DSSDocument doc = docs.get(0);
        String first = documents.get(0).name();
        // the ASiC parameters extend the XAdES and CAdES ones: they are asked first
        if (params instanceof ASiCWithXAdESSignatureParameters p) {
            ASiCWithXAdESService service = withTsa(new ASiCWithXAdESService(certificateVerifier()));
            return new Operation(() -> service.getDataToSign(docs, p), v -> service.signDocument(docs, p, v), baseName(first) + ".asice");
        } else if (params instanceof ASiCWithCAdESSignatureParameters p) {
            ASiCWithCAdESService service = withTsa(new ASiCWithCAdESService(certificateVerifier()));
            return new Operation(() -> service.getDataToSign(docs, p), v -> service.signDocument(docs, p, v), baseName(first) + ".asice");
        } else if (params instanceof PAdESSignatureParameters p) {
            PAdESService service = padesService(documents.get(0));
            return new Operation(() -> service.getDataToSign(doc, p), v -> service.signDocument(doc, p, v), null);
        } else if (params instanceof CAdESSignatureParameters p) {
            CAdESService service = withTsa(new CAdESService(certificateVerifier()));
            String suffix = p.getSignaturePackaging() == eu.europa.esig.dss.enumerations.SignaturePackaging.DETACHED ? ".p7s" : ".p7m";
            return new Operation(() -> service.getDataToSign(doc, p), v -> service.signDocument(doc, p, v), first + suffix);
        }
        XAdESSignatureParameters p = (XAdESSignatureParameters) params;
        XAdESService service = xadesService();
        return new Operation(() -> service.getDataToSign(doc, p), v -> service.signDocument(doc, p, v), null);
    }

    private static String baseName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** @return the service, with the TSA when the signer has one */
    private <S extends eu.europa.esig.dss.signature.AbstractSignatureService<?, ?>> S withTsa(S service) {
        if (tsa != null) {
            service.setTspSource(tspSource());
        }
        return service;
    }

    private static boolean verifies(X509Certificate cert, String algorithm, byte[] data, byte[] value) {
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(data);
            return verifier.verify(value);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Extends a signed document to a higher level, e.g. B to LT for long-term archiving, or LTA again to
     * renew its archive time stamp.
     *
     * @param signed a signed PDF, XML document, CMS signature or ASiC container (for a detached signature, the
     *     signature file)
     * @param target the level to reach
     * @param detachedContent for a detached XAdES or CAdES signature, the signed content; null otherwise
     * @return the extended document
     * @throws SigningException naming what went wrong
     */
    public Content extend(Content signed, SignatureLevel target, @Nullable Content detachedContent) {
        requireTsaFor(target);
        return run("extend", signed, () -> {
            FileKinds.Kind kind = FileKinds.kind(signed);
            SignatureFormat format = kind == FileKinds.Kind.PDF ? SignatureFormat.PADES : SignatureFormat.XADES;
            DSSDocument doc = DssBridge.document(signed);
            DSSDocument extended;
            List<DSSDocument> detached = detachedContent == null ? List.of() : List.of(DssBridge.document(detachedContent));
            if (kind == FileKinds.Kind.CMS) {
                CAdESSignatureParameters params = new CAdESSignatureParameters();
                params.setSignatureLevel(DssBridge.level(SignatureFormat.CADES, target));
                params.setDetachedContents(detached);
                extended = withTsa(new CAdESService(certificateVerifier())).extendDocument(doc, params);
            } else if (kind == FileKinds.Kind.ZIP) {
                var container = Containers.validator(doc);
                if (container instanceof eu.europa.esig.dss.asic.xades.validation.ASiCContainerWithXAdESValidator) {
                    ASiCWithXAdESSignatureParameters params = new ASiCWithXAdESSignatureParameters();
                    params.setSignatureLevel(DssBridge.level(SignatureFormat.XADES, target));
                    params.aSiC().setContainerType(container.getContainerType());
                    extended = withTsa(new ASiCWithXAdESService(certificateVerifier())).extendDocument(doc, params);
                } else if (container != null) {
                    ASiCWithCAdESSignatureParameters params = new ASiCWithCAdESSignatureParameters();
                    params.setSignatureLevel(DssBridge.level(SignatureFormat.CADES, target));
                    params.aSiC().setContainerType(container.getContainerType());
                    extended = withTsa(new ASiCWithCAdESService(certificateVerifier())).extendDocument(doc, params);
                } else {
                    throw new SigningException("cannot extend " + signed.name() + ": a ZIP archive but no signature container", null);
                }
            } else if (format == SignatureFormat.PADES) {
                PAdESSignatureParameters params = new PAdESSignatureParameters();
                params.setSignatureLevel(DssBridge.level(format, target));
                extended = padesService(signed).extendDocument(doc, params);
            } else {
                XAdESSignatureParameters params = new XAdESSignatureParameters();
                params.setSignatureLevel(DssBridge.level(format, target));
                if (!detached.isEmpty()) {
                    params.setDetachedContents(detached);
                }
                extended = xadesService().extendDocument(doc, params);
            }
            return DssBridge.content(extended, signed.name());
        });
    }

    private CommonCertificateVerifier certificateVerifier() {
        CommonCertificateVerifier cv = DssBridge.certificateVerifier(trust.dssSources(), http, cache, ocspCache);
        // a signature value that does not verify with the signer's certificate is an error, not a log line
        cv.setAlertOnInvalidSignature(new ExceptionOnStatusAlert());
        return cv;
    }

    private XAdESService xadesService() {
        return withTsa(new XAdESService(certificateVerifier()));
    }

    private PAdESService padesService(Content document) {
        PAdESService service = withTsa(new PAdESService(certificateVerifier()));
        if (LargeDocuments.isLarge(document)) {
            service.setPdfObjFactory(LargeDocuments.fileBackedPdfFactory());
        }
        return service;
    }

    private OnlineTSPSource tspSource() {
        OkHttpDataLoader loader = new OkHttpDataLoader(http, null);
        loader.setContentType("application/timestamp-query");
        return new OnlineTSPSource(Objects.requireNonNull(tsa).toString(), loader);
    }

    private void requireTsaFor(SignatureLevel level) {
        if (level != SignatureLevel.B && tsa == null) {
            throw new SigningException("level " + level + " needs a time-stamping authority: Signer.builder().tsa(uri)", null);
        }
    }

    private interface Step<T> {
        T run();
    }

    private static <T> T run(String what, Content document, Step<T> step) {
        try {
            return step.run();
        } catch (SigningException e) {
            throw e;
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new SigningException("cannot " + what + " " + document.name() + ": " + reason, e, DssBridge.isExternal(e));
        }
    }

    @Override
    public String toString() {
        return "Signer[tsa=" + tsa + ", " + trust + "]";
    }

    /** Builds a {@link Signer}. */
    public static final class Builder {
        private @Nullable URI tsa;
        private TrustConfiguration trust = TrustConfiguration.none();
        private @Nullable OkHttpClient http;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * @param tsa an RFC 3161 time-stamping authority, needed for levels T, LT and LTA
         * @return this
         */
        public Builder tsa(URI tsa) {
            this.tsa = Objects.requireNonNull(tsa, "tsa");
            return this;
        }

        /**
         * @param trust where the signer's chain must end for levels LT and LTA
         * @return this
         */
        public Builder trust(TrustConfiguration trust) {
            this.trust = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /**
         * @param http the client for the TSA, OCSP, CRLs and AIA; by default {@link HttpClients#defaultClient()}
         * @return this
         */
        public Builder httpClient(OkHttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /**
         * @param clock the clock the claimed signing time is read from
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return the signer */
        public Signer build() {
            return new Signer(this);
        }
    }
}
