package dev.okienko.epuap;

import dev.okienko.core.ClientException;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.Environment;
import dev.okienko.core.HttpClients;
import dev.okienko.core.ServiceException;
import dev.okienko.core.SystemCredentials;
import dev.okienko.epuap.internal.soap.SoapCall;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;

/**
 * The ePUAP client (work in progress, issue 5): sends documents to inboxes ({@code skrytka.nadaj}) and reads
 * inboxes by pulling ({@link #inbox}), over SOAP with WS-Security. Requests are signed with the system credentials; every answer must be signed with the
 * configured ePUAP server certificate. Immutable and thread-safe.
 *
 * <pre>{@code
 * EpuapClient epuap = EpuapClient.builder().environment(Environment.INTEGRATION)
 *     .credentials(systemCredentials).serverCertificate(epuapServerCertificate).build();
 * SendResult sent = epuap.send(EpuapSubmission.of(...));
 * }</pre>
 */
public final class EpuapClient {
    /** The namespace of ePUAP's message objects. */
    public static final String OBJECTS = "http://wsdl.epuap.gov.pl/obiekty/";
    private static final String SKRYTKA = "ePUAP skrytka";

    private final URI skrytka;
    private final URI pull;
    private final SoapCall soap;
    private final ConfirmationDigest confirmationDigest;

    private EpuapClient(Builder b) {
        URI base = b.environment.requireEndpoint(Environment.Service.EPUAP);
        this.skrytka = base.resolve("skrytka");
        this.pull = base.resolve("pull");
        this.confirmationDigest = b.confirmationDigest;
        this.soap = new SoapCall(b.http != null ? b.http : HttpClients.defaultClient(), Objects.requireNonNull(b.credentials),
                Objects.requireNonNull(b.serverCertificate), SKRYTKA);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends a document to an inbox ({@code skrytka.nadaj}). Never repeated automatically: a send that may
     * have reached ePUAP is not sent again.
     *
     * @param submission what to send where
     * @return ePUAP's document id and, when issued at once, the UPP
     * @throws ServiceException when ePUAP refuses it (a SOAP fault, or a status other than 1)
     */
    public SendResult send(EpuapSubmission submission) {
        Element document = SoapCall.newRequest(OBJECTS, "Dokument");
        SoapCall.addHeader(document, OBJECTS, "IdentyfikatorPodmiotu", submission.senderEntityId());
        SoapCall.addHeader(document, OBJECTS, "AdresSkrytki", submission.recipient().value());
        SoapCall.addHeader(document, OBJECTS, "AdresOdpowiedzi", submission.replyTo().value());
        SoapCall.addHeader(document, OBJECTS, "CzyProbne", Boolean.toString(submission.trial()));
        submission.additionalDataBytes().ifPresent(xml ->
                SoapCall.addHeader(document, OBJECTS, "DaneDodatkowe", Base64.getEncoder().encodeToString(xml)));
        SoapCall.addChild(document, "nazwaPliku", submission.fileName());
        SoapCall.addChild(document, "typPliku", submission.mimeType());
        SoapCall.addChild(document, "zawartosc", Base64.getEncoder().encodeToString(submission.content()));

        Element answer = soap.call(skrytka, document, false);
        if (!"OdpowiedzSkrytki".equals(answer.getLocalName())) {
            throw new ClientException(SKRYTKA + " answered with " + answer.getLocalName() + ", not OdpowiedzSkrytki");
        }
        Element status = SoapCall.child(answer, "status");
        String code = status == null ? null : SoapCall.text(status, "kod");
        String message = status == null ? null : SoapCall.text(status, "komunikat");
        if (!"1".equals(code)) {
            throw new ServiceException(SKRYTKA, 0, code == null ? List.of() : List.of(code), null, null,
                    "refused the document: " + (message == null ? "no message" : message), null);
        }
        String documentId = SoapCall.text(answer, "identyfikatorDokumentu");
        if (documentId == null || documentId.isEmpty()) {
            throw new ClientException(SKRYTKA + " accepted the document but gave no document id");
        }
        Element attachment = SoapCall.child(answer, "zalacznik");
        String uppText = attachment == null ? null : SoapCall.text(attachment, "zawartosc");
        byte[] upp = uppText == null ? null : SoapCall.decodeBase64(uppText, SKRYTKA + " sent a UPP");
        return new SendResult(documentId, message, SoapCall.text(answer, "identyfikatorUpp"), upp);
    }

    /**
     * @param entityId the entity (podmiot) that owns the box
     * @param box the box to read
     * @return the inbox, read by pulling
     */
    public EpuapInbox inbox(String entityId, EpuapAddress box) {
        return new EpuapInbox(soap, pull, Objects.requireNonNull(entityId, "entityId"), Objects.requireNonNull(box, "box"),
                confirmationDigest);
    }

    /** Builds an {@link EpuapClient}. */
    public static final class Builder {
        private Environment environment = Environment.PRODUCTION;
        private @Nullable SystemCredentials credentials;
        private @Nullable X509Certificate serverCertificate;
        private @Nullable OkHttpClient http;
        private ConfirmationDigest confirmationDigest = ConfirmationDigest.SHA1;

        private Builder() {
        }

        /**
         * @param digest the digest confirmations send as {@code skrot}; SHA-1 by default (unconfirmed which ePUAP wants)
         * @return this
         */
        public Builder confirmationDigest(ConfirmationDigest digest) {
            this.confirmationDigest = Objects.requireNonNull(digest, "digest");
            return this;
        }

        /**
         * @param environment production, integration, or a simulator's
         * @return this
         */
        public Builder environment(Environment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * @param credentials the system's key and certificate, registered in ePUAP
         * @return this
         */
        public Builder credentials(SystemCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * @param certificate ePUAP's certificate: every answer must be signed with it
         * @return this
         */
        public Builder serverCertificate(X509Certificate certificate) {
            this.serverCertificate = Objects.requireNonNull(certificate, "certificate");
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
         * @throws ClientException when credentials or the server certificate are missing
         */
        public EpuapClient build() {
            if (credentials == null) {
                throw new ClientException("an EpuapClient needs system credentials: builder().credentials(...)");
            }
            if (serverCertificate == null) {
                throw new ClientException("an EpuapClient needs the ePUAP server certificate to check answers:"
                        + " builder().serverCertificate(...)");
            }
            return new EpuapClient(this);
        }
    }
}
