package dev.okienko.signature.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.okienko.signature.Content;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TrustedProfileBlocksTest {

    @Test
    void mentionsIdentityNamespaces_findsEitherNamespaceAcrossChunkBoundaries() {
        for (String ns : new String[] {TrustedProfileBlocks.PPZP, TrustedProfileBlocks.PODPIS_ZAUFANY}) {
            for (int offset : new int[] {0, 65_536 - 10, 65_536 - 1, 65_536, 200_000}) {
                byte[] doc = ("<r>" + "x".repeat(offset) + "<b xmlns=\"" + ns + "\"/></r>").getBytes(StandardCharsets.US_ASCII);
                assertThat(TrustedProfileBlocks.mentionsIdentityNamespaces(Content.of(doc, "d.xml")))
                        .as("%s at %d", ns, offset).isTrue();
            }
        }
    }

    @Test
    void mentionsIdentityNamespaces_ordinaryDocument_false() {
        byte[] doc = ("<r xmlns=\"urn:x\">" + "tekst ".repeat(50_000) + "</r>").getBytes(StandardCharsets.UTF_8);

        assertThat(TrustedProfileBlocks.mentionsIdentityNamespaces(Content.of(doc, "d.xml"))).isFalse();
        assertThat(TrustedProfileBlocks.read(Content.of(doc, "d.xml"))).isEmpty();
    }
}
