package dev.okienko.testkit.pki.internal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.qualified.ETSIQCObjectIdentifiers;
import org.bouncycastle.asn1.x509.qualified.QCStatement;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/** What an end-entity certificate of the test PKI says it is for: its key usages and the extensions of its kind. */
public enum CertificateProfile {
    /** A signing certificate (non-repudiation, digital signature). */
    SIGNING,
    /** An EU qualified certificate for electronic signatures with its key in a QSCD. */
    QUALIFIED,
    /** A time-stamping unit. */
    TSA,
    /** An OCSP responder (with id-pkix-ocsp-nocheck). */
    OCSP,
    /** A TLS server and client certificate for localhost and 127.0.0.1. */
    SERVER;

    /**
     * @param b the certificate being issued
     * @throws CertIOException when an extension cannot be encoded
     */
    public void addExtensions(X509v3CertificateBuilder b) throws CertIOException {
        switch (this) {
            case SIGNING -> b.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.nonRepudiation | KeyUsage.digitalSignature));
            case QUALIFIED -> {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.nonRepudiation));
                // ETSI EN 319 412-5: an EU qualified certificate for electronic signatures, key in a QSCD
                b.addExtension(Extension.qCStatements, false, new DERSequence(new ASN1Encodable[] {
                    new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_QcCompliance),
                    new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_QcSSCD),
                    new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_QcType,
                            new DERSequence(ETSIQCObjectIdentifiers.id_etsi_qct_esign))}));
                // QCP-n-qscd (ETSI EN 319 411-2)
                b.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(
                        new PolicyInformation(new ASN1ObjectIdentifier("0.4.0.194112.1.2"))));
            }
            case TSA -> {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            }
            case OCSP -> {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
                b.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
            }
            case SERVER -> {
                b.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
        }
    }
}
