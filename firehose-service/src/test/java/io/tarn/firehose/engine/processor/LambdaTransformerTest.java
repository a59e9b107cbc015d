package io.tarn.firehose.engine.processor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.tarn.core.error.AwsException;
import io.tarn.core.time.EmulatorClock;
import io.tarn.firehose.engine.prefix.ErrorOutputType;
import io.tarn.firehose.engine.processor.LambdaTransformer.Dropped;
import io.tarn.firehose.engine.processor.LambdaTransformer.Failed;
import io.tarn.firehose.engine.processor.LambdaTransformer.InputRecord;
import io.tarn.firehose.engine.processor.LambdaTransformer.Ok;
import io.tarn.firehose.engine.processor.LambdaTransformer.Transformed;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The processor against a JDK HttpServer standing in for the function, on 127.0.0.1 in fhpartition's port range. */
class LambdaTransformerTest {

    private static final int PORT = 4750;
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:transform";
    private static final String STREAM = "arn:aws:firehose:us-east-1:123456789012:deliverystream/s";
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    /** Answers a request: status and body. */
    private final AtomicReference<Function<JsonNode, Reply>> function = new AtomicReference<>();
    private final EmulatorClock clock = EmulatorClock.manual(T0);
    private LambdaTransformer transformer;

    record Reply(int status, String body) {}

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        server.createContext("/fn", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(request);
            Reply reply = function.get().apply(request);
            byte[] body = reply.body().getBytes(UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        LambdaEndpoints endpoints = new LambdaEndpoints(Map.of(ARN, "http://127.0.0.1:" + PORT + "/fn"));
        transformer = new LambdaTransformer(endpoints, clock,
                java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build(),
                Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static List<InputRecord> inputs(String... data) {
        return java.util.Arrays.stream(data).map(d -> new InputRecord(d.getBytes(UTF_8), T0)).toList();
    }

    private static LambdaProcessorConfig config(int retries) {
        return LambdaProcessorConfig.of(Map.of("LambdaArn", ARN, "NumberOfRetries", Integer.toString(retries)));
    }

    /** A function answering each record by its data: "drop", "fail", else upper-cased with a partition key. */
    private static Reply byData(JsonNode request) {
        ObjectNode response = JSON.createObjectNode();
        ArrayNode records = response.putArray("records");
        for (JsonNode r : request.get("records")) {
            String data = new String(Base64.getDecoder().decode(r.get("data").asText()), UTF_8);
            ObjectNode out = records.addObject().put("recordId", r.get("recordId").asText());
            switch (data) {
                case "drop" -> out.put("result", "Dropped");
                case "fail" -> out.put("result", "ProcessingFailed").put("data", r.get("data").asText());
                default -> {
                    out.put("result", "Ok").put("data", Base64.getEncoder().encodeToString(data.toUpperCase().getBytes(UTF_8)));
                    out.putObject("metadata").putObject("partitionKeys").put("first", data.substring(0, 1));
                }
            }
        }
        return new Reply(200, response.toString());
    }

    @Test
    void sendsAwsRequestAndHonoursOkDroppedAndProcessingFailed() {
        function.set(LambdaTransformerTest::byData);
        List<Transformed> out = transformer.transform(config(3), STREAM, "us-east-1", inputs("abc", "drop", "fail"));

        JsonNode request = requests.get(0);
        assertThat(request.get("invocationId").asText()).isNotBlank();
        assertThat(request.get("deliveryStreamArn").asText()).isEqualTo(STREAM);
        assertThat(request.get("region").asText()).isEqualTo("us-east-1");
        assertThat(request.get("records")).hasSize(3);
        assertThat(request.get("records").get(0).get("approximateArrivalTimestamp").asLong()).isEqualTo(T0.toEpochMilli());

        assertThat(out).hasSize(3);
        assertThat(out.get(0)).isInstanceOfSatisfying(Ok.class, ok -> {
            assertThat(new String(ok.data(), UTF_8)).isEqualTo("ABC");
            assertThat(ok.partitionKeys()).containsEntry("first", "a");
        });
        assertThat(out.get(1)).isInstanceOf(Dropped.class);
        assertThat(out.get(2)).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.error().type()).isEqualTo(ErrorOutputType.PROCESSING_FAILED);
            assertThat(f.error().errorCode()).isEqualTo("Lambda.ProcessingFailed");
            assertThat(f.error().attemptsMade()).isEqualTo(1);
            assertThat(f.error().lambdaArn()).isEqualTo(ARN);
            assertThat(new String(f.error().rawData(), UTF_8)).isEqualTo("fail");
        });
        assertThat(requests).hasSize(1);
    }

    @Test
    void anErrorStatusIsRetriedThenEveryRecordFailsInAwsFormat() throws Exception {
        function.set(request -> new Reply(500, "{\"errorMessage\":\"boom\"}"));
        List<Transformed> out = transformer.transform(config(2), STREAM, "us-east-1", inputs("a", "b"));

        assertThat(requests).hasSize(3);
        assertThat(out).hasSize(2).allSatisfy(t -> assertThat(t).isInstanceOf(Failed.class));
        ErrorRecord error = ((Failed) out.get(0)).error();
        assertThat(error.attemptsMade()).isEqualTo(3);
        assertThat(error.errorCode()).isEqualTo("Lambda.FunctionError");

        JsonNode line = JSON.readTree(error.toJsonLine());
        assertThat(line.get("attemptsMade").asInt()).isEqualTo(3);
        assertThat(line.get("arrivalTimestamp").asLong()).isEqualTo(T0.toEpochMilli());
        assertThat(line.get("errorCode").asText()).isEqualTo("Lambda.FunctionError");
        assertThat(line.get("errorMessage").asText()).isNotBlank();
        assertThat(line.get("attemptEndingTimestamp").asLong()).isEqualTo(T0.toEpochMilli());
        assertThat(line.get("rawData").asText()).isEqualTo(Base64.getEncoder().encodeToString("a".getBytes(UTF_8)));
        assertThat(line.get("lambdaArn").asText()).isEqualTo(ARN);
        assertThat(error.toJsonLine()[error.toJsonLine().length - 1]).isEqualTo((byte) '\n');
    }

    @Test
    void aFailureThenSuccessIsRetried() {
        function.set(request -> requests.size() == 1 ? new Reply(503, "") : byData(request));
        List<Transformed> out = transformer.transform(config(1), STREAM, "us-east-1", inputs("x"));
        assertThat(requests).hasSize(2);
        assertThat(out.get(0)).isInstanceOf(Ok.class);
    }

    @Test
    void answersBreakingTheStatusModelFailTheBatch() {
        assertBadAnswer(request -> new Reply(200, "not json"), "Lambda.JsonProcessingException");
        assertBadAnswer(request -> new Reply(200, "{\"nothing\":[]}"), "Lambda.JsonProcessingException");
        assertBadAnswer(request -> new Reply(200, "{\"records\":[]}"), "Lambda.MissingRecordId");
        assertBadAnswer(request -> {
            String id = request.get("records").get(0).get("recordId").asText();
            return new Reply(200, "{\"records\":[{\"recordId\":\"" + id + "\",\"result\":\"Ok\",\"data\":\"eA==\"},"
                    + "{\"recordId\":\"" + id + "\",\"result\":\"Ok\",\"data\":\"eA==\"}]}");
        }, "Lambda.DuplicatedRecordId");
        assertBadAnswer(request -> reply(request, "\"result\":\"Maybe\",\"data\":\"eA==\""), "Lambda.JsonProcessingException");
        assertBadAnswer(request -> reply(request, "\"result\":\"Ok\",\"data\":\"***\""), "Lambda.JsonProcessingException");
        assertBadAnswer(request -> reply(request, "\"result\":\"Ok\""), "Lambda.JsonProcessingException");
        assertBadAnswer(request -> new Reply(200, "{\"records\":[{\"recordId\":\"someone-else\",\"result\":\"Ok\",\"data\":\"eA==\"}]}"),
                "Lambda.JsonProcessingException");
    }

    private static Reply reply(JsonNode request, String fields) {
        String id = request.get("records").get(0).get("recordId").asText();
        return new Reply(200, "{\"records\":[{\"recordId\":\"" + id + "\"," + fields + "}]}");
    }

    private void assertBadAnswer(Function<JsonNode, Reply> answer, String errorCode) {
        requests.clear();
        function.set(answer);
        List<Transformed> out = transformer.transform(config(0), STREAM, "us-east-1", inputs("x"));
        assertThat(requests).hasSize(1);
        assertThat(out).singleElement().isInstanceOfSatisfying(Failed.class,
                f -> assertThat(f.error().errorCode()).as(answer.toString()).isEqualTo(errorCode));
    }

    @Test
    void anUnreachableFunctionFailsAfterItsRetries() {
        server.stop(0);
        List<Transformed> out = transformer.transform(config(1), STREAM, "us-east-1", inputs("x"));
        assertThat(out).singleElement().isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.error().attemptsMade()).isEqualTo(2);
            assertThat(f.error().errorCode()).isEqualTo("Lambda.ServiceUnavailable");
        });
    }

    @Test
    void endpointsResolveQualifiedArnsAndRefuseUnmappedOnes() {
        LambdaEndpoints endpoints = new LambdaEndpoints(Map.of(ARN, "http://127.0.0.1:4751/"));
        assertThat(endpoints.find(ARN + ":$LATEST")).hasToString("http://127.0.0.1:4751/");
        assertThat(endpoints.find(ARN + "-other")).isNull();
        assertThatThrownBy(() -> endpoints.requireMapped("arn:aws:lambda:us-east-1:123456789012:function:nope"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidArgumentException"))
                .hasMessageContaining("function:nope").hasMessageContaining("lambdaFunctions");
        assertThatThrownBy(() -> new LambdaEndpoints(Map.of(ARN, "ftp://x/"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theInitFileMapsFunctionsToUrls(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path file = dir.resolve("tarn.yaml");
        java.nio.file.Files.writeString(file, "lambdaFunctions:\n  " + ARN + ": http://127.0.0.1:4752/fn\n");
        LambdaEndpoints endpoints = LambdaEndpoints.of(io.tarn.core.config.InitFile.read(file));
        assertThat(endpoints.requireMapped(ARN)).hasToString("http://127.0.0.1:4752/fn");
        assertThat(LambdaEndpoints.of(io.tarn.core.config.InitFile.EMPTY).find(ARN)).isNull();
    }

    @Test
    void processorParametersAreCheckedWithAwsDefaults() {
        LambdaProcessorConfig c = LambdaProcessorConfig.of(Map.of("LambdaArn", ARN));
        assertThat(c.numberOfRetries()).isEqualTo(3);
        assertThat(c.bufferSizeMiB()).isEqualTo(1.0);
        assertThat(c.bufferIntervalSeconds()).isEqualTo(60);
        assertThatThrownBy(() -> LambdaProcessorConfig.of(Map.of()))
                .isInstanceOf(AwsException.class).hasMessageContaining("LambdaArn");
        assertThatThrownBy(() -> LambdaProcessorConfig.of(Map.of("LambdaArn", ARN, "BufferIntervalInSeconds", "30")))
                .isInstanceOf(AwsException.class).hasMessageContaining("BufferIntervalInSeconds");
        assertThatThrownBy(() -> LambdaProcessorConfig.of(Map.of("LambdaArn", ARN, "NumberOfRetries", "x")))
                .isInstanceOf(AwsException.class).hasMessageContaining("NumberOfRetries");
        assertThatThrownBy(() -> LambdaProcessorConfig.of(Map.of("LambdaArn", "not-an-arn")))
                .isInstanceOf(AwsException.class).hasMessageContaining("not a valid Lambda function ARN");
    }
}
