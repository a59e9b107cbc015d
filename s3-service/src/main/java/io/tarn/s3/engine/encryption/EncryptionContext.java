package io.tarn.s3.engine.encryption;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The SSE-KMS encryption context: {@code x-amz-server-side-encryption-context} is base64 of a JSON
 * object of strings; S3 adds {@code aws:s3:arn} (the object's ARN, or the bucket's with a Bucket Key)
 * before it asks KMS, and answers the context it used.
 */
public final class EncryptionContext {

    public static final String HEADER = "x-amz-server-side-encryption-context";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN_KEY = "aws:s3:arn";

    private EncryptionContext() {}

    /** The pairs of a header value; InvalidArgument unless it is base64 of a JSON object of strings. */
    public static Map<String, String> parse(String base64) {
        try {
            JsonNode node = JSON.readTree(new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw invalid(base64);
            }
            Map<String, String> pairs = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw invalid(base64);
                }
                pairs.put(e.getKey(), e.getValue().asText());
            }
            return pairs;
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw invalid(base64);
        }
    }

    /**
     * The context KMS is asked with: the writer's pairs ({@code given}, base64 JSON, or null) and
     * {@code aws:s3:arn} unless the writer named it, in a stable order.
     */
    public static Map<String, String> forKms(@Nullable String given, String arn) {
        Map<String, String> context = new TreeMap<>(given == null ? Map.of() : parse(given));
        context.putIfAbsent(ARN_KEY, arn);
        return context;
    }

    /** The base64 JSON S3 answers and stores for a context. */
    public static String encode(Map<String, String> context) {
        ObjectNode node = JSON.createObjectNode();
        context.forEach(node::put);
        return Base64.getEncoder().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static RuntimeException invalid(String value) {
        return CustomerKey.invalid("The header '" + HEADER
                + "' shall be Base64-encoded UTF-8 string holding JSON which represents a string-string map", HEADER, value);
    }
}
