package dev.okienko.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The signed files of DSS's own tests (shared/vectors/dss: CAdES, ASiC with XAdES and with CAdES, PAdES): okienko
 * recognises each by its structure, verifies it, and agrees with what DSS itself answers offline without trust
 * (EXPECTED.md): as many signatures, the same indication and sub-indication, except where okienko is stricter and
 * says why ({@link #STRICTER}).
 */
class DssVectorsTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([A-Za-z-]+) \\| (.+?) \\|$");
    /** Where okienko's verdict is stricter than DSS's default policy, and why. */
    private static final java.util.Map<String, String> STRICTER = java.util.Map.of(
            // two FreeText annotations (visible text) drawn on the signed page after an approval signature: DSS's default
            // counts annotations as allowed changes; okienko allows new visible annotations only where a certification
            // signature grants them (DocMDP P=3), as an overlay is how a shadow attack shows other text (PdfAdditions)
            "dss-pades/pades-signed-annot-added.pdf", "TOTAL_FAILED/FORMAT_FAILURE");

    static Stream<Arguments> vectors() throws Exception {
        Path dss = Path.of(System.getProperty("okienko.shared.dir", Path.of("..", "..", "shared").toString()), "vectors", "dss");
        assertThat(dss.resolve("EXPECTED.md")).as("the DSS test vectors in shared/ (beside the clone, or -Dokienko.shared.dir)")
                .isRegularFile();
        List<Arguments> out = new ArrayList<>();
        for (String line : Files.readAllLines(dss.resolve("EXPECTED.md"))) {
            Matcher m = ROW.matcher(line.trim());
            if (m.matches()) {
                out.add(Arguments.of(m.group(1), dss.resolve(m.group(1)), m.group(3).trim()));
            }
        }
        assertThat(out).as("the rows of EXPECTED.md").hasSizeGreaterThan(60);
        return out.stream();
    }

    @org.junit.jupiter.api.Test
    void everyFile_isVerified_asDssAnswersIt() throws Exception {
        SignatureVerifier verifier = SignatureVerifier.builder().trust(TrustConfiguration.anchors(List.of())).build();
        org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
        List<Arguments> all = vectors().toList();
        for (Arguments a : all) {
            String name = (String) a.get()[0];
            Path file = (Path) a.get()[1];
            String expected = (String) a.get()[2];
            String actual;
            try {
                VerificationResult result = verifier.verify(Content.of(file));
                actual = String.join(" ", result.signatures().stream()
                        .map(r -> r.indication() + (r.subIndication() == null ? "" : "/" + r.subIndication())).toList());
                if (actual.isEmpty()) {
                    actual = "no signature";
                }
            } catch (VerificationException e) {
                actual = "EXCEPTION";
            }
            soft.assertThat(actual).as(name).isEqualTo(STRICTER.getOrDefault(name, expected));
        }
        soft.assertAll();
    }

    @org.junit.jupiter.api.Test
    void anAsicSOfSeveralFiles_listsThePackage_andEachFileInside_withItsSignatures() throws Exception {
        Path file = ((Path) vectors().filter(a -> a.get()[0].equals("dss-asic-xades/multifiles-ok.asics")).findFirst().orElseThrow()
                .get()[1]);
        VerificationResult result = SignatureVerifier.builder().trust(TrustConfiguration.anchors(List.of())).build()
                .verify(Content.of(file));
        List<String> signatures = result.signatures().stream().map(VerificationReport::signatureId).toList();
        assertThat(signatures).hasSize(2);
        ContainerReport c = result.container().orElseThrow();
        assertThat(c.type()).isEqualTo("ASiC-S");
        assertThat(c.files()).extracting(ContainerReport.File::name)
                .containsExactly("package.zip", "package.zip/test.text", "package.zip/test2.text");
        assertThat(c.files()).allSatisfy(f -> assertThat(f.signatureIds()).containsExactlyElementsOf(signatures));
        assertThat(c.unsigned()).isEmpty();
    }
}
