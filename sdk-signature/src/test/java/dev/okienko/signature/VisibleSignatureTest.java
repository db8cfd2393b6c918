package dev.okienko.signature;

import static dev.okienko.signature.SignerTest.pdf;
import static dev.okienko.signature.SignerTest.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.pades.SignatureFieldParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Visible PAdES signatures, checked by rendering the page with poppler's pdftoppm and looking at it. */
@ExtendWith(TestPkiExtension.class)
class VisibleSignatureTest {
    private static Signer signer;
    private static SignatureVerifier verifier;
    private static SigningKey jan;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp(TestPki pki) {
        Fixture f = Fixture.of(pki);
        signer = f.signer();
        verifier = f.verifier();
        jan = f.jan();
    }

    @Test
    void sign_visibleTextInRectangle_validAndInkedWhereAsked() throws Exception {
        VisibleSignature look = VisibleSignature.text("Podpisano elektronicznie\nJan Kowalski, Łódź").at(1, 300, 80, 220, 70);

        Content signed = signer.sign(pdf(), SignatureOptions.pades().level(SignatureLevel.T).visible(look), jan);

        assertThat(single(verifier.verify(signed)).verdict()).isEqualTo(Verdict.VALID);
        BufferedImage before = render(pdf(), "before");
        BufferedImage after = render(signed, "after-text");
        assertThat(darkPixels(before, 300, 80, 220, 70)).isZero();
        assertThat(darkPixels(after, 300, 80, 220, 70)).isGreaterThan(200);
        assertThat(darkPixels(after, 20, 300, 200, 200)).as("elsewhere on the page").isZero();
    }

    @Test
    void sign_visibleWithImage_showsTheImage() throws Exception {
        VisibleSignature look = VisibleSignature.text("Pieczęć").image(redSquarePng()).at(1, 60, 200, 240, 80);

        Content signed = signer.sign(pdf(), SignatureOptions.pades().visible(look), jan);

        assertThat(single(verifier.verify(signed)).verdict()).isEqualTo(Verdict.VALID);
        assertThat(redPixels(render(signed, "after-image"), 60, 200, 240, 80)).isGreaterThan(500);
    }

    @Test
    void sign_inExistingField_signsThatField() throws Exception {
        PAdESService dss = new PAdESService(new CommonCertificateVerifier());
        SignatureFieldParameters field = new SignatureFieldParameters();
        field.setFieldId("Podpis1");
        field.setPage(1);
        field.setOriginX(100);
        field.setOriginY(400);
        field.setWidth(180);
        field.setHeight(50);
        DSSDocument withField = dss.addNewSignatureField(new InMemoryDocument(pdf().toBytes(), "form.pdf"), field);
        Content form = Content.of(withField.openStream().readAllBytes(), "form.pdf");

        Content signed = signer.sign(form, SignatureOptions.pades().visible(VisibleSignature.text("Jan Kowalski").inField("Podpis1")), jan);

        assertThat(single(verifier.verify(signed)).verdict()).isEqualTo(Verdict.VALID);
        assertThat(darkPixels(render(signed, "after-field"), 100, 400, 180, 50)).isGreaterThan(100);
    }

    @Test
    void sign_unknownField_refusedNamingIt() {
        SignatureOptions options = SignatureOptions.pades().visible(VisibleSignature.text("x").inField("Brak"));

        assertThatThrownBy(() -> signer.sign(pdf(), options, jan))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("Brak");
    }

    @Test
    void visible_onXades_refused() {
        assertThatThrownBy(() -> SignatureOptions.xades(SignaturePackaging.ENVELOPED).visible(VisibleSignature.text("x")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void at_badRectangle_refused() {
        assertThatThrownBy(() -> VisibleSignature.text("x").at(0, 1, 1, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VisibleSignature.text("x").at(1, 1, 1, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Renders page 1 at 72 dpi, so one pixel is one point. */
    private static BufferedImage render(Content pdf, String name) throws Exception {
        ExternalTool.require("pdftoppm", "poppler-utils");
        Path file = pdf.writeTo(dir.resolve(name + ".pdf"));
        ExternalTool.Result r = ExternalTool.run(dir, "pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1",
                "-singlefile", file.toString(), dir.resolve(name).toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        return ImageIO.read(dir.resolve(name + ".png").toFile());
    }

    private static int darkPixels(BufferedImage img, int x, int y, int w, int h) {
        int count = 0;
        for (int i = x; i < x + w; i++) {
            for (int j = y; j < y + h; j++) {
                Color c = new Color(img.getRGB(i, j));
                if (c.getRed() + c.getGreen() + c.getBlue() < 3 * 128) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int redPixels(BufferedImage img, int x, int y, int w, int h) {
        int count = 0;
        for (int i = x; i < x + w; i++) {
            for (int j = y; j < y + h; j++) {
                Color c = new Color(img.getRGB(i, j));
                if (c.getRed() > 180 && c.getGreen() < 80 && c.getBlue() < 80) {
                    count++;
                }
            }
        }
        return count;
    }

    private static byte[] redSquarePng() throws Exception {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 64, 64);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
