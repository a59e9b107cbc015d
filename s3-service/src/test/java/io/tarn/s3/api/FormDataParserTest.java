package io.tarn.s3.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class FormDataParserTest {

    private static final String B = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

    /** Records what the parser tells, streaming the part named "file". */
    static final class Recorder implements FormDataParser.Listener {
        final List<String> fields = new ArrayList<>();
        final ByteArrayOutputStream file = new ByteArrayOutputStream();
        @Nullable String filename;
        int ends;

        @Override
        public boolean begins(String name, @Nullable String filename) {
            if (!name.equals("file")) {
                return false;
            }
            this.filename = filename;
            return true;
        }

        @Override
        public void field(String name, String value) {
            fields.add(name + "=" + value);
        }

        @Override
        public void data(ByteBuffer bytes) {
            byte[] b = new byte[bytes.remaining()];
            bytes.get(b);
            file.write(b, 0, b.length);
        }

        @Override
        public void end() {
            ends++;
        }
    }

    static byte[] form(byte[] file, String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < fields.length; i += 2) {
            out.writeBytes(("--" + B + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n" + fields[i + 1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + B + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\docs\\a%22b.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + B + "\r\nContent-Disposition: form-data; name=\"after\"\r\n\r\nignored\r\n--" + B + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static Recorder parse(byte[] body, int pieceSize) {
        Recorder r = new Recorder();
        FormDataParser p = new FormDataParser(B, 20 * 1024, r);
        for (int i = 0; i < body.length; i += pieceSize) {
            p.feed(ByteBuffer.wrap(body, i, Math.min(pieceSize, body.length - i)));
        }
        p.finish();
        return r;
    }

    @Test
    void fieldsComeWholeAndTheFileStreamsWhateverTheCutsOfTheBody() {
        // bytes that look like the start of a boundary must pass through as data
        byte[] file = ("line one\r\n--" + B.substring(0, 10) + "\r\n-\r\n--\r" + "end").getBytes(StandardCharsets.UTF_8);
        byte[] body = form(file, "key", "uploads/${filename}", "x-amz-meta-note", "h\u00e9llo");
        for (int piece : new int[] {1, 2, 3, 7, 41, 1000, body.length}) {
            Recorder r = parse(body, piece);
            assertThat(r.fields).as("cut every %d bytes", piece).containsExactly("key=uploads/${filename}", "x-amz-meta-note=h\u00e9llo");
            assertThat(r.file.toByteArray()).isEqualTo(file);
            assertThat(r.filename).isEqualTo("C:\\docs\\a\"b.txt");
            assertThat(r.ends).isEqualTo(1);
        }
    }

    @Test
    void aLargeRandomFileStreamsIntact() {
        byte[] file = new byte[3 << 20];
        new Random(7).nextBytes(file);
        Recorder r = parse(form(file, "key", "k"), 64 * 1024);
        assertThat(r.file.toByteArray()).isEqualTo(file);
        assertThat(r.fields).containsExactly("key=k"); // the field after the file is ignored
    }

    @Test
    void aBodyCutShortIsMalformed() {
        byte[] body = form("data".getBytes(StandardCharsets.UTF_8), "key", "k");
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 120); // inside the file: no closing boundary
        assertThatThrownBy(() -> parse(cut, 16)).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.code()).isEqualTo("MalformedPOSTRequest"));
        byte[] noFile = ("--" + B + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk\r\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parse(noFile, 5)).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.code()).isEqualTo("MalformedPOSTRequest"));
        byte[] noDisposition = ("--" + B + "\r\nContent-Type: text/plain\r\n\r\nk\r\n--" + B + "--").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parse(noDisposition, 5)).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.code()).isEqualTo("MalformedPOSTRequest"));
    }

    @Test
    void aFormWithoutFileEndsAtItsClosingBoundary() {
        byte[] body = ("preamble\r\n--" + B + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk\r\n--" + B + "--\r\nepilogue")
                .getBytes(StandardCharsets.UTF_8);
        Recorder r = parse(body, 3);
        assertThat(r.fields).containsExactly("key=k");
        assertThat(r.ends).isZero();
    }

    @Test
    void fieldsBeforeTheFileAreLimited() {
        byte[] body = form("x".getBytes(StandardCharsets.UTF_8), "key", "k", "x-amz-meta-big", "v".repeat(21 * 1024));
        assertThatThrownBy(() -> parse(body, 4096)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("MaxPostPreDataLengthExceededError");
            assertThat(e.extra()).containsEntry("MaxPostPreDataLength", "20480");
        });
        // the file itself is not counted
        assertThat(parse(form(new byte[64 * 1024], "key", "k"), 1024).file.size()).isEqualTo(64 * 1024);
    }

    @Test
    void theBoundaryComesFromAFormDataContentType() {
        assertThat(FormDataParser.boundary("multipart/form-data; boundary=" + B)).isEqualTo(B);
        assertThat(FormDataParser.boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b:c\"")).isEqualTo("a b:c");
        assertThat(FormDataParser.boundary("multipart/form-data")).isNull();
        assertThat(FormDataParser.boundary("multipart/mixed; boundary=x")).isNull();
        assertThat(FormDataParser.boundary(null)).isNull();
        assertThat(FormDataParser.isFormData("multipart/form-data")).isTrue();
        assertThat(FormDataParser.isFormData("application/x-www-form-urlencoded")).isFalse();
    }
}
