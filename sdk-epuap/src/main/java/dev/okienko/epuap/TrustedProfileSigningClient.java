package dev.okienko.epuap;

import dev.okienko.core.ClientException;
import dev.okienko.core.Environment;
import dev.okienko.core.HttpClients;
import dev.okienko.core.SystemCredentials;
import dev.okienko.epuap.internal.soap.Namespaces;
import dev.okienko.epuap.internal.soap.SoapCall;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;

/**
 * A client of the trusted-profile signing service TpSigning5 (podpis zaufany): hand it a document, send the
 * person to the address it answers with to sign it with their trusted profile, then collect the signed
 * document (verify it with {@code dev.okienko.signature.SignatureVerifier} and its trusted-profile seals).
 * Requests are signed with the system credentials (WS-Security); answers are checked against the service's
 * certificate when one is configured. Immutable and thread-safe.
 *
 * <pre>{@code
 * TrustedProfileSigningClient pz = TrustedProfileSigningClient.builder()
 *     .environment(Environment.PRODUCTION).credentials(systemCredentials).build();
 * URI signHere = pz.addDocumentToSigning(xml, URI.create("https://ezd.example/ok"), URI.create("https://ezd.example/fail"), "");
 * // redirect the person's browser to signHere; after the success address is called:
 * byte[] signed = pz.getSignedDocument(signHere).orElseThrow();
 * }</pre>
 *
 * <p>Unconfirmed: the operations and their parameter names follow DOMAIN.md; the element names of the
 * answers ({@code <operation>Return}) follow the Axis convention of the service and are not confirmed
 * against a published WSDL.
 */
public final class TrustedProfileSigningClient {
    private static final String NAMESPACE = Namespaces.TRUSTED_PROFILE_SIGNING;
    private static final String SERVICE = "TpSigning5";

    private final URI endpoint;
    private final SoapCall soap;

    private TrustedProfileSigningClient(Builder b) {
        this.endpoint = b.environment.requireEndpoint(Environment.Service.TRUSTED_PROFILE_SIGNING);
        this.soap = new SoapCall(b.http != null ? b.http : HttpClients.defaultClient(),
                Objects.requireNonNull(b.credentials, "credentials are required: builder().credentials(...)"),
                b.serviceCertificate, SERVICE);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param document the document to sign (XML)
     * @param successUrl where the service sends the person after signing
     * @param failureUrl where it sends them when signing fails or is cancelled
     * @param additionalInfo text shown to the person, may be empty
     * @return the address to send the person to; it also identifies the document in {@link #getSignedDocument}
     */
    public URI addDocumentToSigning(byte[] document, URI successUrl, URI failureUrl, String additionalInfo) {
        Element request = SoapCall.newRequest(NAMESPACE, "addDocumentToSigning");
        SoapCall.addChild(request, "doc", Base64.getEncoder().encodeToString(document));
        SoapCall.addChild(request, "successURL", successUrl.toString());
        SoapCall.addChild(request, "failureURL", failureUrl.toString());
        SoapCall.addChild(request, "additionalInfo", additionalInfo);
        String url = SoapCall.text(soap.call(endpoint, request, false), "addDocumentToSigningReturn");
        if (url == null || url.isEmpty()) {
            throw new ClientException(SERVICE + " did not answer with an address to sign at");
        }
        return URI.create(url);
    }

    /**
     * @param signingUrl the address {@link #addDocumentToSigning} answered with
     * @return the signed document, or empty when the person has not signed (yet)
     */
    public Optional<byte[]> getSignedDocument(URI signingUrl) {
        Element request = SoapCall.newRequest(NAMESPACE, "getSignedDocument");
        SoapCall.addChild(request, "id", signingUrl.toString());
        String doc = SoapCall.text(soap.call(endpoint, request, true), "getSignedDocumentReturn");
        if (doc == null || doc.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(SoapCall.decodeBase64(doc, SERVICE + " answered with a signed document"));
    }

    /**
     * Asks the service to verify a signed document. okienko's own {@code SignatureVerifier} gives a typed
     * report; this is the service's own answer, as it sent it.
     *
     * @param signedDocument a document signed with a trusted profile
     * @return the service's verification answer (XML text)
     */
    public String verifySignedDocument(byte[] signedDocument) {
        Element request = SoapCall.newRequest(NAMESPACE, "verifySignedDocument");
        SoapCall.addChild(request, "document", Base64.getEncoder().encodeToString(signedDocument));
        String answer = SoapCall.text(soap.call(endpoint, request, true), "verifySignedDocumentReturn");
        return answer == null ? "" : answer;
    }

    /** Builds a {@link TrustedProfileSigningClient}. */
    public static final class Builder {
        private Environment environment = Environment.PRODUCTION;
        private @Nullable SystemCredentials credentials;
        private @Nullable X509Certificate serviceCertificate;
        private @Nullable OkHttpClient http;

        private Builder() {
        }

        /**
         * @param environment where the service is ({@link Environment.Service#TRUSTED_PROFILE_SIGNING})
         * @return this
         */
        public Builder environment(Environment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * @param credentials the system's key and certificate, registered with the service
         * @return this
         */
        public Builder credentials(SystemCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * @param certificate the service's certificate; when set, every answer must be signed with it
         * @return this
         */
        public Builder serviceCertificate(X509Certificate certificate) {
            this.serviceCertificate = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        /**
         * @param http the HTTP client; by default {@link HttpClients#defaultClient()}
         * @return this
         */
        public Builder httpClient(OkHttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /**
         * @return the client
         * @throws ClientException when the credentials are missing or the environment has no address for the service
         */
        public TrustedProfileSigningClient build() {
            if (credentials == null) {
                throw new ClientException("a TrustedProfileSigningClient needs system credentials: builder().credentials(...)");
            }
            return new TrustedProfileSigningClient(this);
        }
    }
}
