package dev.okienko.testkit.pki.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * An OCSP responder for the test PKI's CAs. Statuses of certificates issued by the issuing CA are signed
 * by a delegated responder certificate (with id-pkix-ocsp-nocheck); statuses of certificates issued by
 * the root are signed by the root itself, as RFC 6960 allows.
 */
public final class OcspResponder {
    private final List<CertificateAuthority> authorities;
    private final CertificateAuthority delegatingCa;
    private final PrivateKey responderKey;
    private final X509Certificate responderCert;
    private final Clock clock;
    private final Duration validity;
    private final DigestCalculatorProvider digests;

    /**
     * @param authorities the CAs whose certificates it answers for
     * @param delegatingCa the CA that issued {@code responderCert}
     * @param responderKey the delegated responder's key
     * @param responderCert the delegated responder's certificate
     * @param clock the responder's clock
     * @param validity how long a response is valid (nextUpdate - thisUpdate)
     */
    public OcspResponder(List<CertificateAuthority> authorities, CertificateAuthority delegatingCa, PrivateKey responderKey,
                         X509Certificate responderCert, Clock clock, Duration validity) {
        this.authorities = List.copyOf(authorities);
        this.delegatingCa = delegatingCa;
        this.responderKey = responderKey;
        this.responderCert = responderCert;
        this.clock = clock;
        this.validity = validity;
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param requestDer a DER OCSPRequest
     * @return a DER OCSPResponse
     */
    public byte[] respond(byte[] requestDer) {
        try {
            OCSPReq request;
            try {
                request = new OCSPReq(requestDer);
            } catch (IOException | IllegalArgumentException | ClassCastException e) {
                return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
            }
            Req[] requests = request.getRequestList();
            if (requests.length == 0) {
                return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
            }
            Optional<CertificateAuthority> signingCa = issuerOf(requests[0].getCertID());
            CertificateAuthority ca = signingCa.orElse(delegatingCa);
            boolean delegated = ca == delegatingCa;
            X509CertificateHolder signerCert = new JcaX509CertificateHolder(delegated ? responderCert : ca.certificate());
            BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(signerCert.getSubject()));
            Instant now = clock.instant();
            for (Req r : requests) {
                CertificateID id = r.getCertID();
                Optional<CertificateAuthority> issuer = issuerOf(id);
                CertificateStatus status = issuer.isEmpty() || issuer.get() != ca
                        ? new UnknownStatus()
                        : statusOf(ca, id);
                b.addResponse(id, status, Date.from(now), Date.from(now.plus(validity)), null);
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                b.setResponseExtensions(new Extensions(nonce));
            }
            X509CertificateHolder[] chain = delegated
                    ? new X509CertificateHolder[] {signerCert}
                    : new X509CertificateHolder[0];
            var basic = b.build(new JcaContentSignerBuilder(CertificateAuthority.SIGNATURE_ALGORITHM)
                    .build(delegated ? responderKey : ca.keys().getPrivate()), chain, Date.from(now));
            OCSPResp response = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
            return response.getEncoded();
        } catch (OCSPException | OperatorCreationException | IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the test OCSP responder failed", e);
        }
    }

    private Optional<CertificateAuthority> issuerOf(CertificateID id) throws OCSPException, GeneralSecurityException {
        for (CertificateAuthority ca : authorities) {
            if (id.matchesIssuer(new JcaX509CertificateHolder(ca.certificate()), digests)) {
                return Optional.of(ca);
            }
        }
        return Optional.empty();
    }

    private static CertificateStatus statusOf(CertificateAuthority ca, CertificateID id) {
        return switch (ca.status(id.getSerialNumber())) {
            case GOOD -> CertificateStatus.GOOD;
            case UNKNOWN -> new UnknownStatus();
            case REVOKED -> {
                CertificateAuthority.Revocation r = ca.revocation(id.getSerialNumber()).orElseThrow();
                yield new RevokedStatus(Date.from(r.time()), r.reason() == CRLReason.unspecified ? CRLReason.unspecified : r.reason());
            }
        };
    }
}
