package io.tarn.firehose.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Judges an endpoint's answer by AWS's response specification: only 200 delivers, and only with
 * {@code Content-Type: application/json} and a body {@code {"requestId", "timestamp"[, "errorMessage"]}}
 * whose requestId is the request's and whose timestamp is a number; a body over 1 MiB is refused.
 */
final class EndpointResponse {

    static final long MAX_BODY_BYTES = 1L << 20;
    private static final int LOGGED_BODY_CHARS = 1024;
    private static final Set<String> FIELDS = Set.of("requestId", "timestamp", "errorMessage");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Why an attempt failed; {@code permanent} failures are not retried. */
    record Failure(String errorCode, String errorMessage, boolean permanent) {}

    private EndpointResponse() {}

    /** Null when the response delivers the request, else why it does not. */
    static @Nullable Failure judge(String requestId, HttpResponse<byte[]> response) {
        byte[] body = response.body();
        int status = response.statusCode();
        if (body.length > MAX_BODY_BYTES) {
            return new Failure("HttpEndpoint.ResponseTooLarge", "The response received from the endpoint is too large. The response must be "
                    + "less than 1 MiB.", false);
        }
        String text = truncated(body);
        if (status != 200) {
            // AWS: 413 is a permanent failure; every other status is retried
            return new Failure("HttpEndpoint.DestinationException",
                    "The following response was received from the endpoint destination. " + status + ": " + text, status == 413);
        }
        if (!validJson(requestId, response, body)) {
            return new Failure("HttpEndpoint.InvalidResponseFromDestination", "The response received from the specified endpoint is "
                    + "invalid. Contact the owner of the endpoint to resolve the issue. Response for request " + requestId
                    + " is not recognized as valid JSON or has unexpected fields. Raw response received: " + status + " " + text, false);
        }
        return null;
    }

    private static boolean validJson(String requestId, HttpResponse<byte[]> response, byte[] body) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return false;
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException e) {
            return false;
        }
        if (json == null || !json.isObject()) {
            return false;
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
            if (!FIELDS.contains(names.next())) {
                return false;
            }
        }
        return json.path("requestId").isTextual() && requestId.equals(json.get("requestId").asText())
                && json.path("timestamp").isNumber();
    }

    private static String truncated(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= LOGGED_BODY_CHARS ? text : text.substring(0, LOGGED_BODY_CHARS);
    }
}
