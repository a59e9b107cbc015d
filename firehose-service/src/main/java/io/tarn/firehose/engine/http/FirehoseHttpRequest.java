package io.tarn.firehose.engine.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * The request AWS's Firehose sends to an HTTP endpoint (protocol version 1.0): a POST of
 * {@code {"requestId", "timestamp", "records": [{"data": base64}]}} with the
 * {@code X-Amz-Firehose-*} headers, the body gzipped when the destination asks for GZIP.
 */
final class FirehoseHttpRequest {

    static final String PROTOCOL_VERSION = "1.0";
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FirehoseHttpRequest() {}

    /** The body, built once so that every attempt sends the same request id and timestamp. */
    static byte[] body(String requestId, long timestampMillis, List<HttpRecord> records, boolean gzip) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = gzip ? new GZIPOutputStream(bytes) : bytes;
                JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("requestId", requestId);
            json.writeNumberField("timestamp", timestampMillis);
            json.writeArrayFieldStart("records");
            for (HttpRecord r : records) {
                json.writeStartObject();
                json.writeFieldName("data");
                json.writeBinary(r.data()); // base64, as AWS sends it
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static HttpRequest build(HttpEndpointConfig config, String requestId, byte[] body, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(config.url())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Amz-Firehose-Protocol-Version", PROTOCOL_VERSION)
                .header("X-Amz-Firehose-Request-Id", requestId)
                .header("X-Amz-Firehose-Source-Arn", config.deliveryStreamArn())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (config.accessKey() != null) {
            b.header("X-Amz-Firehose-Access-Key", config.accessKey());
        }
        if (!config.commonAttributes().isEmpty()) {
            b.header("X-Amz-Firehose-Common-Attributes", commonAttributes(config));
        }
        if (config.gzip()) {
            b.header("Content-Encoding", "gzip");
        }
        return b.build();
    }

    /** {@code {"commonAttributes": {...}}}, the header's JSON schema. */
    private static String commonAttributes(HttpEndpointConfig config) {
        try {
            return MAPPER.writeValueAsString(Map.of("commonAttributes", new TreeMap<>(config.commonAttributes())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
