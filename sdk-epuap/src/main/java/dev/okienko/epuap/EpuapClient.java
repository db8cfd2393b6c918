package dev.okienko.epuap;

import dev.okienko.core.ClientException;
import dev.okienko.core.LocalFileException;
import dev.okienko.core.Environment;
import dev.okienko.core.EpuapAddress;
import dev.okienko.core.HttpClients;
import dev.okienko.core.ServiceException;
import dev.okienko.core.SystemCredentials;
import dev.okienko.epuap.internal.soap.Namespaces;
import dev.okienko.epuap.internal.soap.SoapCall;
import dev.okienko.signature.Content;
import dev.okienko.signature.SignatureOptions;
import dev.okienko.signature.SignaturePackaging;
import dev.okienko.signature.Signer;
import dev.okienko.signature.SigningKey;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;

/**
 * The ePUAP client: sends documents to inboxes ({@link #send}, {@code skrytka.nadaj}), delivers documents against a
 * UPD ({@link #deliver}, {@link #acknowledge}: {@code doreczyciel}), reads inboxes by pulling ({@link #inbox}) and
 * fetches large attachments ({@link #downloadFile}), over SOAP with WS-Security. Requests are signed with the system
 * credentials; every answer must be signed with the configured ePUAP server certificate. Immutable and thread-safe.
 *
 * <pre>{@code
 * EpuapClient epuap = EpuapClient.builder().environment(Environment.INTEGRATION)
 *     .credentials(systemCredentials).serverCertificate(epuapServerCertificate).build();
 * SendResult sent = epuap.send(EpuapSubmission.of(...));
 * }</pre>
 */
public final class EpuapClient {
    private static final String OBJECTS = Namespaces.OBJECTS;
    private static final String FILE_REPOSITORY = Namespaces.FILE_REPOSITORY;
    private static final String SKRYTKA = "ePUAP skrytka";
    private static final String DORECZYCIEL = "ePUAP doreczyciel";
    private static final String FILEREPO = "ePUAP FileRepoService";

    private final URI skrytka;
    private final URI pull;
    private final URI doreczyciel;
    private final URI fileRepository;
    private final SoapCall soap;
    private final ConfirmationDigest confirmationDigest;
    private final SigningKey systemKey;
    private final Signer signer;

    private EpuapClient(Builder b) {
        URI base = b.environment.requireEndpoint(Environment.Service.EPUAP);
        this.skrytka = base.resolve("skrytka");
        this.pull = base.resolve("pull");
        this.doreczyciel = base.resolve("doreczyciel");
        this.fileRepository = b.fileRepository != null ? b.fileRepository : base.resolve("/repo-ws-ext/FileRepoService");
        this.confirmationDigest = b.confirmationDigest;
        OkHttpClient http = b.http != null ? b.http : HttpClients.defaultClient();
        this.soap = new SoapCall(http, Objects.requireNonNull(b.credentials), Objects.requireNonNull(b.serverCertificate), SKRYTKA,
                b.timestamp, b.maxAnswerBytes);
        this.systemKey = SigningKey.of(b.credentials);
        this.signer = Signer.builder().httpClient(http).build();
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
        addressHeaders(document, submission);
        SoapCall.addHeader(document, OBJECTS, "CzyProbne", Boolean.toString(submission.trial()));
        additionalData(document, submission);
        documentBody(document, submission);

        Element answer = soap.call(skrytka, document, false);
        if (!"OdpowiedzSkrytki".equals(answer.getLocalName())) {
            throw new ClientException(SKRYTKA + " answered with " + answer.getLocalName() + ", not OdpowiedzSkrytki");
        }
        String message = SoapCall.requireOk(answer, SKRYTKA, "refused the document");
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
     * Delivers a document that its recipient must acknowledge ({@code doreczyciel.dorecz}): ePUAP keeps it and
     * puts a {@link UpdDraft} into the recipient's box; once the recipient signs that, the document is revealed
     * to them and the signed {@link Upd} arrives in the submission's reply box. Never repeated automatically.
     *
     * @param submission what to deliver where; its reply box gets the UPD
     * @param deadline until when the recipient may take it (TerminDoreczenia), or null for ePUAP's default
     * @param caseId the case (sprawa) it belongs to (IdentyfikatorSprawy), or null
     * @return ePUAP's document and order ids
     * @throws ServiceException when ePUAP refuses it (a SOAP fault, or a status other than 1)
     */
    public DeliveryOrder deliver(EpuapSubmission submission, @Nullable Instant deadline, @Nullable String caseId) {
        Element document = SoapCall.newRequest(OBJECTS, "Dokument");
        addressHeaders(document, submission);
        if (deadline != null) {
            SoapCall.addHeader(document, OBJECTS, "TerminDoreczenia", deadline.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        SoapCall.addHeader(document, OBJECTS, "CzyProbne", Boolean.toString(submission.trial()));
        if (caseId != null) {
            SoapCall.addHeader(document, OBJECTS, "IdentyfikatorSprawy", caseId);
        }
        additionalData(document, submission);
        documentBody(document, submission);

        Element answer = soap.call(doreczyciel, document, false, DORECZYCIEL);
        if (!"OdpowiedzDoreczyciela".equals(answer.getLocalName())) {
            throw new ClientException(DORECZYCIEL + " answered with " + answer.getLocalName() + ", not OdpowiedzDoreczyciela");
        }
        String message = SoapCall.requireOk(answer, DORECZYCIEL, "refused the delivery");
        String documentId = SoapCall.text(answer, "identyfikatorDokumentu");
        if (documentId == null || documentId.isEmpty()) {
            throw new ClientException(DORECZYCIEL + " accepted the delivery but gave no document id");
        }
        String orderId = SoapCall.text(answer, "identyfikatorZlecenia");
        return new DeliveryOrder(documentId, orderId == null || orderId.isEmpty() ? null : orderId, message);
    }

    /**
     * Takes a document delivered to one of your boxes ({@code doreczyciel.odbierz}): signs its UPD draft with
     * the system credentials (XAdES-BES, enveloped) and hands it to ePUAP, which then puts the document into
     * the box and the UPD into the sender's reply box. Signing the UPD is a legal act: the document counts as
     * delivered from then on. Never repeated automatically.
     *
     * @param entityId the entity (podmiot) that owns the box the draft came to
     * @param draft the draft, as taken from the box
     * @return the signed UPD that was handed over, to keep as your own record
     * @throws ServiceException when ePUAP refuses it (e.g. the deadline has passed)
     */
    public byte[] acknowledge(String entityId, UpdDraft draft) {
        Objects.requireNonNull(entityId, "entityId");
        byte[] signed = signer.sign(Content.of(draft.xml(), "UPD.xml"), SignatureOptions.xades(SignaturePackaging.ENVELOPED),
                systemKey).toBytes();
        Element upd = SoapCall.newRequest(OBJECTS, "UPD");
        SoapCall.addHeader(upd, OBJECTS, "IdentyfikatorPodmiotu", entityId);
        SoapCall.addHeader(upd, OBJECTS, "CzyProbne", "false");
        SoapCall.addChild(upd, "nazwaPliku", "UPD-" + draft.documentId() + ".xml");
        SoapCall.addChild(upd, "typPliku", "text/xml");
        SoapCall.addChild(upd, "zawartosc", Base64.getEncoder().encodeToString(signed));
        Element answer = soap.call(doreczyciel, upd, false, DORECZYCIEL);
        SoapCall.requireOk(answer, DORECZYCIEL, "refused the signed UPD of document " + draft.documentId());
        return signed;
    }

    /**
     * Downloads a large attachment from ePUAP's file repository ({@code FileRepoService.downloadFile}) and
     * stores it at {@code target} before returning. The repository hands each file out once, so the target is
     * checked first, the file is written to a temporary sibling, flushed to disk and moved into place; if it
     * cannot be stored there it is stored in the temporary directory and the exception names where.
     *
     * @param fileId the file's id in the repository
     * @param subject the entity (podmiot) on whose behalf it is fetched
     * @param target where to store it; must not exist yet
     * @return what was stored
     * @throws ClientException when the target exists (nothing is fetched) or the file cannot be stored
     * @throws ServiceException when the repository refuses (e.g. the file was already fetched)
     */
    public DownloadedFile downloadFile(String fileId, String subject, Path target) {
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(subject, "subject");
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new ClientException("will not download file " + fileId + " over " + absolute + ": it exists, and"
                    + " the repository hands each file out once");
        }
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new LocalFileException("will not download file " + fileId + ": " + parent + " is not a writable directory",
                    parent == null ? absolute : parent, null);
        }
        Element request = SoapCall.newRequest(FILE_REPOSITORY, "DownloadFileParam");
        SoapCall.addChild(request, "fileId", fileId);
        SoapCall.addChild(request, "subject", subject);
        Element answer = soap.call(fileRepository, request, false, FILEREPO);
        if (!"DataDocument".equals(answer.getLocalName())) {
            throw new ClientException(FILEREPO + " answered with " + answer.getLocalName() + ", not DataDocument");
        }
        byte[] content = SoapCall.decodeBase64(SoapCall.text(answer, "file"), FILEREPO + " sent a file");
        String fileName = String.valueOf(SoapCall.text(answer, "filename"));
        String mimeType = SoapCall.text(answer, "mimeType");
        String sha256 = HexFormat.of().formatHex(sha256(content));
        try {
            store(content, absolute);
        } catch (IOException e) {
            Path rescue;
            try {
                rescue = Files.createTempFile("okienko-filerepo-", ".bin");
                Files.write(rescue, content);
            } catch (IOException e2) {
                e.addSuppressed(e2);
                throw new LocalFileException("downloaded file " + fileId + " (" + content.length + " bytes, SHA-256 " + sha256
                        + ") but could store it neither at " + absolute + " nor in the temporary directory", absolute, e);
            }
            throw new LocalFileException("downloaded file " + fileId + " but could not store it at " + absolute
                    + "; it is kept at " + rescue + " (SHA-256 " + sha256 + ")", absolute, e);
        }
        return new DownloadedFile(absolute, fileName, mimeType == null || mimeType.isEmpty() ? null : mimeType,
                content.length, sha256);
    }

    private static void addressHeaders(Element request, EpuapSubmission submission) {
        SoapCall.addHeader(request, OBJECTS, "IdentyfikatorPodmiotu", submission.senderEntityId());
        SoapCall.addHeader(request, OBJECTS, "AdresSkrytki", submission.recipient().value());
        SoapCall.addHeader(request, OBJECTS, "AdresOdpowiedzi", submission.replyTo().value());
    }

    private static void additionalData(Element request, EpuapSubmission submission) {
        submission.additionalDataBytes().ifPresent(xml ->
                SoapCall.addHeader(request, OBJECTS, "DaneDodatkowe", Base64.getEncoder().encodeToString(xml)));
    }

    private static void documentBody(Element document, EpuapSubmission submission) {
        SoapCall.addChild(document, "nazwaPliku", submission.fileName());
        SoapCall.addChild(document, "typPliku", submission.mimeType());
        SoapCall.addChild(document, "zawartosc", Base64.getEncoder().encodeToString(submission.content()));
    }

    private static void store(byte[] content, Path target) throws IOException {
        Path part = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try {
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target);
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
        private @Nullable URI fileRepository;
        private boolean timestamp;
        private int maxAnswerBytes = SoapCall.MAX_ANSWER_BYTES;

        private Builder() {
        }

        /**
         * @param bytes the largest answer the client reads, 64 MiB by default. A document travels base64-encoded
         *     inside the answer, so it takes about four thirds of its size; an answer over the limit is refused
         *     with a {@link dev.okienko.core.ClientException} and nothing is confirmed, so the document stays in
         *     the inbox for a client with a higher limit. The answer is held in memory while it is verified.
         * @return this
         */
        public Builder maxAnswerBytes(int bytes) {
            if (bytes < 1024 || bytes > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("maxAnswerBytes must be between 1 KiB and 2 GiB, not " + bytes);
            }
            this.maxAnswerBytes = bytes;
            return this;
        }

        /**
         * @param include whether requests carry a signed {@code wsu:Timestamp}: the published security policy
         *     names one, while working clients send none; off by default
         * @return this
         */
        public Builder timestamp(boolean include) {
            this.timestamp = include;
            return this;
        }

        /**
         * @param endpoint the file repository's address; by default {@code /repo-ws-ext/FileRepoService} on the
         *     environment's ePUAP host, as the official WSDL gives it
         * @return this
         */
        public Builder fileRepository(URI endpoint) {
            this.fileRepository = Objects.requireNonNull(endpoint, "endpoint");
            return this;
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
