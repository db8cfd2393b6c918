package dev.okienko.signature.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.signature.Content;
import dev.okienko.signature.VerificationException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The shape rule behind every "is this receipt genuine" answer: which references cover the whole document.
 * Structure only: whether the digests match is DSS's part, tested with real signatures in SignatureVerifierTest
 * and the hostile corpus.
 */
class XmlShapeTest {
    private static final String DS = "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"";
    private static final String ENVELOPED = "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>";
    private static final String EXC_C14N = "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>";

    private static XmlShape shape(String xml) {
        return XmlShape.read(Content.of(xml.getBytes(StandardCharsets.UTF_8), "t.xml"), 64, 10_000);
    }

    private static String signature(String id, String uri, String transforms) {
        return "<ds:Signature " + DS + " Id=\"" + id + "\"><ds:SignedInfo><ds:Reference URI=\"" + uri + "\"><ds:Transforms>"
                + transforms + "</ds:Transforms></ds:Reference><ds:Reference URI=\"#props\" "
                + "Type=\"http://uri.etsi.org/01903#SignedProperties\"/></ds:SignedInfo>"
                + "<ds:Object Id=\"o\">other content</ds:Object></ds:Signature>";
    }

    @Test
    void envelopedReferenceToTheWholeDocument_covers() {
        assertThat(shape("<r><f>1</f>" + signature("s", "", ENVELOPED + EXC_C14N) + "</r>").coversWholeDocument("s")).isTrue();
    }

    @Test
    void referenceToTheRootsUniqueId_covers() {
        assertThat(shape("<r Id=\"root\"><f>1</f>" + signature("s", "#root", ENVELOPED) + "</r>").coversWholeDocument("s"))
                .isTrue();
    }

    @Test
    void referenceToADsObjectOnly_doesNotCover() {
        assertThat(shape("<r><f>1</f>" + signature("s", "#o", "") + "</r>").coversWholeDocument("s")).isFalse();
    }

    @Test
    void rootIdRepeatedElsewhere_doesNotCover() {
        assertThat(shape("<r Id=\"root\"><f Id=\"root\">1</f>" + signature("s", "#root", ENVELOPED) + "</r>")
                .coversWholeDocument("s")).isFalse();
    }

    @Test
    void xpathFilterLeavingFieldsOut_doesNotCover() {
        String filter = "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\">"
                + "<ds:XPath>not(ancestor-or-self::f)</ds:XPath></ds:Transform>";

        assertThat(shape("<r><f>1</f>" + signature("s", "", filter) + "</r>").coversWholeDocument("s")).isFalse();
    }

    @Test
    void xpathFormsOfTheEnvelopedTransform_coverOnlyWithOneSignature() {
        String xpath = "<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xpath-19991116\">"
                + "<ds:XPath> not( ancestor-or-self::ds:Signature ) </ds:XPath></ds:Transform>";
        String filter2 = "<ds:Transform Algorithm=\"http://www.w3.org/2002/06/xmldsig-filter2\">"
                + "<f2:XPath xmlns:f2=\"http://www.w3.org/2002/06/xmldsig-filter2\" Filter=\"subtract\">"
                + "/descendant::ds:Signature</f2:XPath></ds:Transform>";

        assertThat(shape("<r>" + signature("s", "", xpath) + "</r>").coversWholeDocument("s")).isTrue();
        assertThat(shape("<r>" + signature("s", "", filter2) + "</r>").coversWholeDocument("s")).isTrue();
        // a second ds:Signature is taken away by the filter too, and whatever it holds is unsigned
        assertThat(shape("<r>" + signature("s", "", filter2) + "<ds:Signature " + DS + "><f>fake</f></ds:Signature></r>")
                .coversWholeDocument("s")).isFalse();
        // the prefix must name XMLDSig: another namespace's Signature is not the signature
        assertThat(shape("<r xmlns:x=\"urn:x\">" + signature("s", "", filter2.replace("ds:Signature", "x:Signature")) + "</r>")
                .coversWholeDocument("s")).isFalse();
    }

    @Test
    void signatureNotAChildOfTheRoot_doesNotCover() {
        assertThat(shape("<r><w>" + signature("s", "", ENVELOPED) + "</w><f>1</f></r>").coversWholeDocument("s")).isFalse();
    }

    @Test
    void twoSignaturesWithOneId_neitherCovers() {
        String s = signature("s", "", ENVELOPED);

        assertThat(shape("<r>" + s + s + "</r>").coversWholeDocument("s")).isFalse();
    }

    @Test
    void bounds_depthAndElementCount_refusedNamingTheSetting() {
        assertThatThrownBy(() -> shape("<a>".repeat(65) + "</a>".repeat(65))).isInstanceOf(VerificationException.class)
                .hasMessageContaining("more than 64 deep").hasMessageContaining("maxXmlDepth");
        assertThatThrownBy(() -> shape("<r>" + "<a/>".repeat(10_000) + "</r>")).isInstanceOf(VerificationException.class)
                .hasMessageContaining("more than 10000 elements").hasMessageContaining("maxXmlElements");
    }
}
