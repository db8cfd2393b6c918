package dev.okienko.wire;

import dev.okienko.testkit.pki.TestIdentity;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.callback.CallbackHandler;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.dom.handler.WSHandlerConstants;

/**
 * WS-Security as a standard stack does it (Apache WSS4J through CXF's interceptors), configured the way ePUAP
 * expects: X.509 BinarySecurityToken, signed Body, exclusive C14N, RSA-SHA256, SHA-256; no Timestamp.
 */
final class Wss {
    private static final char[] PASSWORD = "wire".toCharArray();

    private Wss() {
    }

    /** @return an interceptor that signs outgoing messages with the identity's key */
    static WSS4JOutInterceptor signingWith(TestIdentity identity) {
        try {
            Merlin crypto = new Merlin();
            crypto.setKeyStore(identity.toKeyStore(PASSWORD));
            Map<String, Object> config = new HashMap<>();
            config.put(WSHandlerConstants.ACTION, WSHandlerConstants.SIGNATURE);
            config.put(WSHandlerConstants.USER, TestIdentity.ALIAS);
            config.put(WSHandlerConstants.SIG_PROP_REF_ID, "signingCrypto");
            config.put("signingCrypto", crypto);
            config.put(WSHandlerConstants.PW_CALLBACK_REF, (CallbackHandler) callbacks -> {
                for (var c : callbacks) {
                    ((WSPasswordCallback) c).setPassword(new String(PASSWORD));
                }
            });
            config.put(WSHandlerConstants.SIG_KEY_ID, "DirectReference");
            config.put(WSHandlerConstants.SIGNATURE_PARTS, "{Element}{http://schemas.xmlsoap.org/soap/envelope/}Body");
            config.put(WSHandlerConstants.SIG_ALGO, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
            config.put(WSHandlerConstants.SIG_DIGEST_ALGO, "http://www.w3.org/2001/04/xmlenc#sha256");
            config.put(WSHandlerConstants.SIG_C14N_ALGO, "http://www.w3.org/2001/10/xml-exc-c14n#");
            return new WSS4JOutInterceptor(config);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return an interceptor that accepts only messages signed by exactly this certificate */
    static WSS4JInInterceptor requiringSignatureBy(X509Certificate certificate) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("trusted", certificate);
            Merlin crypto = new Merlin();
            crypto.setTrustStore(trust);
            Map<String, Object> config = new HashMap<>();
            config.put(WSHandlerConstants.ACTION, WSHandlerConstants.SIGNATURE);
            config.put(WSHandlerConstants.SIG_VER_PROP_REF_ID, "verifyingCrypto");
            config.put("verifyingCrypto", crypto);
            config.put(WSHandlerConstants.ENABLE_REVOCATION, "false");
            return new WSS4JInInterceptor(config);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
