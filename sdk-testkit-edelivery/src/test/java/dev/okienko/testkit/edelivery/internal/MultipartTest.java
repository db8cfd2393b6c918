package dev.okienko.testkit.edelivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** The simulator's multipart/form-data reader: what OkHttp writes reads back whole; malformed forms are refused. */
class MultipartTest {
    private static final String TYPE = "multipart/form-data; boundary=xyz";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsWhatOkHttpWrites_fieldsAndFileWithCrlfInside() throws Exception {
        byte[] file = bytes("line\r\n--xy\r\nnot a boundary\r\n");
        MultipartBody body = new MultipartBody.Builder("b0und4ry").setType(MultipartBody.FORM)
                .addFormDataPart("filename", "pismo.txt")
                .addFormDataPart("file", "pismo.txt", RequestBody.create(file, MediaType.get("text/plain")))
                .build();
        Buffer sink = new Buffer();
        body.writeTo(sink);

        Map<String, Multipart.Part> parts = Multipart.parse(body.contentType().toString(), sink.readByteArray());

        assertThat(parts.keySet()).containsExactly("filename", "file");
        assertThat(parts.get("filename").text()).isEqualTo("pismo.txt");
        assertThat(parts.get("filename").filename()).isNull();
        assertThat(parts.get("file").filename()).isEqualTo("pismo.txt");
        assertThat(parts.get("file").contentType()).isEqualTo("text/plain");
        assertThat(parts.get("file").content()).isEqualTo(file);
    }

    @Test
    void malformedForms_areRefusedNamingTheFault() {
        assertThatThrownBy(() -> Multipart.parse("application/json", bytes("{}"))).hasMessageContaining("not multipart");
        assertThatThrownBy(() -> Multipart.parse("multipart/form-data", bytes("--x"))).hasMessageContaining("no boundary");
        assertThatThrownBy(() -> Multipart.parse(TYPE, bytes("--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1")))
                .hasMessageContaining("closing boundary");
        assertThatThrownBy(() -> Multipart.parse(TYPE, bytes("--xyz\r\nContent-Disposition: form-data; name=\"a\"")))
                .hasMessageContaining("headers do not end");
        assertThatThrownBy(() -> Multipart.parse(TYPE, bytes("--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
                + "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n2\r\n--xyz--\r\n"))).hasMessageContaining("twice");
        assertThatThrownBy(() -> Multipart.parse(TYPE, bytes("--xyz\r\nContent-Type: text/plain\r\n\r\n1\r\n--xyz--")))
                .hasMessageContaining("Content-Disposition");
        assertThatThrownBy(() -> Multipart.parse(TYPE, bytes("garbage"))).hasMessageContaining("does not start with the boundary");
    }
}
