package dev.okienko.signature;

import dev.okienko.core.HttpClients;
import dev.okienko.signature.internal.CachingOcspSource;
import dev.okienko.signature.internal.DssBridge;
import dev.okienko.signature.internal.LargeDocuments;
import dev.okienko.signature.internal.OkHttpDataLoader;
import eu.europa.esig.dss.alert.ExceptionOnStatusAlert;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
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
import java.util.Date;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Makes and extends XAdES and PAdES signatures. Immutable and thread-safe: build one and share it.
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
        Prepared prepared = prepareInternal(document, options, key.chain());
        byte[] value = key.sign(prepared.pending().dataToSign(), prepared.pending().signatureAlgorithm());
        return run("sign", document, () -> signDocument(document, prepared.params(), value));
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
        return prepareInternal(document, options, chain).pending();
    }

    private record Prepared(PendingSignature pending, AbstractSignatureParameters<?> params) {
    }

    private Prepared prepareInternal(Content document, SignatureOptions options, List<X509Certificate> chain) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(options, "options");
        requireTsaFor(options.level());
        // XML signatures carry the signing time to the second; keep exactly what will be signed
        Instant signingTime = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return run("compute the data to sign for", document, () -> {
            AbstractSignatureParameters<?> params = parameters(options, signingTime, chain);
            byte[] toBeSigned = dataToSign(document, params);
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
        requireTsaFor(state.options().level());
        return run("sign", document, () -> {
            List<X509Certificate> chain = state.chain();
            AbstractSignatureParameters<?> params = parameters(state.options(), state.signingTime(), chain);
            byte[] toBeSigned = dataToSign(document, params);
            if (!MessageDigest.isEqual(sha256(toBeSigned), state.dataToSignDigest())) {
                throw new SigningException("cannot sign " + document.name() + ": it is not the document (or the"
                        + " options) the signature was prepared for", null);
            }
            String algorithm = params.getSignatureAlgorithm().getJCEId();
            if (!verifies(chain.get(0), algorithm, toBeSigned, signatureValue)) {
                throw new SigningException("cannot sign " + document.name() + ": the signature value does not verify"
                        + " with the certificate of " + chain.get(0).getSubjectX500Principal().getName(), null);
            }
            return signDocument(document, params, signatureValue);
        });
    }

    private byte[] dataToSign(Content document, AbstractSignatureParameters<?> params) {
        DSSDocument doc = DssBridge.document(document);
        ToBeSigned toBeSigned = params instanceof PAdESSignatureParameters p
                ? padesService(document).getDataToSign(doc, p)
                : xadesService().getDataToSign(doc, (XAdESSignatureParameters) params);
        return toBeSigned.getBytes();
    }

    private Content signDocument(Content document, AbstractSignatureParameters<?> params, byte[] signatureValue) {
        DSSDocument doc = DssBridge.document(document);
        SignatureValue value = new SignatureValue(params.getSignatureAlgorithm(), signatureValue.clone());
        DSSDocument signed = params instanceof PAdESSignatureParameters p
                ? padesService(document).signDocument(doc, p, value)
                : xadesService().signDocument(doc, (XAdESSignatureParameters) params, value);
        return DssBridge.content(signed, document.name());
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
     * @param signed a signed PDF or XML document (for detached XAdES, the signature file)
     * @param target the level to reach
     * @param detachedContent for a detached XAdES signature, the signed content; null otherwise
     * @return the extended document
     * @throws SigningException naming what went wrong
     */
    public Content extend(Content signed, SignatureLevel target, @Nullable Content detachedContent) {
        requireTsaFor(target);
        return run("extend", signed, () -> {
            SignatureFormat format = DssBridge.isPdf(signed) ? SignatureFormat.PADES : SignatureFormat.XADES;
            DSSDocument doc = DssBridge.document(signed);
            DSSDocument extended;
            if (format == SignatureFormat.PADES) {
                PAdESSignatureParameters params = new PAdESSignatureParameters();
                params.setSignatureLevel(DssBridge.level(format, target));
                extended = padesService(signed).extendDocument(doc, params);
            } else {
                XAdESSignatureParameters params = new XAdESSignatureParameters();
                params.setSignatureLevel(DssBridge.level(format, target));
                if (detachedContent != null) {
                    params.setDetachedContents(List.of(DssBridge.document(detachedContent)));
                }
                extended = xadesService().extendDocument(doc, params);
            }
            return DssBridge.content(extended, signed.name());
        });
    }

    private AbstractSignatureParameters<?> parameters(SignatureOptions options, Instant signingTime,
                                                      List<X509Certificate> certificates) {
        List<CertificateToken> chain = DssBridge.tokens(certificates);
        AbstractSignatureParameters<?> params;
        if (options.format() == SignatureFormat.PADES) {
            PAdESSignatureParameters p = new PAdESSignatureParameters();
            options.reason().ifPresent(p::setReason);
            options.location().ifPresent(p::setLocation);
            options.visible().ifPresent(v -> p.setImageParameters(DssBridge.appearance(v)));
            params = p;
        } else {
            XAdESSignatureParameters p = new XAdESSignatureParameters();
            p.setSignaturePackaging(DssBridge.packaging(options.packaging()));
            params = p;
        }
        params.setSignatureLevel(DssBridge.level(options.format(), options.level()));
        params.setDigestAlgorithm(DigestAlgorithm.SHA256);
        params.setSigningCertificate(chain.get(0));
        params.setCertificateChain(chain);
        params.setEncryptionAlgorithm(EncryptionAlgorithm.forKey(chain.get(0).getPublicKey()));
        params.bLevel().setSigningDate(Date.from(signingTime));
        return params;
    }

    private CommonCertificateVerifier certificateVerifier() {
        CommonCertificateVerifier cv = DssBridge.certificateVerifier(trust.dssSources(), http, cache, ocspCache);
        // a signature value that does not verify with the signer's certificate is an error, not a log line
        cv.setAlertOnInvalidSignature(new ExceptionOnStatusAlert());
        return cv;
    }

    private XAdESService xadesService() {
        XAdESService service = new XAdESService(certificateVerifier());
        if (tsa != null) {
            service.setTspSource(tspSource());
        }
        return service;
    }

    private PAdESService padesService(Content document) {
        PAdESService service = new PAdESService(certificateVerifier());
        if (LargeDocuments.isLarge(document)) {
            service.setPdfObjFactory(LargeDocuments.fileBackedPdfFactory());
        }
        if (tsa != null) {
            service.setTspSource(tspSource());
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
