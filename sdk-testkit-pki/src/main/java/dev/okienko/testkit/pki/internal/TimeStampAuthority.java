package dev.okienko.testkit.pki.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/** An RFC 3161 time-stamping authority that grants every well-formed request for an accepted digest. */
public final class TimeStampAuthority {
    /** The TSA policy OID the tokens carry (an arc for tests, not a real policy). */
    public static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1.1");

    private final TimeStampResponseGenerator generator;
    private final Clock clock;
    private final AtomicLong serial = new AtomicLong(System.currentTimeMillis());

    /**
     * @param key the TSA's signing key
     * @param chain the TSA certificate first, then its issuers (all are put into each token)
     * @param clock the time the TSA stamps
     */
    public TimeStampAuthority(PrivateKey key, List<X509Certificate> chain, Clock clock) {
        this.clock = clock;
        try {
            SignerInfoGenerator signer = new JcaSimpleSignerInfoGeneratorBuilder()
                    .build(CertificateAuthority.SIGNATURE_ALGORITHM, key, chain.get(0));
            // SHA-256 for the ESS signing-certificate-v2 attribute
            DigestCalculator certDigest = new JcaDigestCalculatorProviderBuilder().build()
                    .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(signer, certDigest, POLICY);
            tokens.addCertificates(new JcaCertStore(chain));
            tokens.setAccuracySeconds(1);
            generator = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
        } catch (GeneralSecurityException | OperatorCreationException | TSPException e) {
            throw new IllegalStateException("cannot set up the test TSA", e);
        }
    }

    /**
     * @param requestDer a DER TimeStampReq
     * @return a DER TimeStampResp: granted, or rejected with the reason for a bad request
     */
    public byte[] respond(byte[] requestDer) {
        try {
            TimeStampRequest request;
            try {
                request = new TimeStampRequest(requestDer);
            } catch (IOException | IllegalArgumentException | ClassCastException e) {
                return generator.generateRejectedResponse(new TSPException("malformed time-stamp request")).getEncoded();
            }
            TimeStampResponse response = generator.generate(request,
                    BigInteger.valueOf(serial.incrementAndGet()), Date.from(clock.instant()));
            return response.getEncoded();
        } catch (TSPException | IOException e) {
            throw new IllegalStateException("the test TSA failed", e);
        }
    }
}
