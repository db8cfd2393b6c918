package dev.okienko.testkit.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.okienko.core.SecureXml;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The test kit's XAdES producer, checked by the JDK's XML signature validator (core validation). */
@ExtendWith(TestPkiExtension.class)
class TestXadesSignerTest {

    private static boolean validates(byte[] signed, TestIdentity signer) throws Exception {
        Document doc = SecureXml.parse(signed);
        Element signature = (Element) doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature").item(0);
        DOMValidateContext ctx = new DOMValidateContext(signer.certificate().getPublicKey(), signature);
        Element props = (Element) doc.getElementsByTagNameNS(TestXadesSigner.XADES, "SignedProperties").item(0);
        ctx.setIdAttributeNS(props, null, "Id");
        ctx.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        return XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(ctx).validate(ctx);
    }

    @Test
    void signEnveloped_coreValidationPasses(TestPki pki) throws Exception {
        byte[] signed = TestXadesSigner.signEnveloped(TestDocuments.xmlLetter("List"), pki.person());

        assertThat(validates(signed, pki.person())).isTrue();
        String xml = new String(signed, StandardCharsets.UTF_8);
        assertThat(xml).contains("xades:SigningCertificate>", "xades:SigningTime", "Type=\"http://uri.etsi.org/01903#SignedProperties\"");
    }

    @Test
    void signEnveloped_tamperedContent_failsCoreValidation(TestPki pki) throws Exception {
        String signed = new String(TestXadesSigner.signEnveloped(TestDocuments.xmlLetter("List"), pki.person()),
                StandardCharsets.UTF_8);

        assertThat(validates(signed.replace("zaświadczenia", "decyzji").getBytes(StandardCharsets.UTF_8), pki.person()))
                .isFalse();
    }

    @Test
    void signEnveloped_claimedRoleXml_isInsideSignedProperties(TestPki pki) throws Exception {
        String role = "<EPSignature xmlns=\"http://crd.gov.pl/xml/schematy/podpis_zaufany/\"><NaturalPerson/></EPSignature>";

        byte[] signed = TestXadesSigner.signEnveloped(TestDocuments.xmlLetter("PZ"), pki.trustedProfileSeal(),
                Instant.now(), List.of(role));

        Document doc = SecureXml.parse(signed);
        Element claimed = (Element) doc.getElementsByTagNameNS(TestXadesSigner.XADES, "ClaimedRole").item(0);
        assertThat(claimed.getFirstChild().getLocalName()).isEqualTo("EPSignature");
        assertThat(validates(signed, pki.trustedProfileSeal())).isTrue();
    }

    @Test
    void trustedList_buildSigned_validatesWithSchemeOperatorKey(TestPki pki) throws Exception {
        byte[] tl = TestTrustedList.builder("PL").service("CA", pki.issuingCaCertificate()).buildSigned(pki.trustedListSigner());

        assertThat(validates(tl, pki.trustedListSigner())).isTrue();
        assertThat(new String(tl, StandardCharsets.UTF_8)).contains("<SchemeTerritory>PL</SchemeTerritory>");
    }
}
