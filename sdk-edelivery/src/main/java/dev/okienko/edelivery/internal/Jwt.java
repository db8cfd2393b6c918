package dev.okienko.edelivery.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Compact JWS (RFC 7515) signed with RS256, as the e-Doręczenia token endpoint takes client assertions. */
public final class Jwt {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private Jwt() {
    }

    /**
     * @param claims the payload's claims, in order
     * @param credentials an RSA key (in software, or on a PKCS#11 token) and its certificate, named in the header by
     *     its SHA-256 thumbprint ({@code x5t#S256})
     * @return {@code header.payload.signature}, each base64url without padding
     */
    public static String rs256(Map<String, Object> claims, dev.okienko.core.SystemCredentials credentials) {
        X509Certificate certificate = credentials.certificate();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        try {
            header.put("x5t#S256", B64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
            String signingInput = B64URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + B64URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rsa = credentials.signature("SHA256withRSA");
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot sign a JWT with the system key: " + e.getMessage(), e);
        }
    }
}
