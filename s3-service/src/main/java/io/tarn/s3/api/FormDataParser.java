package io.tarn.s3.api;

import io.tarn.core.error.AwsException;
import io.tarn.s3.S3Errors;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A push-style parser of a {@code multipart/form-data} body (RFC 7578), fed the body part by part
 * as it arrives. Fields are gathered whole; the part the listener chooses to stream (S3's
 * {@code file}) goes out in pieces as it is read, holding back only the few bytes that could
 * begin the next boundary, so a file of gigabytes never sits in memory. After the streamed part
 * the rest of the body is ignored, as S3 ignores the fields after the file. The libraries that
 * parse this format read from an InputStream; a request body here is pushed, so this is a small
 * boundary scanner of its own.
 */
final class FormDataParser {

    /** Told of each part in order. An exception thrown here ends the parse with it. */
    interface Listener {
        /** A part begins: true to receive its bytes as they come ({@link #data}, then {@link #end}); false to get it whole. */
        boolean begins(String name, @Nullable String filename);

        /** A part that was not streamed, whole, as UTF-8 text. */
        void field(String name, String value);

        void data(ByteBuffer bytes);

        /** The streamed part is complete. */
        void end();
    }

    private enum State { PREAMBLE, AFTER_DELIMITER, HEADERS, FIELD, STREAM, DONE }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] BLANK_LINE = {'\r', '\n', '\r', '\n'};
    /** Transport padding after a boundary is a few spaces at most; more is not a boundary line. */
    private static final int MAX_DELIMITER_LINE = 256;

    private final byte[] delimiter;
    private final Listener listener;
    private final int maxPreData;
    private byte[] buf = new byte[8192];
    private int start;
    private int end;
    private State state = State.PREAMBLE;
    /** The form's bytes before a streamed part, which S3 limits (the virtual CRLF below not counted). */
    private long preData = -CRLF.length;
    private boolean streamed;
    private String partName = "";
    private final ByteArrayOutputStream field = new ByteArrayOutputStream();

    /**
     * @param boundary the {@code boundary} parameter of the request's Content-Type
     * @param maxPreData how many bytes may come before a streamed part (MaxPostPreDataLengthExceededError past it)
     */
    FormDataParser(String boundary, int maxPreData, Listener listener) {
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.maxPreData = maxPreData;
        this.listener = listener;
        // every boundary but the first follows a CRLF; starting with one lets a single pattern find them all
        buf[0] = '\r';
        buf[1] = '\n';
        end = 2;
    }

    /** The boundary of a {@code multipart/form-data} Content-Type, or null when it is another type or names none. */
    static @Nullable String boundary(@Nullable String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        if (!type.equalsIgnoreCase("multipart/form-data") || semicolon < 0) {
            return null;
        }
        String boundary = parameters(contentType.substring(semicolon + 1)).get("boundary");
        return boundary == null || boundary.isEmpty() || boundary.length() > 70 ? null : boundary;
    }

    static boolean isFormData(@Nullable String contentType) {
        return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    void feed(ByteBuffer in) {
        if (state == State.DONE) {
            return; // what follows the closing boundary or the streamed part is ignored
        }
        append(in);
        process();
    }

    /** The body is complete: it must have ended with the closing boundary, or after the streamed part. */
    void finish() {
        if (state != State.DONE) {
            throw malformed();
        }
    }

    static AwsException malformed() {
        return S3Errors.MALFORMED_POST_REQUEST.exception("The body of your POST request is not well-formed multipart/form-data.");
    }

    private void append(ByteBuffer in) {
        int held = end - start;
        int needed = held + in.remaining();
        if (needed > buf.length) {
            byte[] bigger = new byte[Math.max(needed, buf.length * 2)];
            System.arraycopy(buf, start, bigger, 0, held);
            buf = bigger;
        } else if (start > 0) {
            System.arraycopy(buf, start, buf, 0, held);
        }
        start = 0;
        end = held;
        int n = in.remaining();
        in.get(buf, end, n);
        end += n;
    }

    private void process() {
        while (true) {
            switch (state) {
                case PREAMBLE: {
                    int at = indexOf(delimiter);
                    if (at < 0) {
                        consume(holdBack() - start); // a preamble is ignored
                        return;
                    }
                    consume(at + delimiter.length - start);
                    state = State.AFTER_DELIMITER;
                    break;
                }
                case AFTER_DELIMITER: {
                    if (end - start < 2) {
                        return;
                    }
                    if (buf[start] == '-' && buf[start + 1] == '-') {
                        state = State.DONE; // the closing boundary; an epilogue is ignored
                        break;
                    }
                    int at = indexOf(CRLF);
                    if (at < 0) {
                        if (end - start > MAX_DELIMITER_LINE) {
                            throw malformed();
                        }
                        return;
                    }
                    for (int i = start; i < at; i++) {
                        if (buf[i] != ' ' && buf[i] != '\t') {
                            throw malformed();
                        }
                    }
                    consume(at + CRLF.length - start);
                    state = State.HEADERS;
                    break;
                }
                case HEADERS: {
                    int at = startsWith(CRLF) ? start - 2 : indexOf(BLANK_LINE); // a part may have no headers at all
                    if (at < 0) {
                        checkPreData(end - start);
                        return;
                    }
                    String headers = at < start ? "" : new String(buf, start, at - start, StandardCharsets.UTF_8);
                    consume(at + BLANK_LINE.length - start);
                    beginPart(headers);
                    break;
                }
                case FIELD:
                case STREAM: {
                    int at = indexOf(delimiter);
                    int until = at < 0 ? holdBack() : at;
                    if (until > start) {
                        if (state == State.STREAM) {
                            listener.data(ByteBuffer.wrap(buf, start, until - start));
                        } else {
                            field.write(buf, start, until - start);
                        }
                        consume(until - start);
                    }
                    if (at < 0) {
                        return;
                    }
                    consume(delimiter.length);
                    if (state == State.STREAM) {
                        state = State.DONE;
                        listener.end();
                    } else {
                        state = State.AFTER_DELIMITER;
                        listener.field(partName, field.toString(StandardCharsets.UTF_8));
                    }
                    break;
                }
                case DONE:
                    start = end;
                    return;
                default:
                    throw new IllegalStateException(state.name());
            }
        }
    }

    private void beginPart(String headers) {
        String disposition = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-disposition")) {
                disposition = line.substring(colon + 1);
            }
        }
        if (disposition == null) {
            throw malformed();
        }
        int semicolon = disposition.indexOf(';');
        if (semicolon < 0 || !disposition.substring(0, semicolon).trim().equalsIgnoreCase("form-data")) {
            throw malformed();
        }
        Map<String, String> params = parameters(disposition.substring(semicolon + 1));
        String name = params.get("name");
        if (name == null) {
            throw malformed();
        }
        partName = name;
        field.reset();
        if (listener.begins(name, params.get("filename"))) {
            streamed = true;
            state = State.STREAM;
        } else {
            state = State.FIELD;
        }
    }

    /**
     * {@code ; name="value"; other=token} parameters, names lower-cased. Quoted values end at the
     * next quote: browsers and Python's urllib3 escape a quote, CR and LF as %22, %0D and %0A
     * (HTML's form encoding) and leave a backslash as it is (a Windows path in a filename).
     */
    static Map<String, String> parameters(String s) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        while (i < s.length()) {
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = s.substring(i, eq).replace(";", "").trim().toLowerCase(Locale.ROOT);
            int v = eq + 1;
            while (v < s.length() && s.charAt(v) == ' ') {
                v++;
            }
            String value;
            if (v < s.length() && s.charAt(v) == '"') {
                int close = s.indexOf('"', v + 1);
                if (close < 0) {
                    throw malformed();
                }
                value = s.substring(v + 1, close).replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
                i = close + 1;
            } else {
                int next = s.indexOf(';', v);
                value = (next < 0 ? s.substring(v) : s.substring(v, next)).trim();
                i = next < 0 ? s.length() : next;
            }
            int semicolon = s.indexOf(';', i);
            i = semicolon < 0 ? s.length() : semicolon + 1;
            params.putIfAbsent(key, value);
        }
        return params;
    }

    /** Where bytes stop being safe to pass on: the last few could be the start of a boundary. */
    private int holdBack() {
        return Math.max(start, end - (delimiter.length - 1));
    }

    private void consume(int n) {
        start += n;
        if (!streamed) {
            checkPreData(n);
            preData += n;
        }
    }

    private void checkPreData(long more) {
        if (!streamed && preData + more > maxPreData) {
            throw S3Errors.MAX_POST_PRE_DATA_LENGTH_EXCEEDED.exception("Your POST request fields preceding the upload file were too large.")
                    .with("MaxPostPreDataLength", Integer.toString(maxPreData));
        }
    }

    private boolean startsWith(byte[] pattern) {
        if (end - start < pattern.length) {
            return false;
        }
        for (int j = 0; j < pattern.length; j++) {
            if (buf[start + j] != pattern[j]) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(byte[] pattern) {
        byte first = pattern[0];
        for (int i = start, last = end - pattern.length; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            int j = 1;
            while (j < pattern.length && buf[i + j] == pattern[j]) {
                j++;
            }
            if (j == pattern.length) {
                return i;
            }
        }
        return -1;
    }
}
