package dev.okienko.signature.internal;

import dev.okienko.signature.Content;
import java.util.Date;
import java.time.Instant;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.signature.AbstractSignatureParameters;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.ASiCContainerType;
import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.asic.xades.ASiCWithXAdESSignatureParameters;
import eu.europa.esig.dss.asic.cades.ASiCWithCAdESSignatureParameters;
import dev.okienko.signature.SignatureOptions;
import dev.okienko.signature.SignatureFormat;
import dev.okienko.signature.SignatureLevel;
import dev.okienko.signature.SignaturePackaging;
import dev.okienko.signature.VisibleSignature;
import eu.europa.esig.dss.enumerations.SignerTextPosition;
import eu.europa.esig.dss.pades.SignatureFieldParameters;
import eu.europa.esig.dss.pades.SignatureImageParameters;
import eu.europa.esig.dss.pades.SignatureImageTextParameters;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.spi.exception.DSSExternalResourceException;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.util.List;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/** Conversions between okienko's signature API and DSS, and the DSS set-up shared by signer and verifier. */
public final class DssBridge {
    private DssBridge() {
    }

    /**
     * @param content okienko content
     * @return a DSS document over the same bytes or file (a file is not read here)
     */
    public static DSSDocument document(Content content) {
        if (content.file().isPresent()) {
            FileDocument doc = new FileDocument(content.file().get().toFile());
            doc.setName(content.name());
            return doc;
        }
        return new InMemoryDocument(content.toBytes(), content.name());
    }

    /**
     * @param document a DSS result
     * @param fallbackName the name to use when DSS gave none
     * @return the result as okienko content (a DSS file stays a file)
     */
    public static Content content(DSSDocument document, String fallbackName) {
        return named(document, document.getName() != null ? document.getName() : fallbackName);
    }

    /**
     * @param document a DSS result
     * @param name the name it is to have
     * @return the result as okienko content of that name (a DSS file stays a file)
     */
    public static Content named(DSSDocument document, String name) {
        if (document instanceof FileDocument file) {
            return Content.of(file.getFile().toPath());
        }
        try (InputStream in = document.openStream()) {
            return Content.of(in.readAllBytes(), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param format XAdES or PAdES
     * @param level the baseline level
     * @return DSS's level
     */
    public static eu.europa.esig.dss.enumerations.SignatureLevel level(SignatureFormat format, SignatureLevel level) {
        return switch (format) {
            case XADES -> switch (level) {
                case B -> eu.europa.esig.dss.enumerations.SignatureLevel.XAdES_BASELINE_B;
                case T -> eu.europa.esig.dss.enumerations.SignatureLevel.XAdES_BASELINE_T;
                case LT -> eu.europa.esig.dss.enumerations.SignatureLevel.XAdES_BASELINE_LT;
                case LTA -> eu.europa.esig.dss.enumerations.SignatureLevel.XAdES_BASELINE_LTA;
            };
            case PADES -> switch (level) {
                case B -> eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_B;
                case T -> eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_T;
                case LT -> eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LT;
                case LTA -> eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LTA;
            };
            case CADES -> switch (level) {
                case B -> eu.europa.esig.dss.enumerations.SignatureLevel.CAdES_BASELINE_B;
                case T -> eu.europa.esig.dss.enumerations.SignatureLevel.CAdES_BASELINE_T;
                case LT -> eu.europa.esig.dss.enumerations.SignatureLevel.CAdES_BASELINE_LT;
                case LTA -> eu.europa.esig.dss.enumerations.SignatureLevel.CAdES_BASELINE_LTA;
            };
            case JADES -> throw new IllegalArgumentException("okienko verifies JAdES signatures but does not make them");
        };
    }

    /**
     * @param packaging okienko's packaging
     * @return DSS's packaging
     */
    public static eu.europa.esig.dss.enumerations.SignaturePackaging packaging(SignaturePackaging packaging) {
        return eu.europa.esig.dss.enumerations.SignaturePackaging.valueOf(packaging.name());
    }

    /**
     * @param chain certificates
     * @return DSS tokens
     */
    public static List<CertificateToken> tokens(List<X509Certificate> chain) {
        return chain.stream().map(CertificateToken::new).toList();
    }

    /**
     * A certificate verifier for one signing or validation run.
     *
     * @param trusted the trusted sources
     * @param http the HTTP client for OCSP, CRL and AIA, or null to use only what documents carry (offline)
     * @param cache the GET cache shared by the loaders
     * @param ocspCache the OCSP source shared by the calls of one signer or verifier, or null for none
     * @return the verifier
     */
    public static CommonCertificateVerifier certificateVerifier(CertificateSource[] trusted,
                                                                @Nullable OkHttpClient http,
                                                                OkHttpDataLoader.@Nullable GetCache cache,
                                                                @Nullable CachingOcspSource ocspCache) {
        CommonCertificateVerifier cv = new CommonCertificateVerifier();
        cv.setTrustedCertSources(trusted);
        if (http == null) {
            cv.setAIASource(null);
            cv.setOcspSource(null);
            cv.setCrlSource(null);
        } else {
            cv.setOcspSource(ocspCache != null ? ocspCache : onlineOcsp(http));
            cv.setCrlSource(new OnlineCRLSource(new OkHttpDataLoader(http, cache)));
            cv.setAIASource(new DefaultAIASource(new OkHttpDataLoader(http, cache)));
        }
        return cv;
    }

    /**
     * @param visible okienko's visible signature
     * @return DSS's image parameters for it
     */
    public static SignatureImageParameters appearance(VisibleSignature visible) {
        SignatureImageParameters image = new SignatureImageParameters();
        SignatureImageTextParameters text = new SignatureImageTextParameters();
        text.setText(visible.text());
        text.setSignerTextPosition(SignerTextPosition.RIGHT);
        image.setTextParameters(text);
        visible.imageBytes().ifPresent(bytes -> image.setImage(new InMemoryDocument(bytes, "appearance")));
        SignatureFieldParameters field = new SignatureFieldParameters();
        if (visible.field().isPresent()) {
            field.setFieldId(visible.field().get());
        } else {
            float[] r = visible.rectangle();
            field.setPage(visible.page());
            field.setOriginX(r[0]);
            field.setOriginY(r[1]);
            field.setWidth(r[2]);
            field.setHeight(r[3]);
        }
        image.setFieldParameters(field);
        return image;
    }

    /**
     * @param http the HTTP client
     * @return DSS's OCSP client on okienko's HTTP stack
     */
    public static OnlineOCSPSource onlineOcsp(OkHttpClient http) {
        OkHttpDataLoader loader = new OkHttpDataLoader(http, null);
        loader.setContentType("application/ocsp-request");
        return new OnlineOCSPSource(loader);
    }

    /**
     * @param e a failure
     * @return whether it came from an unreachable or failing external service (TSA, OCSP, CRL, AIA), as
     *     opposed to a local problem such as an unreadable file
     */
    public static boolean isExternal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DSSExternalResourceException || t instanceof java.net.SocketException
                    || t instanceof java.net.UnknownHostException || t instanceof java.io.InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param options what to make
     * @param signingTime the signing time to claim
     * @param certificates the signer's chain, its certificate first
     * @return DSS's parameters for it: the format's own (PAdES with reason, location and appearance; ASiC-E with
     *     XAdES or CAdES; CAdES or XAdES with their packaging), the level, SHA-256, the chain and the time
     */
    public static AbstractSignatureParameters<?> parameters(SignatureOptions options, Instant signingTime,
                                                            List<X509Certificate> certificates) {
        List<CertificateToken> chain = tokens(certificates);
        AbstractSignatureParameters<?> params;
        if (options.format() == SignatureFormat.PADES) {
            PAdESSignatureParameters p = new PAdESSignatureParameters();
            options.reason().ifPresent(p::setReason);
            options.location().ifPresent(p::setLocation);
            options.visible().ifPresent(v -> p.setImageParameters(appearance(v)));
            params = p;
        } else if (options.asice() && options.format() == SignatureFormat.XADES) {
            ASiCWithXAdESSignatureParameters p = new ASiCWithXAdESSignatureParameters();
            p.aSiC().setContainerType(ASiCContainerType.ASiC_E);
            params = p;
        } else if (options.asice()) {
            ASiCWithCAdESSignatureParameters p = new ASiCWithCAdESSignatureParameters();
            p.aSiC().setContainerType(ASiCContainerType.ASiC_E);
            params = p;
        } else if (options.format() == SignatureFormat.CADES) {
            CAdESSignatureParameters p = new CAdESSignatureParameters();
            p.setSignaturePackaging(packaging(options.packaging()));
            params = p;
        } else {
            XAdESSignatureParameters p = new XAdESSignatureParameters();
            p.setSignaturePackaging(packaging(options.packaging()));
            params = p;
        }
        params.setSignatureLevel(level(options.format(), options.level()));
        params.setDigestAlgorithm(DigestAlgorithm.SHA256);
        params.setSigningCertificate(chain.get(0));
        params.setCertificateChain(chain);
        params.setEncryptionAlgorithm(EncryptionAlgorithm.forKey(chain.get(0).getPublicKey()));
        params.bLevel().setSigningDate(Date.from(signingTime));
        return params;
    }
}
