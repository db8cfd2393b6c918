package dev.okienko.edelivery.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.okienko.core.Ade;
import dev.okienko.core.ClientException;
import dev.okienko.edelivery.Letter;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.edelivery.internal.AttachmentFiles.Prepared;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Sends a letter whose attachments are too large to go inline: a draft without them ({@code POST /drafts}),
 * then each attachment as multipart ({@code POST /{draft}/attachments/upload}), the operator's size and hash
 * checked against the file's. When anything fails before the draft is sent, it is deleted.
 */
public final class Drafts {
    private final MailboxApi api;
    private final Ade from;

    /**
     * @param api the mailbox
     * @param from its address
     */
    public Drafts(MailboxApi api, Ade from) {
        this.api = api;
        this.from = from;
    }

    /** Makes a draft of the letter without attachments, then uploads them; on any failure the draft is deleted. */
    /**
     * @param letter the letter
     * @param files its attachments, measured
     * @param sendId the send id the draft carries
     * @return the draft's id, with every attachment uploaded and checked
     * @throws ClientException when the draft cannot be made or an attachment not uploaded (the draft is
     *     deleted; nothing was sent)
     * @throws dev.okienko.core.ServiceException when the API refused the draft or an attachment
     */
    public String draft(Letter letter, List<Prepared> files, String sendId) {
        Request.Builder create = new Request.Builder().url(api.url("drafts")).header("Accept", "application/json")
                .post(new LetterBody(from, letter, List.of(), sendId));
        String draft;
        try {
            draft = api.json().call(create, api.json()::requireJson).path("messageId").asText("");
        } catch (ConnectException | UnknownHostException e) {
            throw new ClientException(Mailbox.SERVICE + " could not be reached; the letter was not sent: " + e.getMessage(),
                    e, true);
        } catch (IOException e) {
            throw new ClientException("the draft of '" + letter.subject() + "' could not be made (" + MailboxApi.describe(e)
                    + "); no letter was sent, though an empty draft may be left in the mailbox", e, true);
        }
        if (draft.isEmpty()) {
            throw new ClientException(Mailbox.SERVICE + " answered the draft of '" + letter.subject() + "' without a messageId");
        }
        for (Prepared file : files) {
            try {
                upload(draft, file);
            } catch (IOException e) {
                throw new ClientException("attachment " + file.attachment().filename() + " could not be uploaded to draft "
                        + draft + " (" + MailboxApi.describe(e) + "); no letter was sent" + discard(draft), e, true);
            } catch (RuntimeException e) {
                discard(draft);
                throw e;
            }
        }
        return draft;
    }

    private void upload(String draft, Prepared file) throws IOException {
        Letter.Attachment a = file.attachment();
        MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("filename", a.filename())
                .addFormDataPart("contentType", a.contentType())
                .addFormDataPart("size", Long.toString(file.size()))
                .addFormDataPart("alg", "SHA-3");
        if (a.description() != null) {
            form.addFormDataPart("description", a.description());
        }
        form.addFormDataPart("file", a.filename(), RequestBody.create(a.file().toFile(), MediaType.parse(a.contentType())));
        Request.Builder request = new Request.Builder().url(api.url(draft, "attachments", "upload"))
                .header("Accept", "application/json").post(form.build());
        JsonNode stored = api.json().call(request, api.json()::requireJson).path("fileMetadata");
        // the operator hashes what it received: a file changed or cut short on the way is caught here
        if (stored.path("size").isNumber() && stored.path("size").asLong() != file.size()) {
            throw new ClientException("attachment " + a.filename() + " reached draft " + draft + " with "
                    + stored.path("size").asLong() + " bytes, not " + file.size() + "; no letter was sent");
        }
        if (stored.path("hash").isTextual() && !stored.path("hash").asText().equals(file.hash())) {
            throw new ClientException("attachment " + a.filename() + " reached draft " + draft
                    + " with another SHA-3 hash than the file's (did it change while uploading?); no letter was sent");
        }
    }

    /**
     * @param draft a draft that will not be sent
     * @return what happened to it, to end an error message with
     */
    public String discard(String draft) {
        try {
            api.json().call(new Request.Builder().url(api.url("drafts", draft)).delete(), response -> response.code());
            return ", and its draft was deleted";
        } catch (IOException | RuntimeException e) {
            return ", and its draft " + draft + " could not be deleted (" + MailboxApi.describe(e) + ")";
        }
    }
}
