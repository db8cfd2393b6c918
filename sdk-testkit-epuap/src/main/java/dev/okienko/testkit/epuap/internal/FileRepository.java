package dev.okienko.testkit.epuap.internal;

import dev.okienko.testkit.pki.internal.XmlText;
import dev.okienko.epuap.internal.soap.Namespaces;
import dev.okienko.epuap.internal.soap.SoapCall;
import java.util.Base64;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** {@code FileRepoService}: uploads, and downloads each stored file once. */
public final class FileRepository implements SoapEndpoint.Operations {
    private final EpuapState state;

    /** @param state the simulator's file repository */
    public FileRepository(EpuapState state) {
        this.state = state;
    }

    @Override
    public Element answer(Document request) {
        Element body = SoapParts.body(request);
        Element download = SoapParts.first(body, Namespaces.FILE_REPOSITORY, "DownloadFileParam");
        if (download != null) {
            String fileId = SoapEndpoint.required(download, "fileId");
            SoapEndpoint.required(download, "subject");
            EpuapState.StoredFile file = state.files().remove(fileId);
            if (file == null) {
                throw new SoapEndpoint.Fault("soapenv:Server", "Plik " + fileId + " nie istnieje lub został już pobrany",
                        "<fc:WyjatekTyp xmlns:fc=\"" + Namespaces.FILE_REPOSITORY + "\"><kod>-1</kod><komunikat>Plik "
                                + XmlText.escape(fileId) + " nie istnieje lub został już pobrany</komunikat></fc:WyjatekTyp>");
            }
            Element answer = SoapCall.newRequest(Namespaces.FILE_REPOSITORY, "DataDocument");
            SoapCall.addChild(answer, "file", Base64.getEncoder().encodeToString(file.content()));
            SoapCall.addChild(answer, "filename", file.fileName());
            SoapCall.addChild(answer, "mimeType", file.mimeType());
            return answer;
        }
        Element upload = SoapParts.first(body, Namespaces.FILE_REPOSITORY, "UploadFileParam");
        if (upload != null) {
            String id = state.storeFile(SoapCall.decodeBase64(SoapEndpoint.required(upload, "file"), "uploadFile file"),
                    SoapEndpoint.required(upload, "filename"), SoapEndpoint.required(upload, "mimeType"));
            Element answer = SoapCall.newRequest(Namespaces.FILE_REPOSITORY, "fileId5");
            answer.setTextContent(id);
            return answer;
        }
        throw new SoapEndpoint.Fault("soapenv:Client", "the Body holds neither DownloadFileParam nor UploadFileParam", null);
    }
}
