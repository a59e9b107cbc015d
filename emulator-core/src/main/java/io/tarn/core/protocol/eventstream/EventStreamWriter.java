package io.tarn.core.protocol.eventstream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Encodes messages of the {@code application/vnd.amazon.eventstream} framing that AWS streams
 * events in (Kinesis SubscribeToShard, S3 SelectObjectContent): a prelude with the total and
 * header lengths and its CRC32, string-valued headers, the payload, and a CRC32 of everything
 * before it.
 */
public final class EventStreamWriter {

    public static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    private static final byte STRING_HEADER = 7;
    private static final int PRELUDE_BYTES = 12;
    private static final int CRC_BYTES = 4;

    private EventStreamWriter() {}

    /** An event: {@code :message-type event}, {@code :event-type} and the payload's content type. */
    public static ByteBuffer event(String eventType, String contentType, byte[] payload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":message-type", "event");
        headers.put(":event-type", eventType);
        headers.put(":content-type", contentType);
        return message(headers, payload);
    }

    /** A modelled error that ends the stream: {@code :message-type exception} with its code. */
    public static ByteBuffer exception(String exceptionType, String contentType, byte[] payload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":message-type", "exception");
        headers.put(":exception-type", exceptionType);
        headers.put(":content-type", contentType);
        return message(headers, payload);
    }

    /** One message with string headers; the buffer is ready to read. */
    public static ByteBuffer message(Map<String, String> headers, byte[] payload) {
        int headerBytes = 0;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            headerBytes += 1 + utf8(h.getKey()).length + 1 + 2 + utf8(h.getValue()).length;
        }
        int total = PRELUDE_BYTES + headerBytes + payload.length + CRC_BYTES;
        ByteBuffer out = ByteBuffer.allocate(total);
        out.putInt(total).putInt(headerBytes);
        out.putInt((int) crc(out.array(), 0, 8));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            byte[] name = utf8(h.getKey());
            byte[] value = utf8(h.getValue());
            out.put((byte) name.length).put(name).put(STRING_HEADER).putShort((short) value.length).put(value);
        }
        out.put(payload);
        out.putInt((int) crc(out.array(), 0, total - CRC_BYTES));
        return out.flip();
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
