package dev.okienko.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.okienko.core.Ade;
import dev.okienko.core.HttpClients;
import dev.okienko.core.Nip;
import dev.okienko.core.SystemCredentials;
import dev.okienko.edelivery.AddressBook;
import dev.okienko.edelivery.AddressQuery;
import dev.okienko.edelivery.EvidenceInfo;
import dev.okienko.edelivery.HybridShipment;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.MailboxMessage;
import dev.okienko.edelivery.OfficialId;
import dev.okienko.edelivery.SendReport;
import dev.okienko.edelivery.SignedJwtTokenProvider;
import dev.okienko.testkit.edelivery.BaeEntry;
import dev.okienko.testkit.edelivery.EDeliverySimulator;
import dev.okienko.testkit.Mishap;
import dev.okienko.testkit.SimulatorClock;
import dev.okienko.testkit.edelivery.internal.Multipart;
import dev.okienko.testkit.pki.SharedSpecs;
import dev.okienko.testkit.pki.TestData;
import dev.okienko.testkit.pki.TestPki;
import dev.okienko.testkit.pki.TestPkiExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every request okienko's e-Doręczenia clients send and every answer the embedded e-Doręczenia gives, in a
 * scenario that uses each operation, is validated against the official OpenAPI files (SE API 4.0.5, UA API
 * 3.0.8) with Atlassian's swagger-request-validator, strictly (no rule relaxed). Where the contracts contradict
 * themselves they are repaired in memory first, each repair listed in {@link #REPAIRS} and in the README.
 */
@ExtendWith(TestPkiExtension.class)
class EDeliveryContractTest {
    private static final Ade NASZ = Ade.parse("AE:PL-50419-15057-VDGUG-25");
    private static final Ade URZAD = Ade.parse("AE:PL-10609-91337-SAIBG-23");
    private static final Nip NIP_URZEDU = TestData.nip(526025027);

    /**
     * What the official contracts get wrong, and the smallest in-memory repair that lets a strict validator use
     * them (the files themselves are never changed or copied). Each repair must apply, so a corrected contract
     * shows up here as a failure to be tidied away. Listed in the README as well.
     */
    static final List<Repair> REPAIRS = List.of(
            new Repair("SE API: the 400 responses $ref a schema (SearchEngineError) where a response object belongs",
                    "        400:\n          $ref: '#/components/schemas/SearchEngineError'",
                    "        400:\n          description: error\n          content:\n            application/json:\n"
                            + "              schema:\n                $ref: '#/components/schemas/SearchEngineError'"),
            new Repair("UA API: MessagesWrapper requires resultSize but does not define it (so no answer can be valid);"
                    + " defined here as an integer, which the simulator sends",
                    "        - resultSize\n      properties:\n",
                    "        - resultSize\n      properties:\n        resultSize:\n          type: integer\n"),
            new Repair("UA API: MessageOperationResponseWrapperStatus (the answer to GET /messages/tasks/{id}) requires"
                    + " addresseeAde and status, which it does not define; the requirement is dropped",
                    "      required:\n        - addresseeAde\n        - status\n", ""));

    /**
     * One repair of an official contract.
     *
     * @param defect what is wrong
     * @param broken the text as the official file has it
     * @param fixed what it becomes
     */
    record Repair(String defect, String broken, String fixed) {
    }

    private record Exchange(String api, okhttp3.Request request, byte[] requestBody, Response response, byte[] responseBody) {
    }

    @TempDir
    Path dir;

    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final SimulatorClock clock = SimulatorClock.systemUtc();
    private EDeliverySimulator edelivery;
    private Mailbox ours;
    private Mailbox drafting;
    private Mailbox theirs;
    private AddressBook bae;

    @BeforeEach
    void start(TestPki pki) {
        SystemCredentials our = pki.seal().toSystemCredentials();
        SystemCredentials their = pki.issueSeal("Urząd Skarbowy Testowo", NIP_URZEDU).toSystemCredentials();
        edelivery = EDeliverySimulator.start(pki, clock).taskDelay(Duration.ofMillis(50))
                .registerSystem(NASZ, "EZD", our.certificate()).registerSystem(URZAD, "EZD", their.certificate())
                .addAddress(BaeEntry.publicBody(URZAD, "Urząd Skarbowy Testowo", NIP_URZEDU, "Radom"));
        OkHttpClient http = HttpClients.builder().baseClient(new OkHttpClient.Builder().addNetworkInterceptor(this::record).build())
                .build();
        ours = mailbox(NASZ, our, http, Mailbox.DEFAULT_INLINE_LIMIT);
        drafting = mailbox(NASZ, our, http, 4); // every attachment goes through a draft
        theirs = mailbox(URZAD, their, http, Mailbox.DEFAULT_INLINE_LIMIT);
        bae = AddressBook.builder().environment(edelivery.environment()).tokens(tokens(NASZ, our, http)).sender(NASZ)
                .httpClient(http).build();
    }

    private SignedJwtTokenProvider tokens(Ade ade, SystemCredentials credentials, OkHttpClient http) {
        return SignedJwtTokenProvider.builder().environment(edelivery.environment()).credentials(credentials)
                .system(ade, "EZD").clock(clock).httpClient(http).build();
    }

    private Mailbox mailbox(Ade ade, SystemCredentials credentials, OkHttpClient http, long inlineLimit) {
        return Mailbox.builder().environment(edelivery.environment()).tokens(tokens(ade, credentials, http)).address(ade)
                .httpClient(http).clock(clock).pollInterval(Duration.ofMillis(30)).reconcileWindow(Duration.ofSeconds(3))
                .inlineAttachmentLimit(inlineLimit).build();
    }

    @AfterEach
    void stop() {
        edelivery.close();
    }

    private Response record(Interceptor.Chain chain) throws java.io.IOException {
        okhttp3.Request request = chain.request();
        byte[] sent = new byte[0];
        if (request.body() != null) {
            Buffer buffer = new Buffer();
            request.body().writeTo(buffer);
            sent = buffer.readByteArray();
        }
        Response response = chain.proceed(request);
        String path = request.url().encodedPath();
        String api = path.startsWith("/edelivery/api/se/v4/") ? "se" : path.startsWith("/edelivery/ua/api/v3/") ? "ua" : "other";
        byte[] answer = response.peekBody(64L * 1024 * 1024).bytes();
        exchanges.add(new Exchange(api, request, sent, response, answer));
        return response;
    }

    @Test
    void everyExchange_matchesTheOfficialContracts() throws Exception {
        // SE API: search, bulk lookup, confirmation
        Iterator<?> found = bae.search(AddressQuery.builder().officialId(OfficialId.of(NIP_URZEDU)).build());
        assertThat(found.hasNext()).isTrue();
        assertThat(bae.lookup(List.of(URZAD))).containsKey(URZAD);
        assertThat(bae.confirm(URZAD)).isPresent();

        // UA API: send with an attachment, follow the task, list, read, open, download, evidences
        Path pdf = dir.resolve("decyzja.pdf");
        Files.write(pdf, "%PDF-1.7 decyzja".getBytes(StandardCharsets.UTF_8));
        Letter letter = Letter.builder().to(URZAD).subject("Decyzja").text("W załączeniu.").attach(pdf, "application/pdf")
                .caseId("GK.1.2026").build();
        SendReport report = ours.await(ours.send(letter), Duration.ofSeconds(10));
        String messageId = report.recipients().get(0).messageId();
        theirs.messages(Mailbox.Folder.INBOX).forEachRemaining(m -> { });
        theirs.metadata(messageId);
        MailboxMessage opened = theirs.open(messageId);
        theirs.downloadAttachment(messageId, opened.attachments().get(0), dir.resolve("copy.pdf"));
        for (EvidenceInfo e : ours.evidences(messageId)) {
            ours.downloadEvidence(e);
        }
        // a lost answer, and the search of the sent messages that follows it
        edelivery.injectAfterSend(Mishap.status(502));
        assertThat(ours.send(Letter.builder().to(URZAD).subject("Druga").text("x").build()).recovered()).isTrue();
        // a hybrid (paper) letter
        HybridShipment.PostalAddress home = new HybridShipment.PostalAddress("PL", "00-950", "Warszawa", "Prosta", "1", null);
        ours.send(Letter.builder().subject("Papierowa").text("Treść")
                .hybrid(HybridShipment.registered(new HybridShipment.Addressee("Jan", "Kowalski", null, home), home)).build());
        // a large attachment: draft, multipart upload, draft sent; then a refused draft send, and the draft deleted
        assertThat(drafting.await(drafting.send(letter), Duration.ofSeconds(10)).allAccepted()).isTrue();
        edelivery.inject(Mishap.delay(Duration.ofMillis(1)));
        edelivery.inject(Mishap.delay(Duration.ofMillis(1)));
        edelivery.inject(new Mishap(400, 0, false,
                "[{\"error\":\"UA-2\",\"error_description\":\"mailbox full\"}]".getBytes(StandardCharsets.UTF_8), null));
        assertThatThrownBy(() -> drafting.send(letter)).isInstanceOf(dev.okienko.core.ServiceException.class);
        assertThat(edelivery.draftCount()).isZero();
        // subscriptions (the callback URL leads nowhere; notifications are fire-and-forget)
        ours.subscribe(new dev.okienko.edelivery.Subscriptions(null, java.net.URI.create("http://127.0.0.1:9/created"), null, null));
        assertThat(ours.subscriptions()).hasSize(1);
        ours.unsubscribe();
        // a refused request, whose error answer must match the contract too
        edelivery.inject(new Mishap(400, 0, false,
                "[{\"error\":\"UA-1\",\"error_description\":\"refused\"}]".getBytes(StandardCharsets.UTF_8), null));
        try {
            ours.metadata(messageId);
        } catch (dev.okienko.core.ServiceException expected) {
            // the exchange is what matters here
        }

        OpenApiInteractionValidator se = validator("edelivery/se-api_v.4.0.5.yaml", "/edelivery/api/se/v4", 1);
        OpenApiInteractionValidator ua = validator("edelivery/uaapi_3.0.8.2.yaml", "/edelivery/ua/api/v3", 2);
        List<String> problems = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        for (Exchange x : exchanges) {
            if (x.api().equals("other")) {
                continue;
            }
            operations.add(x.request().method() + " " + x.request().url().encodedPath().replaceAll("AE:PL-[^/]+", "{ade}")
                    .replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}"));
            ValidationReport report1 = (x.api().equals("se") ? se : ua).validate(request(x), response(x));
            for (ValidationReport.Message m : report1.getMessages()) {
                if (m.getLevel() == ValidationReport.Level.ERROR) {
                    problems.add(x.request().method() + " " + x.request().url().encodedPath() + " -> " + x.response().code()
                            + ": [" + m.getKey() + "] " + m.getMessage());
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(operations).contains("POST /edelivery/api/se/v4/search/bae_search", "POST /edelivery/api/se/v4/search/eda-search",
                "POST /edelivery/api/se/v4/search/eda-confirmation", "POST /edelivery/ua/api/v3/{ade}/messages",
                "GET /edelivery/ua/api/v3/{ade}/messages/tasks/{id}/status", "GET /edelivery/ua/api/v3/{ade}/messages/tasks/{id}",
                "GET /edelivery/ua/api/v3/{ade}/messages", "GET /edelivery/ua/api/v3/{ade}/messages/{id}",
                "POST /edelivery/ua/api/v3/{ade}/attachments/download", "GET /edelivery/ua/api/v3/{ade}/messages/{id}/evidences",
                "GET /edelivery/ua/api/v3/{ade}/evidences/purde/{id}", "PUT /edelivery/ua/api/v3/{ade}/message_subscriptions",
                "GET /edelivery/ua/api/v3/{ade}/message_subscriptions", "DELETE /edelivery/ua/api/v3/{ade}/message_subscriptions",
                "POST /edelivery/ua/api/v3/{ade}/drafts", "POST /edelivery/ua/api/v3/{ade}/{id}/attachments/upload",
                "POST /edelivery/ua/api/v3/{ade}/drafts/send", "DELETE /edelivery/ua/api/v3/{ade}/drafts/{id}");
    }

    /**
     * @param spec an official contract's text
     * @param expected how many repairs it needs
     * @return the text with the {@link #REPAIRS} that apply to it made
     */
    static String repaired(String spec, int expected) {
        int applied = 0;
        for (Repair r : REPAIRS) {
            if (spec.contains(r.broken())) {
                spec = spec.replace(r.broken(), r.fixed());
                applied++;
            }
        }
        assertThat(applied).as("repairs applied; has the official contract changed?").isEqualTo(expected);
        return spec;
    }

    @Test
    void theValidatorIsStrict_deviationsAreCaught() throws Exception {
        OpenApiInteractionValidator ua = validator("edelivery/uaapi_3.0.8.2.yaml", "/edelivery/ua/api/v3", 2);
        String status = "/edelivery/ua/api/v3/" + NASZ.value() + "/messages/tasks/t1/status";
        ValidationReport wrongEnum = ua.validate(SimpleRequest.Builder.get(status).build(),
                SimpleResponse.Builder.ok().withContentType("application/json").withBody("{\"messageTaskStatus\":\"DONE\"}").build());
        assertThat(wrongEnum.getMessages()).extracting(ValidationReport.Message::getKey)
                .contains("validation.response.body.schema.enum");
        ValidationReport noRecipients = ua.validate(SimpleRequest.Builder.post("/edelivery/ua/api/v3/" + NASZ.value() + "/messages")
                        .withContentType("application/json").withBody("{\"messageMetadata\":{\"subject\":\"x\"}}").build(),
                SimpleResponse.Builder.status(202).withContentType("application/json").withBody("{\"messageTaskId\":\"t\"}").build());
        assertThat(noRecipients.getMessages()).extracting(ValidationReport.Message::getKey)
                .contains("validation.request.body.schema.required");
        // a multipart upload without its required file and filename: caught once the form is read as its fields
        byte[] form = "--b\r\nContent-Disposition: form-data; name=\"contentType\"\r\n\r\ntext/plain\r\n--b--\r\n"
                .getBytes(StandardCharsets.UTF_8);
        String upload = "/edelivery/ua/api/v3/" + NASZ.value() + "/d1/attachments/upload";
        SimpleResponse stored = SimpleResponse.Builder.ok().withContentType("application/json").withBody("{\"attachmentId\":\"a\"}")
                .build();
        ValidationReport noFile = ua.validate(SimpleRequest.Builder.post(upload).withContentType("application/json")
                .withBody(formAsJson("multipart/form-data; boundary=b", form)).build(), stored);
        assertThat(noFile.getMessages()).extracting(ValidationReport.Message::getKey)
                .contains("validation.request.body.schema.required");
        // the validator itself lets any multipart body through; when this fails it has learnt to check them,
        // and formAsJson can go
        OpenApiInteractionValidator plain = OpenApiInteractionValidator.createForInlineApiSpecification(
                repaired(Files.readString(SharedSpecs.require("edelivery/uaapi_3.0.8.2.yaml")).replace("\r\n", "\n"), 2))
                .withBasePathOverride("/edelivery/ua/api/v3").withLevelResolver(LevelResolver.create().build()).build();
        assertThat(plain.validate(SimpleRequest.Builder.post(upload).withContentType("multipart/form-data; boundary=b")
                .withBody(form).build(), stored).getMessages()).isEmpty();
    }

    private static OpenApiInteractionValidator validator(String spec, String basePath, int repairs) throws java.io.IOException {
        String text = repaired(Files.readString(SharedSpecs.require(spec)).replace("\r\n", "\n"), repairs);
        // multipart bodies are checked as a JSON object of their fields against the same schema (see formAsJson)
        int forms = text.split("multipart/form-data:", -1).length - 1;
        text = text.replace("\n          multipart/form-data:\n", "\n          application/json:\n");
        assertThat(text).as("every multipart/form-data body is read as its fields").doesNotContain("multipart/form-data:");
        assertThat(forms).isLessThanOrEqualTo(1);
        return OpenApiInteractionValidator.createForInlineApiSpecification(text).withBasePathOverride(basePath)
                .withLevelResolver(LevelResolver.create().build()).build();
    }

    private static com.atlassian.oai.validator.model.Request request(Exchange x) {
        HttpUrl url = x.request().url();
        SimpleRequest.Builder b = new SimpleRequest.Builder(Request.Method.valueOf(x.request().method()), url.encodedPath());
        for (String name : url.queryParameterNames()) {
            b.withQueryParam(name, url.queryParameterValues(name));
        }
        for (String name : x.request().headers().names()) {
            b.withHeader(name, x.request().headers(name));
        }
        String type = x.request().body() != null && x.request().body().contentType() != null
                ? x.request().body().contentType().toString() : "";
        if (type.startsWith("multipart/form-data")) {
            b.withContentType("application/json").withBody(formAsJson(type, x.requestBody()));
        } else if (x.requestBody().length > 0) {
            b.withBody(x.requestBody());
        }
        return b.build();
    }

    /**
     * The validator does not look into {@code multipart/form-data} bodies (it passes any; see
     * {@link #theValidatorIsStrict_deviationsAreCaught}), so a form is read with the simulator's strict multipart
     * reader and validated as a JSON object of its fields: text fields as their text, files as a string.
     */
    private static String formAsJson(String contentType, byte[] body) {
        com.fasterxml.jackson.databind.node.ObjectNode fields = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        for (Multipart.Part part : Multipart.parse(contentType, body).values()) {
            fields.put(part.name(), part.filename() != null ? part.content().length + " bytes of " + part.filename() : part.text());
        }
        return fields.toString();
    }

    private static SimpleResponse response(Exchange x) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(x.response().code());
        for (String name : x.response().headers().names()) {
            b.withHeader(name, x.response().headers(name));
        }
        if (x.responseBody().length > 0) {
            b.withBody(x.responseBody());
        }
        return b.build();
    }
}
