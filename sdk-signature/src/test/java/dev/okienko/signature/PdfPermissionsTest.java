package dev.okienko.signature;

import static dev.okienko.signature.SignerTest.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import eu.europa.esig.dss.enumerations.CertificationPermission;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.SignatureFieldParameters;
import eu.europa.esig.dss.pades.SignatureImageParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PDF changes judged by the PDF's own rules (ISO 32000-1 12.8.2): the fill-then-sign workflow of forms, where a later
 * revision fills fields the signer's permissions leave open, keeps the signature VALID and says what was filled;
 * filling against a certification that allows no changes (DocMDP P=1) or a field the signature locks (FieldMDP) makes
 * it INVALID. (Overlays and changed text stay INVALID: SignatureVerifierTest and the hostile corpus.)
 */
@ExtendWith(TestPkiExtension.class)
class PdfPermissionsTest {
    private static SigningKey jan;
    private static SignatureVerifier verifier;

    @BeforeAll
    static void setUp(TestPki pki) {
        Fixture f = Fixture.of(pki);
        jan = f.jan();
        verifier = f.verifier();
    }

    @Test
    void formFilledAfterAnApprovalSignature_valid_andTheFillIsReported() throws IOException {
        byte[] signed = sign(form(false), null, null);
        byte[] filled = fill(signed, "kwota", "1500 PLN");

        VerificationReport r = single(verifier.verify(Content.of(filled, "wniosek.pdf")));

        assertThat(r.verdict()).as("%s %s", r.errors(), r.warnings()).isEqualTo(Verdict.VALID);
        assertThat(r.warnings()).contains("page 1: form field \"kwota\" was filled after signing, as the signature's permissions allow");
        assertThat(r.warnings()).noneSatisfy(w -> assertThat(w).containsIgnoringCase("visual difference"));
    }

    @Test
    void formFilledAfterACertificationThatAllowsFilling_valid() throws IOException {
        byte[] signed = sign(form(false), CertificationPermission.MINIMAL_CHANGES_PERMITTED, null);
        byte[] filled = fill(signed, "kwota", "1500 PLN");

        VerificationReport r = single(verifier.verify(Content.of(filled, "wniosek.pdf")));

        assertThat(r.verdict()).as("%s %s", r.errors(), r.warnings()).isEqualTo(Verdict.VALID);
    }

    @Test
    void formFilledAfterACertificationThatAllowsNoChange_invalid() throws IOException {
        byte[] signed = sign(form(false), CertificationPermission.NO_CHANGE_PERMITTED, null);
        byte[] filled = fill(signed, "kwota", "1500 PLN");

        VerificationReport r = single(verifier.verify(Content.of(filled, "wniosek.pdf")));

        assertThat(r.verdict()).as("%s %s", r.errors(), r.warnings()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void fieldTheSignatureLocks_filledAfterwards_invalid_anotherField_valid() throws IOException {
        byte[] signed = sign(form(true), null, "podpis");

        VerificationReport locked = single(verifier.verify(Content.of(fill(signed, "kwota", "1500 PLN"), "wniosek.pdf")));
        VerificationReport open = single(verifier.verify(Content.of(fill(signed, "uwagi", "brak"), "wniosek.pdf")));

        assertThat(locked.verdict()).as("%s %s", locked.errors(), locked.warnings()).isEqualTo(Verdict.INVALID);
        assertThat(locked.errors()).anySatisfy(e -> assertThat(e).isEqualTo(
                "page 1: form field \"kwota\" was filled after signing, but the signature locks it (FieldMDP)"));
        assertThat(open.verdict()).as("%s %s", open.errors(), open.warnings()).isEqualTo(Verdict.VALID);
    }

    @Test
    void textChangedAfterSigningAForm_staysInvalid() throws IOException {
        byte[] signed = sign(form(false), null, null);
        byte[] changed = TestDocuments.changeTextIncrementally(signed, "Decyzja nr 999/2026");

        VerificationReport r = single(verifier.verify(Content.of(changed, "wniosek.pdf")));

        assertThat(r.verdict()).as("%s %s", r.errors(), r.warnings()).isNotEqualTo(Verdict.VALID);
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).startsWith("page 1: visual difference detected"));
    }

    @Test
    void annotationDrawnOverASignedForm_savedWithObjectStreams_staysInvalid() throws IOException {
        byte[] signed = sign(form(false), null, null);
        byte[] overlaid;
        try (PDDocument doc = Loader.loadPDF(signed)) {
            org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationSquare square =
                    new org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationSquare();
            square.setRectangle(new PDRectangle(50, 600, 400, 150));
            square.setInteriorColor(new org.apache.pdfbox.pdmodel.graphics.color.PDColor(new float[] {1, 1, 1},
                    org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB.INSTANCE));
            square.constructAppearances(doc);
            doc.getPage(0).getAnnotations().add(square);
            doc.getPage(0).getCOSObject().setNeedToBeUpdated(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.saveIncremental(out);
            overlaid = out.toByteArray();
        }

        VerificationReport r = single(verifier.verify(Content.of(overlaid, "wniosek.pdf")));

        assertThat(r.verdict()).as("%s %s", r.errors(), r.warnings()).isEqualTo(Verdict.INVALID);
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("page 1").contains("Square"));
    }

    /**
     * A one-page PDF with text and two empty text fields, kwota and uwagi; with {@code lock}, also an empty signature
     * field "podpis" whose /Lock names kwota (the signature made into it locks that field).
     */
    private static byte[] form(boolean lock) throws IOException {
        try (PDDocument doc = Loader.loadPDF(TestDocuments.pdf("Wniosek o zwrot"))) {
            PDPage page = doc.getPage(0);
            PDAcroForm form = new PDAcroForm(doc);
            doc.getDocumentCatalog().setAcroForm(form);
            PDResources resources = new PDResources();
            resources.put(COSName.getPDFName("Helv"), new PDType1Font(Standard14Fonts.FontName.HELVETICA));
            form.setDefaultResources(resources);
            form.setDefaultAppearance("/Helv 10 Tf 0 g");
            int y = 500;
            for (String name : List.of("kwota", "uwagi")) {
                PDTextField field = new PDTextField(form);
                field.setPartialName(name);
                field.setDefaultAppearance("/Helv 10 Tf 0 g");
                PDAnnotationWidget widget = field.getWidgets().get(0);
                widget.setRectangle(new PDRectangle(100, y, 200, 20));
                widget.setPage(page);
                widget.setPrinted(true);
                page.getAnnotations().add(widget);
                form.getFields().add(field);
                field.setValue(" "); // an appearance stream from the start, as form designers leave one: the fill rewrites it
                y -= 40;
            }
            if (lock) {
                PDSignatureField signature = new PDSignatureField(form);
                signature.setPartialName("podpis");
                COSDictionary lockDict = new COSDictionary();
                lockDict.setItem(COSName.TYPE, COSName.getPDFName("SigFieldLock"));
                lockDict.setItem(COSName.getPDFName("Action"), COSName.getPDFName("Include"));
                COSArray fields = new COSArray();
                fields.add(new COSString("kwota"));
                lockDict.setItem(COSName.getPDFName("Fields"), fields);
                signature.getCOSObject().setItem(COSName.getPDFName("Lock"), lockDict);
                PDAnnotationWidget widget = signature.getWidgets().get(0);
                widget.setRectangle(new PDRectangle(100, 380, 200, 40));
                widget.setPage(page);
                page.getAnnotations().add(widget);
                form.getFields().add(signature);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** Signs with DSS directly: a certification signature (DocMDP) or a signature into a given field are DSS options okienko does not expose. */
    private static byte[] sign(byte[] pdf, CertificationPermission permission, String field) {
        PAdESService service = new PAdESService(new CommonCertificateVerifier());
        PAdESSignatureParameters params = new PAdESSignatureParameters();
        params.setSignatureLevel(eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_B);
        List<CertificateToken> chain = jan.chain().stream().map(CertificateToken::new).toList();
        params.setSigningCertificate(chain.get(0));
        params.setCertificateChain(chain);
        params.setEncryptionAlgorithm(EncryptionAlgorithm.forKey(chain.get(0).getPublicKey()));
        params.setDigestAlgorithm(DigestAlgorithm.SHA256);
        if (permission != null) {
            params.setPermission(permission);
        }
        if (field != null) {
            SignatureImageParameters image = new SignatureImageParameters();
            SignatureFieldParameters fieldParameters = new SignatureFieldParameters();
            fieldParameters.setFieldId(field);
            image.setFieldParameters(fieldParameters);
            params.setImageParameters(image);
        }
        DSSDocument doc = new InMemoryDocument(pdf, "wniosek.pdf");
        ToBeSigned tbs = service.getDataToSign(doc, params);
        byte[] value = jan.sign(tbs.getBytes(), params.getSignatureAlgorithm().getJCEId());
        return DSSUtils.toByteArray(service.signDocument(doc, params, new SignatureValue(params.getSignatureAlgorithm(), value)));
    }

    /** Fills one text field in an incremental update, as a form filler saves it. */
    private static byte[] fill(byte[] pdf, String name, String value) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
            PDTextField field = (PDTextField) form.getField(name);
            field.setValue(value);
            field.getCOSObject().setNeedToBeUpdated(true);
            field.getWidgets().get(0).getCOSObject().setNeedToBeUpdated(true);
            if (field.getWidgets().get(0).getAppearance() != null) {
                field.getWidgets().get(0).getAppearance().getCOSObject().setNeedToBeUpdated(true);
                COSDictionary normal = field.getWidgets().get(0).getAppearance().getCOSObject();
                normal.setNeedToBeUpdated(true);
            }
            form.getCOSObject().setNeedToBeUpdated(true);
            doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.saveIncremental(out);
            return out.toByteArray();
        }
    }
}
