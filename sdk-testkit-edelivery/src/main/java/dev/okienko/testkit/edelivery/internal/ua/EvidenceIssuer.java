package dev.okienko.testkit.edelivery.internal.ua;

import dev.okienko.testkit.pki.internal.XmlText;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.okienko.edelivery.EvidenceCode;
import dev.okienko.edelivery.MessageStatus;
import dev.okienko.testkit.edelivery.internal.ua.UaModel.Issued;
import dev.okienko.testkit.edelivery.internal.ua.UaModel.Message;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Issues a message's evidences (ETSI EN 319 522 XML, signed by the simulated provider's seal), tells the sender
 * (NewEvidence) and moves the message's status on. Called under {@link MailboxState}'s lock.
 */
final class EvidenceIssuer {
    private final MailboxService.EvidenceSigner signer;
    private final String issuerName;
    private final Webhooks webhooks;
    private volatile java.util.function.UnaryOperator<byte[]> forgery = b -> b;

    EvidenceIssuer(MailboxService.EvidenceSigner signer, String issuerName, Webhooks webhooks) {
        this.signer = signer;
        this.issuerName = issuerName;
        this.webhooks = webhooks;
    }

    /** @param change what happens to every evidence document issued from now on, after it is signed */
    void forge(java.util.function.UnaryOperator<byte[]> change) {
        this.forgery = change;
    }

    void issue(Message m, EvidenceCode code, Instant at, @Nullable String reason) {
        String id = UUID.randomUUID().toString();
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ev:Evidence xmlns:ev=\"http://uri.etsi.org/19522/v1#\" version=\"1.1.1\">"
                + "<ev:EvidenceIdentifier>" + id + "</ev:EvidenceIdentifier>"
                + "<ev:ERDSEventId>" + EvidenceCode.ETSI_EVENT_PREFIX + code.etsiEvent().orElseThrow() + "</ev:ERDSEventId>"
                + (reason == null ? "" : "<ev:EventReasons><ev:EventReason><ev:Code>urn:okienko:simulator:reason:presumed-delivery"
                        + "</ev:Code><ev:Details>" + XmlText.escape(reason) + "</ev:Details></ev:EventReason></ev:EventReasons>")
                + "<ev:EventTime>" + at + "</ev:EventTime>"
                + "<ev:SubmissionTime>" + m.submitted + "</ev:SubmissionTime>"
                + "<ev:EvidenceIssuerPolicyID><ev:PolicyID>urn:okienko:simulator:evidence-policy</ev:PolicyID></ev:EvidenceIssuerPolicyID>"
                + "<ev:EvidenceIssuerDetails><ev:Name>" + XmlText.escape(issuerName) + "</ev:Name></ev:EvidenceIssuerDetails>"
                + "<ev:SenderDetails><ev:ERDSUserIdentifier>" + m.from + "</ev:ERDSUserIdentifier></ev:SenderDetails>"
                + "<ev:RecipientDetails><ev:ERDSUserIdentifier>" + m.to + "</ev:ERDSUserIdentifier></ev:RecipientDetails>"
                + "<ev:UserContentInfo><ev:MessageIdentifier>" + m.id + "</ev:MessageIdentifier>"
                + "<ev:Subject>" + XmlText.escape(m.metadata.path("subject").asText()) + "</ev:Subject></ev:UserContentInfo>"
                + "</ev:Evidence>";
        m.evidences.add(new Issued(id, code, m.id, at, forgery.apply(signer.sign(xml.getBytes(StandardCharsets.UTF_8), at)), reason));
        ObjectNode evidence = Webhooks.statement(m.from, "NewEvidence");
        ((ArrayNode) evidence.path("notification")).addObject().put("id", id).put("type", code.code());
        webhooks.notify(m.from, "evidenceCallbackUrl", evidence);
        m.status = reason != null ? MessageStatus.UZNANA_ZA_DORECZONA : code.statusAfter().orElse(m.status);
    }
}
