package dev.okienko.edelivery.internal;

import static dev.okienko.edelivery.internal.JsonFields.instant;
import static dev.okienko.edelivery.internal.JsonFields.nonEmptyText;

import com.fasterxml.jackson.databind.JsonNode;
import dev.okienko.core.ClientException;
import dev.okienko.edelivery.EvidenceCode;
import dev.okienko.edelivery.EvidenceInfo;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Request;

/** A message's evidences: listed ({@code GET /messages/{id}/evidences}) and downloaded as signed documents. */
public final class Evidences {
    /** The largest evidence document taken. */
    static final int MAX_EVIDENCE = 16 * 1024 * 1024;

    private Evidences() {
    }

    /**
     * @param api the mailbox
     * @param messageId a message
     * @return its evidences, as listed
     */
    public static List<EvidenceInfo> list(MailboxApi api, String messageId) {
        List<EvidenceInfo> list = new ArrayList<>();
        for (JsonNode e : api.get(api.url("messages", messageId, "evidences")).path("evidences")) {
            String type = e.path("type").asText("");
            List<String> details = new ArrayList<>();
            e.path("reasonDetails").forEach(d -> details.add(d.asText()));
            list.add(new EvidenceInfo(e.path("evidenceId").asText(), e.path("messageId").asText(messageId), type,
                    EvidenceCode.of(type), instant(e.path("eventDate")), instant(e.path("createDate")),
                    e.path("downloaded").asBoolean(false), nonEmptyText(e, "reasonId"), details));
        }
        return list;
    }

    /**
     * @param api the mailbox
     * @param evidence an evidence, as listed
     * @return its signed document, at most 16 MiB ({@code puh} for the hybrid service's evidences)
     */
    public static byte[] download(MailboxApi api, dev.okienko.edelivery.EvidenceInfo evidence) {
        boolean hybrid = evidence.code().map(EvidenceCode::isHybrid).orElse(false);
        Request.Builder request = new Request.Builder().url(api.url("evidences", hybrid ? "puh" : "purde", evidence.evidenceId()))
                .get();
        return api.json().exchange(request,
                response -> {
                    try (InputStream in = response.body().byteStream()) {
                        byte[] bytes = in.readNBytes(MAX_EVIDENCE + 1);
                        if (bytes.length > MAX_EVIDENCE) {
                            throw new ClientException("evidence " + evidence.evidenceId() + " is over " + MAX_EVIDENCE
                                    + " bytes; refused");
                        }
                        return bytes;
                    }
                });
    }
}
