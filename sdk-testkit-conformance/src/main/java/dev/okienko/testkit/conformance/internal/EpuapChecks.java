package dev.okienko.testkit.conformance.internal;

import static dev.okienko.testkit.conformance.internal.Checks.check;
import static dev.okienko.testkit.conformance.internal.Checks.scenario;
import static dev.okienko.testkit.conformance.internal.Checks.sha256;

import dev.okienko.core.EpuapAddress;
import dev.okienko.testkit.Mishap;
import dev.okienko.testkit.conformance.Event;
import dev.okienko.testkit.epuap.EpuapSimulator;
import dev.okienko.testkit.epuap.InboxDocument;
import dev.okienko.testkit.pki.TestDocuments;
import dev.okienko.testkit.pki.TestXadesSigner;
import dev.okienko.testkit.seeded.Simulation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The ePUAP scenarios: the system receives from, and sends from, the office's own box. */
final class EpuapChecks {
    private static final String AREA = "ePUAP";
    private static final String PULL = "ePUAP pull WSDL (shared/specs/epuap/wsdl/pull.wsdl): pobierzNastepny, potwierdzOdebranie";
    private static final String RECEIVE = "epuap.receive";

    private EpuapChecks() {
    }

    static List<Check> all() {
        return List.of(receive(), deliveredTwice(), crashBeforeConfirm(), crashAfterConfirm(), hugeDocument(), forgedAnswer(), send(),
                forgedUpp());
    }

    /** Three documents arrive in the office's box: a signed letter, a PDF, a text; @return their SHA-256s */
    private static List<String> deposit(Context c) {
        Simulation sim = c.sim();
        List<byte[]> contents = List.of(TestXadesSigner.signEnveloped(TestDocuments.xmlLetter("Wniosek o wydanie zaświadczenia"),
                        sim.pki().seal()), "%PDF-1.7\nskan wniosku\n%%EOF".getBytes(StandardCharsets.US_ASCII),
                "Uzupełnienie: proszę o pilne rozpatrzenie.".getBytes(StandardCharsets.UTF_8));
        List<String> names = List.of("wniosek.xml", "skan.pdf", "uzupelnienie.txt");
        List<String> types = List.of("text/xml", "application/pdf", "text/plain");
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            sim.epuap().deposit(Simulation.OWN_BOX, "JanKowalski", EpuapAddress.parse("/JanKowalski/skrytka"), names.get(i),
                    types.get(i), contents.get(i));
            hashes.add(sha256(contents.get(i)));
        }
        c.observe("deposited in " + Simulation.OWN_BOX + ": " + names + " with SHA-256 " + hashes);
        return hashes;
    }

    private static Map<String, Object> box() {
        return Map.of("box", Simulation.OWN_BOX.value());
    }

    /** @return why the documents are not each stored once and confirmed, or null when they are */
    private static @Nullable String storedOnceAndConfirmed(Context c, List<String> hashes, List<Event> stored) {
        List<InboxDocument> left = c.sim().epuap().inbox(Simulation.OWN_BOX);
        Map<String, Long> counts = Checks.values(stored, "sha256").stream()
                .collect(Collectors.groupingBy(h -> h.toLowerCase(java.util.Locale.ROOT), LinkedHashMap::new, Collectors.counting()));
        c.observe("left unconfirmed in the box: " + left.size() + "; stored per SHA-256: " + counts);
        List<String> missing = hashes.stream().filter(h -> !counts.containsKey(h)).toList();
        if (!missing.isEmpty()) {
            return "the system did not report storing the documents with SHA-256 " + missing;
        }
        List<String> twice = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        if (!twice.isEmpty()) {
            return "the system stored " + twice.size() + " document(s) more than once: " + twice;
        }
        List<String> foreign = counts.keySet().stream().filter(h -> !hashes.contains(h)).toList();
        if (!foreign.isEmpty()) {
            return "the system reported storing contents that did not arrive (wrong SHA-256 of the content?): " + foreign;
        }
        if (!left.isEmpty()) {
            return left.size() + " document(s) were stored but never confirmed: ePUAP offers them again, forever ("
                    + left.stream().map(InboxDocument::fileName).toList() + ")";
        }
        return null;
    }

    /** @return what is wrong, with the system's own failure beside it; or the failure alone; or null */
    private static @Nullable String judged(@Nullable String wrong, @Nullable String failure) {
        return wrong != null ? wrong + (failure == null ? "" : " (" + failure + ")") : failure;
    }

    /**
     * The second half of a crash scenario: the restarted system takes the box again, then lists what it stored.
     *
     * @return why not every document is stored once and confirmed, or null
     */
    private static @Nullable String afterRestart(Context c, List<String> hashes) {
        Context.Step second = c.perform(RECEIVE, box());
        c.observe("the run after the crash reported " + second.events("stored").size() + " stored and "
                + second.events("duplicate").size() + " duplicate(s)");
        Context.Step list = c.perform("list", Map.of());
        String failure = Checks.failed(second, "take the documents after the restart");
        if (failure == null) {
            failure = Checks.failed(list, "list what it stored");
        }
        return judged(storedOnceAndConfirmed(c, hashes, list.events("stored")), failure);
    }

    private static Check receive() {
        return check(scenario("epuap-receive", AREA, "Each document is stored, then confirmed",
                "A document taken with pobierzNastepny is stored whole, then confirmed with potwierdzOdebranie and the skrot "
                        + "(digest) ePUAP gave, so that it leaves the box; an unconfirmed document is offered again",
                PULL, List.of(RECEIVE), "take every document from " + Simulation.OWN_BOX + " into the system's store",
                "none (three documents wait: a XAdES-signed letter, a PDF and a text)",
                "the system reported each content's SHA-256 once, and the box is empty"), c -> {
                    List<String> hashes = deposit(c);
                    Context.Step step = c.perform(RECEIVE, box());
                    String failure = Checks.failed(step, "take the documents");
                    return judged(storedOnceAndConfirmed(c, hashes, step.events("stored")), failure);
                });
    }

    private static Check deliveredTwice() {
        return check(scenario("epuap-delivered-twice", AREA, "A document delivered twice is registered once",
                "ePUAP may offer a document again after it was confirmed (a confirmation it did not record); the system "
                        + "recognises it (sender, sending time, digest), confirms it again, and does not register it twice",
                PULL + "; the ePUAP integration guide (a document comes until it is confirmed)", List.of(RECEIVE),
                "take every document from " + Simulation.OWN_BOX + " into the system's store",
                "the first confirmation is answered OK but the document stays in the box, to come again",
                "each content's SHA-256 was reported stored once (a 'duplicate' report for the second offer is fine), and the "
                        + "box is empty"), c -> {
                    List<String> hashes = deposit(c);
                    c.sim().epuap().duplicateNextDelivery();
                    Context.Step step = c.perform(RECEIVE, box());
                    long pulls = c.sim().epuap().traffic().stream().filter(e -> "ZapytaniePullPobierz".equals(e.operation())).count();
                    c.observe(pulls + " pobierzNastepny request(s); duplicates reported: " + step.events("duplicate").size());
                    String failure = Checks.failed(step, "take the documents");
                    return judged(storedOnceAndConfirmed(c, hashes, step.events("stored")), failure);
                });
    }

    private static Check crashBeforeConfirm() {
        return check(scenario("epuap-crash-before-confirm", AREA, "A crash before confirming: the document comes again and is registered once",
                "A document is confirmed only after it is stored, so a system that dies in between loses nothing: ePUAP offers "
                        + "it again, and the restarted system recognises what it stored and confirms it without storing it twice",
                PULL + "; the ePUAP integration guide", List.of(RECEIVE, RECEIVE, "list"),
                "take every document from " + Simulation.OWN_BOX + "; then, after the crash, do it again; then list what is stored",
                "the first potwierdzOdebranie is lost (the connection dropped) and an adapter process is killed (SIGKILL) at that "
                        + "moment; a driver fails on the lost confirmation instead",
                "after the restart every document is stored once (by the final list) and the box is empty"), c -> {
                    List<String> hashes = deposit(c);
                    c.sim().epuap().inject(EpuapSimulator.Service.PULL, "ZapytaniePullPotwierdz", Mishap.dropConnection());
                    Context.Step first = c.perform(RECEIVE, box(), sim -> sim.epuap().traffic().stream()
                            .anyMatch(e -> "ZapytaniePullPotwierdz".equals(e.operation())));
                    c.observe("the first run: " + (first.killed() ? "killed at its first confirmation" : first.failure() != null
                            ? "failed: " + first.failure() : "finished") + "; it reported " + first.events("stored").size() + " stored");
                    return afterRestart(c, hashes);
                });
    }

    private static Check crashAfterConfirm() {
        return check(scenario("epuap-crash-after-confirm", AREA, "A crash right after confirming loses nothing: documents are stored first",
                "A confirmed document leaves the box for good, so it must be stored before it is confirmed: a system that confirms "
                        + "first and dies before storing has lost it, and ePUAP will not offer it again",
                PULL + "; the ePUAP integration guide", List.of(RECEIVE, RECEIVE, "list"),
                "take every document from " + Simulation.OWN_BOX + "; then, after the crash, do it again; then list what is stored",
                "the answer to the first potwierdzOdebranie is held back 5 s after ePUAP has processed it, and an adapter process is "
                        + "killed (SIGKILL) in that window; a driver cannot be killed, so for a driver this scenario proves little",
                "after the restart every document is stored once (by the final list) and the box is empty"), c -> {
                    List<String> hashes = deposit(c);
                    c.sim().epuap().inject(EpuapSimulator.Service.PULL, "ZapytaniePullPotwierdz", Mishap.delayAnswer(java.time.Duration.ofSeconds(5)));
                    Context.Step first = c.perform(RECEIVE, box(), sim -> sim.epuap().inbox(Simulation.OWN_BOX).size() < hashes.size());
                    c.observe("the first run: " + (first.killed() ? "killed once ePUAP had processed its first confirmation"
                            : first.failure() != null ? "failed: " + first.failure() : "finished (not killed)"));
                    return afterRestart(c, hashes);
                });
    }

    private static Check hugeDocument() {
        int size = 24 * 1024 * 1024;
        return check(scenario("epuap-huge-document", AREA, "A huge document is stored whole",
                "A document is stored byte for byte whatever its size (the pull answer carries it in base64), and confirmed only "
                        + "after; nothing is cut, and a system that cannot take it leaves it unconfirmed rather than confirm a part",
                PULL, List.of(RECEIVE), "take every document from " + Simulation.OWN_BOX + " into the system's store",
                "none (one document of " + size / (1024 * 1024) + " MB waits; its pull answer is about "
                        + size * 4 / 3 / (1024 * 1024) + " MB)", "the system reported its SHA-256 once, and the box is empty"), c -> {
                    byte[] content = new byte[size];
                    new java.util.Random(24).nextBytes(content);
                    c.sim().epuap().deposit(Simulation.OWN_BOX, "JanKowalski", EpuapAddress.parse("/JanKowalski/skrytka"), "akta.bin",
                            "application/octet-stream", content);
                    List<String> hashes = List.of(sha256(content));
                    c.observe("deposited akta.bin, " + size + " bytes, SHA-256 " + hashes.get(0));
                    Context.Step step = c.perform(RECEIVE, box());
                    String failure = Checks.failed(step, "take the document");
                    return judged(storedOnceAndConfirmed(c, hashes, step.events("stored")), failure);
                });
    }

    private static Check forgedAnswer() {
        return check(scenario("epuap-forged-answer", AREA, "An answer not signed by ePUAP is refused: its document is not stored",
                "ePUAP signs its answers (WS-Security, its own certificate); an answer that is not signed by it (a man in the middle, a "
                        + "misrouted proxy) is refused, and the document in it is neither stored nor confirmed",
                PULL + "; the ePUAP integration guide (answers are signed); OWASP: verify message-level signatures",
                List.of(RECEIVE, RECEIVE), "take every document from " + Simulation.OWN_BOX + "; then do it again",
                "the first answer to pobierzNastepny is an unsigned envelope carrying a forged document; the real one waits behind it",
                "the forged document's SHA-256 is never reported stored; the real document is stored once and the box is empty"), c -> {
                    byte[] real = TestXadesSigner.signEnveloped(TestDocuments.xmlLetter("Wniosek"), c.sim().pki().seal());
                    c.sim().epuap().deposit(Simulation.OWN_BOX, "JanKowalski", EpuapAddress.parse("/JanKowalski/skrytka"), "wniosek.xml",
                            "text/xml", real);
                    byte[] forged = "<Pismo><Tresc>Wezwanie do zapłaty 9 999 zł na konto 00 1111</Tresc></Pismo>".getBytes(StandardCharsets.UTF_8);
                    String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Header/>"
                            + "<soapenv:Body><ob:OdpowiedzPullPobierz xmlns:ob=\"http://wsdl.epuap.gov.pl/obiekty/\"><status><kod>1</kod>"
                            + "<komunikat>OK</komunikat></status><danePodmiotu><identyfikator>UrzadSkarbowy</identyfikator></danePodmiotu>"
                            + "<dataNadania>2026-12-01T08:00:00Z</dataNadania><adresSkrytki>" + Simulation.OWN_BOX + "</adresSkrytki>"
                            + "<dokument><nazwaPliku>wezwanie.xml</nazwaPliku><typPliku>text/xml</typPliku><zawartosc>"
                            + Base64.getEncoder().encodeToString(forged) + "</zawartosc></dokument></ob:OdpowiedzPullPobierz></soapenv:Body>"
                            + "</soapenv:Envelope>";
                    c.sim().epuap().inject(EpuapSimulator.Service.PULL, "ZapytaniePullPobierz",
                            Mishap.rawAnswer(envelope.getBytes(StandardCharsets.UTF_8)));
                    c.observe("the first pobierzNastepny is answered with an unsigned envelope carrying wezwanie.xml, SHA-256 " + sha256(forged));
                    Context.Step first = c.perform(RECEIVE, box());
                    Context.Step second = c.perform(RECEIVE, box());
                    List<Event> stored = new ArrayList<>(first.events("stored"));
                    stored.addAll(second.events("stored"));
                    c.observe("the first run " + (first.failure() == null ? "finished" : "failed: " + first.failure()));
                    if (Checks.values(stored, "sha256").contains(sha256(forged))) {
                        return "the system stored the forged document from an answer ePUAP did not sign";
                    }
                    return judged(storedOnceAndConfirmed(c, List.of(sha256(real)), stored), Checks.failed(second, "take the documents"));
                });
    }

    private static Path document(Context c) throws Exception {
        return Files.write(c.folder().resolve("pismo.xml"), TestXadesSigner.signEnveloped(TestDocuments.xmlLetter("Odpowiedź na wniosek"),
                c.sim().pki().seal()));
    }

    private static Map<String, Object> sending(Path file) {
        return Map.of("from", Simulation.OWN_BOX.value(), "to", Simulation.OTHER_BOX.value(), "file", file.toString());
    }

    private static Check send() {
        return check(scenario("epuap-send", AREA, "A document is sent with WS-Security over SHA-256, and its UPP checks",
                "Requests to ePUAP are signed (WS-Security, X.509 token) with RSA-SHA256 over the Body and the timestamp; "
                        + "the UPP that comes back is signed by ePUAP and is the proof of delivery",
                "ePUAP skrytka WSDL (nadaj); the ePUAP integration guide (WS-Security); Rozporządzenie w sprawie sporządzania "
                        + "pism w formie dokumentów elektronicznych (UPP)", List.of("epuap.send"),
                "send pismo.xml from " + Simulation.OWN_BOX + " to " + Simulation.OTHER_BOX + " and check its UPP", "none",
                "the request's signature is RSA-SHA256 with SHA-256 digests and covers the Body; the document arrived once; the "
                        + "system reported the UPP GENUINE"), c -> {
                    Context.Step step = c.perform("epuap.send", sending(document(c)));
                    String failure = Checks.failed(step, "send the document");
                    if (failure != null) {
                        return failure;
                    }
                    org.w3c.dom.Document request = c.sim().epuap().lastRequest(EpuapSimulator.Service.SKRYTKA);
                    if (request == null) {
                        return "the system never called skrytka";
                    }
                    String sig = algorithms(request, "SignatureMethod");
                    String digests = algorithms(request, "DigestMethod");
                    boolean body = request.getElementsByTagNameNS("*", "Body").getLength() > 0 && bodyIsReferenced(request);
                    c.observe("SignatureMethod " + sig + "; DigestMethod " + digests + "; the Body is signed: " + body);
                    if (!sig.equals("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")) {
                        return "the request is signed with " + sig + ", not RSA-SHA256";
                    }
                    if (!List.of(digests.split(" ")).stream().allMatch(d -> d.equals("http://www.w3.org/2001/04/xmlenc#sha256"))) {
                        return "the request's digests are " + digests + ", not all SHA-256";
                    }
                    if (!body) {
                        return "the request's signature does not cover the SOAP Body";
                    }
                    long arrived = c.sim().epuap().inbox(Simulation.OTHER_BOX).size();
                    c.observe(Simulation.OTHER_BOX + " holds " + arrived + " document(s)");
                    if (arrived != 1) {
                        return Simulation.OTHER_BOX + " holds " + arrived + " documents, not 1";
                    }
                    List<Event> upp = step.events("upp");
                    if (upp.isEmpty() || !"GENUINE".equals(upp.get(0).get("verdict"))) {
                        return "the system did not report the genuine UPP as GENUINE: " + upp;
                    }
                    return null;
                });
    }

    private static Check forgedUpp() {
        return check(scenario("epuap-forged-upp", AREA, "A forged UPP is refused",
                "A UPP proves delivery only when its own signature (ePUAP's) verifies over what it says; a UPP changed after "
                        + "signing, even inside a correctly signed SOAP answer, proves nothing",
                "Rozporządzenie w sprawie sporządzania pism w formie dokumentów elektronicznych (UPP); XMLDSig",
                List.of("epuap.send"), "send pismo.xml from " + Simulation.OWN_BOX + " to " + Simulation.OTHER_BOX + " and check its UPP",
                "the UPP in skrytka's answer names another box than it was signed with; the answer itself is signed afresh",
                "the system reported the UPP REJECTED"), c -> {
                    c.sim().epuap().inject(EpuapSimulator.Service.SKRYTKA, Mishap.alterAnswer(doc -> {
                        NodeList contents = doc.getElementsByTagNameNS("*", "zawartosc");
                        for (int i = 0; i < contents.getLength(); i++) {
                            Element e = (Element) contents.item(i);
                            String upp = new String(Base64.getDecoder().decode(e.getTextContent().trim()), StandardCharsets.UTF_8);
                            e.setTextContent(Base64.getEncoder().encodeToString(upp.replace(Simulation.OTHER_BOX.value(),
                                    "/PodlaskaWKOHP/inna").getBytes(StandardCharsets.UTF_8)));
                        }
                    }));
                    Context.Step step = c.perform("epuap.send", sending(document(c)));
                    List<Event> upp = step.events("upp");
                    c.observe("the system's verdict: " + upp + (step.failure() == null ? "" : "; it failed: " + step.failure()));
                    if (upp.isEmpty()) {
                        return "the system reported no verdict on the UPP" + (step.failure() == null ? "" : " (" + step.failure() + ")");
                    }
                    return "REJECTED".equals(upp.get(0).get("verdict")) ? null
                            : "the system accepted a forged UPP as " + upp.get(0).get("verdict");
                });
    }

    private static String algorithms(org.w3c.dom.Document doc, String element) {
        NodeList list = doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", element);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add(((Element) list.item(i)).getAttribute("Algorithm"));
        }
        return String.join(" ", out.stream().distinct().toList());
    }

    private static List<String> references(org.w3c.dom.Document doc) {
        NodeList list = doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Reference");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add(((Element) list.item(i)).getAttribute("URI"));
        }
        return out;
    }

    private static boolean bodyIsReferenced(org.w3c.dom.Document doc) {
        Element body = (Element) doc.getElementsByTagNameNS("*", "Body").item(0);
        String id = body.getAttributeNS("http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd", "Id");
        if (id.isEmpty()) {
            id = body.getAttribute("Id");
        }
        return !id.isEmpty() && references(doc).contains("#" + id);
    }
}
