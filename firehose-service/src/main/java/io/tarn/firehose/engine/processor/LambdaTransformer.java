package io.tarn.firehose.engine.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.core.time.EmulatorClock;
import io.tarn.firehose.engine.prefix.ErrorOutputType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Runs a Lambda data-transformation processor over HTTP: posts AWS's request
 * ({@code invocationId}, {@code deliveryStreamArn}, {@code region},
 * {@code records[{recordId, approximateArrivalTimestamp, data}]}) to the URL the init file maps the
 * function to, and reads AWS's response ({@code records[{recordId, result, data,
 * metadata.partitionKeys}]}) with AWS's checks: every record answered exactly once, a
 * {@code result} of {@code Ok}, {@code Dropped} or {@code ProcessingFailed}, base64 data.
 *
 * <p>A failed invocation (an HTTP error, no answer, a malformed answer) is retried
 * {@code NumberOfRetries} times at once; then every record of the batch fails with the last
 * error, as {@code processing-failed} {@link ErrorRecord}s. Delivery calls {@link #transform} on a
 * blocking thread, with at most {@code BufferSizeInMBs} of records (see
 * {@link LambdaProcessorConfig}), and delivers the {@link Ok} records, counts the {@link Dropped}
 * ones as delivered, and writes the {@link Failed} ones to the error prefix.
 */
public final class LambdaTransformer {

    /** What became of one record; the list {@link #transform} returns is in the order of its input. */
    public sealed interface Transformed permits Ok, Dropped, Failed {}

    /** Transformed: the new bytes, and the keys the function gave for {@code partitionKeyFromLambda}. */
    public record Ok(byte[] data, Map<String, String> partitionKeys) implements Transformed {}

    /** Dropped on purpose by the function: counted as processed, never delivered. */
    public record Dropped() implements Transformed {}

    /** Not processed: goes to the error prefix in AWS's format. */
    public record Failed(ErrorRecord error) implements Transformed {}

    /** A record to transform, with the time Firehose received it. */
    public record InputRecord(byte[] data, Instant arrival) {}

    static final String FUNCTION_ERROR = "Lambda.FunctionError";
    static final String JSON_PROCESSING = "Lambda.JsonProcessingException";
    static final String JSON_PROCESSING_MESSAGE = "There was an error parsing returned records from the Lambda function. "
            + "Ensure that the returned records follow the status model required by Firehose.";
    static final String DUPLICATED_ID = "Lambda.DuplicatedRecordId";
    static final String MISSING_ID = "Lambda.MissingRecordId";
    static final String PROCESSING_FAILED = "Lambda.ProcessingFailed";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaEndpoints endpoints;
    private final EmulatorClock clock;
    private final HttpClient http;
    private final Duration invocationTimeout;

    /**
     * @param invocationTimeout how long one invocation may take before it counts as timed out
     *     (a Lambda processor's function must allow at least one minute, AWS says)
     */
    public LambdaTransformer(LambdaEndpoints endpoints, EmulatorClock clock, HttpClient http, Duration invocationTimeout) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = Objects.requireNonNull(http, "http");
        this.invocationTimeout = Objects.requireNonNull(invocationTimeout, "invocationTimeout");
    }

    /** With a JDK client of its own (HTTP/1.1, 10 s to connect) and a 60 s invocation timeout. */
    public static LambdaTransformer create(LambdaEndpoints endpoints, EmulatorClock clock) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        return new LambdaTransformer(endpoints, clock, http, Duration.ofSeconds(60));
    }

    /**
     * Transforms one batch of records.
     *
     * @throws io.tarn.core.error.AwsException {@code InvalidArgumentException} when the init file no
     *     longer maps the function (it was checked at creation, so only after a restart with
     *     another init file)
     */
    public List<Transformed> transform(LambdaProcessorConfig config, String streamArn, String region, List<InputRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        URI url = endpoints.requireMapped(config.lambdaArn());
        Map<String, Integer> ids = recordIds(records.size());
        byte[] request = request(streamArn, region, records, ids);
        Attempt last = null;
        int attempts = 0;
        while (attempts <= config.numberOfRetries()) {
            attempts++;
            last = invoke(url, request, ids);
            if (last.results() != null) {
                return withFailuresOf(last.results(), records, config, attempts);
            }
        }
        Instant end = clock.instant();
        List<Transformed> failed = new ArrayList<>(records.size());
        for (InputRecord r : records) {
            failed.add(new Failed(new ErrorRecord(ErrorOutputType.PROCESSING_FAILED, attempts, r.arrival(),
                    last.errorCode(), last.errorMessage(), end, r.data(), config.lambdaArn())));
        }
        return failed;
    }

    /** One invocation: either the per-record answers, or why the invocation failed. */
    private record Attempt(@Nullable List<Answer> results, @Nullable String errorCode, @Nullable String errorMessage) {
        static Attempt failed(String code, String message) {
            return new Attempt(null, code, message);
        }
    }

    /** The function's answer for one record, by input position. */
    private record Answer(String result, byte @Nullable [] data, Map<String, String> partitionKeys) {}

    private Attempt invoke(URI url, byte[] request, Map<String, Integer> ids) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(url)
                            .timeout(invocationTimeout)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            return Attempt.failed("Lambda.FunctionTimedOut", "The Lambda function did not answer within " + invocationTimeout.toSeconds() + " seconds.");
        } catch (IOException e) {
            return Attempt.failed("Lambda.ServiceUnavailable", "The Lambda function's URL " + url + " could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.failed("Lambda.ServiceUnavailable", "Interrupted while invoking the Lambda function.");
        }
        if (response.statusCode() / 100 != 2) {
            return Attempt.failed(FUNCTION_ERROR, "The Lambda function was successfully invoked but it returned an error result.");
        }
        return parse(response.body(), ids);
    }

    private static Attempt parse(byte[] body, Map<String, Integer> ids) {
        JsonNode records;
        try {
            records = JSON.readTree(body).get("records");
        } catch (IOException | RuntimeException e) {
            return Attempt.failed(JSON_PROCESSING, JSON_PROCESSING_MESSAGE);
        }
        if (records == null || !records.isArray()) {
            return Attempt.failed(JSON_PROCESSING, JSON_PROCESSING_MESSAGE);
        }
        Answer[] answers = new Answer[ids.size()];
        for (JsonNode r : records) {
            JsonNode id = r.get("recordId");
            JsonNode result = r.get("result");
            if (id == null || !id.isTextual() || result == null || !result.isTextual()) {
                return Attempt.failed(JSON_PROCESSING, JSON_PROCESSING_MESSAGE);
            }
            Integer index = ids.get(id.asText());
            if (index == null) {
                return Attempt.failed(JSON_PROCESSING, JSON_PROCESSING_MESSAGE);
            }
            if (answers[index] != null) {
                return Attempt.failed(DUPLICATED_ID, "Multiple records were returned with the same record ID. "
                        + "Ensure that the Lambda function returns unique record IDs for each record.");
            }
            Answer answer = answer(r, result.asText());
            if (answer == null) {
                return Attempt.failed(JSON_PROCESSING, JSON_PROCESSING_MESSAGE);
            }
            answers[index] = answer;
        }
        for (Answer a : answers) {
            if (a == null) {
                return Attempt.failed(MISSING_ID, "One or more record IDs were not returned. "
                        + "Ensure that the Lambda function returns all received record IDs.");
            }
        }
        return new Attempt(List.of(answers), null, null);
    }

    /** One record's answer, or null when it breaks the status model. */
    private static @Nullable Answer answer(JsonNode r, String result) {
        if (!result.equals("Ok") && !result.equals("Dropped") && !result.equals("ProcessingFailed")) {
            return null;
        }
        byte[] data = null;
        JsonNode text = r.get("data");
        if (text != null && !text.isNull()) {
            if (!text.isTextual()) {
                return null;
            }
            try {
                data = Base64.getDecoder().decode(text.asText());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (result.equals("Ok") && data == null) {
            return null;
        }
        Map<String, String> keys = new LinkedHashMap<>();
        JsonNode partitionKeys = r.path("metadata").path("partitionKeys");
        if (!partitionKeys.isMissingNode() && !partitionKeys.isNull()) {
            if (!partitionKeys.isObject()) {
                return null;
            }
            for (Map.Entry<String, JsonNode> e : partitionKeys.properties()) {
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    return null;
                }
                keys.put(e.getKey(), e.getValue().asText());
            }
        }
        return new Answer(result, data, keys);
    }

    private List<Transformed> withFailuresOf(List<Answer> answers, List<InputRecord> records, LambdaProcessorConfig config, int attempts) {
        Instant end = clock.instant();
        List<Transformed> out = new ArrayList<>(answers.size());
        for (int i = 0; i < answers.size(); i++) {
            Answer a = answers.get(i);
            InputRecord in = records.get(i);
            switch (a.result()) {
                case "Ok" -> out.add(new Ok(a.data(), Map.copyOf(a.partitionKeys())));
                case "Dropped" -> out.add(new Dropped());
                default -> out.add(new Failed(new ErrorRecord(ErrorOutputType.PROCESSING_FAILED, attempts, in.arrival(),
                        PROCESSING_FAILED, "The Lambda function returned the record with the result ProcessingFailed.",
                        end, in.data(), config.lambdaArn())));
            }
        }
        return out;
    }

    private static byte[] request(String streamArn, String region, List<InputRecord> records, Map<String, Integer> ids) {
        ObjectNode body = JSON.createObjectNode();
        body.put("invocationId", UUID.randomUUID().toString());
        body.put("deliveryStreamArn", streamArn);
        body.put("region", region);
        ArrayNode array = body.putArray("records");
        String[] byIndex = new String[records.size()];
        ids.forEach((id, index) -> byIndex[index] = id);
        for (int i = 0; i < records.size(); i++) {
            InputRecord r = records.get(i);
            array.addObject()
                    .put("recordId", byIndex[i])
                    .put("approximateArrivalTimestamp", r.arrival().toEpochMilli())
                    .put("data", Base64.getEncoder().encodeToString(r.data()));
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Record ids shaped like AWS's (long decimal strings, unique within the invocation): a random
     * 50-digit stem and the record's position.
     */
    private static Map<String, Integer> recordIds(int count) {
        StringBuilder stem = new StringBuilder(50);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 50; i++) {
            stem.append((char) ('0' + random.nextInt(10)));
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < count; i++) {
            ids.put(stem + String.format("%06d", i), i);
        }
        return ids;
    }
}
