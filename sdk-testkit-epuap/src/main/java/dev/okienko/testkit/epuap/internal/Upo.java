package dev.okienko.testkit.epuap.internal;

import dev.okienko.testkit.pki.internal.XmlText;
import dev.okienko.epuap.Upp;
import dev.okienko.testkit.pki.TestIdentity;
import dev.okienko.testkit.pki.TestXadesSigner;
import org.jspecify.annotations.Nullable;

/** UPP and UPD documents as ePUAP makes them: the acknowledgement's fields, in the UPO namespace. */
final class Upo {
    private Upo() {
    }

    static byte[] receipt(String kind, String id, String box, String sender, @Nullable String orderId, String dates,
                                  String documentId) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><upo:Dokument xmlns:upo=\"" + Upp.NAMESPACE + "\">"
                + "<upo:" + kind + "><upo:IdentyfikatorPoswiadczenia>" + id + "</upo:IdentyfikatorPoswiadczenia>"
                + "<upo:Adresat>" + XmlText.escape(box) + "</upo:Adresat>"
                + "<upo:Nadawca>" + XmlText.escape(sender) + "</upo:Nadawca>"
                + dates
                + "<upo:IdentyfikatorDokumentu>" + documentId + "</upo:IdentyfikatorDokumentu>"
                + (orderId == null ? "" : "<upo:IdentyfikatorZlecenia>" + orderId + "</upo:IdentyfikatorZlecenia>")
                + "</upo:" + kind + "></upo:Dokument>";
        return xml.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** @return the receipt, signed (XAdES, enveloped, whole) with the ePUAP certificate */
    static byte[] signed(byte[] receipt, TestIdentity epuap) {
        return TestXadesSigner.signEnveloped(receipt, epuap);
    }
}
