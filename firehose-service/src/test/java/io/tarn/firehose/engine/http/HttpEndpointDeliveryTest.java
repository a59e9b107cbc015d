package io.tarn.firehose.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP endpoint destination against a JDK HttpServer on 127.0.0.1, on a manual emulator clock. */
class HttpEndpointDeliveryTest {

    static final String STREAM_ARN = "arn:aws:firehose:us-east-1:123456789012:deliverystream/to-http";
    static final ObjectMapper JSON = new ObjectMapper();

    /** A request as the endpoint saw it. */
    record Seen(Headers headers, byte[] body) {
        JsonNode json() throws IOException {
            InputStream in = new java.io.ByteArrayInputStream(body);
            if ("gzip".equals(headers.getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            return JSON.readTree(in);
        }
    }

    /** What the endpoint answers: a status and a body; the request id of the request is given. */
    record Answer(int status, String contentType, String body) {}

    EmulatorClock clock = EmulatorClock.manual(Instant.parse("2024-05-01T12:00:00Z"));
    Scheduler scheduler = new Scheduler(clock);
    HttpServer server;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    volatile Function<String, Answer> answers = HttpEndpointDeliveryTest::ok;
    URI url;

    static Answer ok(String requestId) {
        return new Answer(200, "application/json", "{\"requestId\":\"" + requestId + "\",\"timestamp\":1714564800000}");
    }

    @BeforeEach
    void startServer() throws IOException {
        for (int port = 4760; port <= 4768 && server == null; port++) { // this engineer's port range
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            } catch (BindException taken) {
                // the next one
            }
        }
        server.createContext("/ingest", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ingest?token=t");
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        scheduler.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        seen.add(new Seen(exchange.getRequestHeaders(), body));
        Answer a = answers.apply(exchange.getRequestHeaders().getFirst("X-Amz-Firehose-Request-Id"));
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", a.contentType());
        exchange.sendResponseHeaders(a.status(), out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    private HttpEndpointConfig config(boolean gzip, Duration retry) {
        return new HttpEndpointConfig(url, "secret-key", Map.of("env", "test", "team", "data"), gzip, retry, STREAM_ARN);
    }

    private static List<HttpRecord> records(String... data) {
        List<HttpRecord> out = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            out.add(new HttpRecord(data[i].getBytes(StandardCharsets.UTF_8), 1714564000000L + i, null));
        }
        return out;
    }

    private static HttpOutcome outcome(HttpEndpointDelivery.Delivery d) throws Exception {
        return d.outcome().get(20, TimeUnit.SECONDS);
    }

    /** Waits (bounded) until a failed attempt has armed the next one, then lets emulator time reach it. */
    private void advanceToNextAttempt(HttpEndpointDelivery.Delivery d) throws InterruptedException {
        for (int i = 0; i < 2000 && d.nextAttemptAt() == null && !d.outcome().isDone(); i++) {
            Thread.sleep(5);
        }
        Instant next = d.nextAttemptAt();
        if (next != null) {
            clock.advanceTo(next);
        }
    }

    @Test
    void aBatchIsPostedAsAwsSendsItAndA200WithItsRequestIdDelivers() throws Exception {
        HttpEndpointDelivery http = new HttpEndpointDelivery(clock, scheduler);
        HttpEndpointDelivery.Delivery d = http.deliver(() -> config(false, Duration.ofSeconds(60)), "req-1", records("hello", "hello world"));
        assertThat(outcome(d)).isEqualTo(new HttpOutcome.Delivered("req-1", 1));

        Seen s = seen.get(0);
        assertThat(s.headers().getFirst("X-Amz-Firehose-Protocol-Version")).isEqualTo("1.0");
        assertThat(s.headers().getFirst("X-Amz-Firehose-Request-Id")).isEqualTo("req-1");
        assertThat(s.headers().getFirst("X-Amz-Firehose-Source-Arn")).isEqualTo(STREAM_ARN);
        assertThat(s.headers().getFirst("X-Amz-Firehose-Access-Key")).isEqualTo("secret-key");
        assertThat(s.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(s.headers().getFirst("Content-Encoding")).isNull();
        assertThat(JSON.readTree(s.headers().getFirst("X-Amz-Firehose-Common-Attributes")))
                .isEqualTo(JSON.readTree("{\"commonAttributes\":{\"env\":\"test\",\"team\":\"data\"}}"));
        JsonNode body = s.json();
        assertThat(body.get("requestId").asText()).isEqualTo("req-1");
        assertThat(body.get("timestamp").asLong()).isEqualTo(clock.millis());
        assertThat(body.get("records")).hasSize(2);
        assertThat(body.get("records").get(1).get("data").asText())
                .isEqualTo(Base64.getEncoder().encodeToString("hello world".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void gzipContentEncodingCompressesTheBody() throws Exception {
        HttpEndpointDelivery http = new HttpEndpointDelivery(clock, scheduler);
        assertThat(outcome(http.deliver(() -> config(true, Duration.ZERO), "req-gz", records("zipped"))))
                .isInstanceOf(HttpOutcome.Delivered.class);
        Seen s = seen.get(0);
        assertThat(s.headers().getFirst("Content-Encoding")).isEqualTo("gzip");
        assertThat(s.body()[0] & 0xFF).isEqualTo(0x1f); // the gzip magic
        assertThat(new String(Base64.getDecoder().decode(s.json().get("records").get(0).get("data").asText()), StandardCharsets.UTF_8))
                .isEqualTo("zipped");
    }

    @Test
    void a500IsRetriedAfterTheBackoffWithTheSameRequestId() throws Exception {
        int[] calls = {0};
        answers = id -> ++calls[0] == 1 ? new Answer(500, "application/json", "{\"requestId\":\"" + id + "\",\"timestamp\":1,"
                + "\"errorMessage\":\"busy\"}") : ok(id);
        HttpEndpointDelivery http = new HttpEndpointDelivery(clock, scheduler);
        Instant start = clock.instant();
        HttpEndpointDelivery.Delivery d = http.deliver(() -> config(false, Duration.ofSeconds(60)), "req-retry", records("again"));
        advanceToNextAttempt(d);
        assertThat(outcome(d)).isEqualTo(new HttpOutcome.Delivered("req-retry", 2));
        assertThat(Duration.between(start, clock.instant())).isBetween(Duration.ofMillis(850), Duration.ofMillis(1150));
        assertThat(seen).extracting(s -> s.headers().getFirst("X-Amz-Firehose-Request-Id")).containsExactly("req-retry", "req-retry");
        assertThat(seen.get(0).json().get("timestamp")).isEqualTo(seen.get(1).json().get("timestamp"));
    }

    @Test
    void failuresAreRetriedForTheRetryDurationThenFailWithTheBackupRecords() throws Exception {
        answers = id -> new Answer(503, "application/json", "{\"requestId\":\"" + id + "\",\"timestamp\":1,\"errorMessage\":\"down\"}");
        HttpEndpointDelivery http = new HttpEndpointDelivery(clock, scheduler);
        List<HttpRecord> batch = List.of(new HttpRecord("a".getBytes(StandardCharsets.UTF_8), 1000L, "4959.0"));
        HttpEndpointDelivery.Delivery d = http.deliver(() -> config(false, Duration.ofSeconds(10)), "req-down", batch);
        for (int i = 0; i < 20 && !d.outcome().isDone(); i++) {
            advanceToNextAttempt(d);
        }
        HttpOutcome.Failed failed = (HttpOutcome.Failed) outcome(d);
        assertThat(failed.errorCode()).isEqualTo("HttpEndpoint.DestinationException");
        assertThat(failed.errorMessage()).isEqualTo("The following response was received from the endpoint destination. 503: "
                + "{\"requestId\":\"req-down\",\"timestamp\":1,\"errorMessage\":\"down\"}");
        assertThat(failed.attemptsMade()).isBetween(4, 6); // 1 + retries at about 1, 2, 4 and 8 s within 10 s
        assertThat(failed.backUp()).isTrue();
        assertThat(seen).hasSize(failed.attemptsMade());

        JsonNode error = JSON.readTree(new String(HttpEndpointErrorOutput.of(failed, batch), StandardCharsets.UTF_8).split("\n")[0]);
        assertThat(error.get("attemptsMade").asInt()).isEqualTo(failed.attemptsMade());
        assertThat(error.get("arrivalTimestamp").asLong()).isEqualTo(1000L);
        assertThat(error.get("errorCode").asText()).isEqualTo("HttpEndpoint.DestinationException");
        assertThat(error.get("errorMessage").asText()).isEqualTo(failed.errorMessage());
        assertThat(error.get("attemptEndingTimestamp").asLong()).isEqualTo(failed.endedMillis());
        assertThat(error.get("rawData").asText()).isEqualTo("YQ==");
        assertThat(error.get("subsequenceNumber").asInt()).isZero();
        assertThat(error.get("dataId").asText()).isEqualTo("4959.0");
        assertThat(HttpEndpointErrorOutput.ERROR_OUTPUT_TYPE).isEqualTo("http-endpoint-failed");
    }

    @Test
    void aWrongRequestIdIsAnInvalidResponse() throws Exception {
        answers = id -> ok("someone-else");
        HttpEndpointDelivery http = new HttpEndpointDelivery(clock, scheduler);
        HttpOutcome.Failed failed = (HttpOutcome.Failed) outcome(http.deliver(() -> config(false, Duration.ZERO), "req-mine", records("x")));
        assertThat(failed.errorCode()).isEqualTo("HttpEndpoint.InvalidResponseFromDestination");
        assertThat(failed.errorMessage()).startsWith("The response received from the specified endpoint is invalid.")
                .contains("Response for request req-mine is not recognized as valid JSON or has unexpected fields. Raw response received: 200 ");
        assertThat(failed.attemptsMade()).isEqualTo(1);
    }

    @Test
    void a200ThatIsNotJsonOrHasAStringTimestampIsInvalid() throws Exception {
        HttpEndpointDelivery http = new HttpEndpointDelivery(clock, scheduler);
        answers = id -> new Answer(200, "text/plain", "{\"requestId\":\"" + id + "\",\"timestamp\":1}");
        assertThat(((HttpOutcome.Failed) outcome(http.deliver(() -> config(false, Duration.ZERO), "r1", records("x")))).errorCode())
                .isEqualTo("HttpEndpoint.InvalidResponseFromDestination");
        answers = id -> new Answer(200, "application/json", "{\"requestId\":\"" + id + "\",\"timestamp\":\"1\"}");
        assertThat(((HttpOutcome.Failed) outcome(http.deliver(() -> config(false, Duration.ZERO), "r2", records("x")))).errorCode())
                .isEqualTo("HttpEndpoint.InvalidResponseFromDestination");
    }

    @Test
    void a413IsPermanentAndNotBackedUp() throws Exception {
        answers = id -> new Answer(413, "application/json", "{\"requestId\":\"" + id + "\",\"timestamp\":1,\"errorMessage\":\"too big\"}");
        HttpEndpointDelivery http = new HttpEndpointDelivery(clock, scheduler);
        HttpOutcome.Failed failed = (HttpOutcome.Failed) outcome(http.deliver(() -> config(false, Duration.ofSeconds(300)), "req-big",
                records("x")));
        assertThat(failed.attemptsMade()).isEqualTo(1);
        assertThat(failed.backUp()).isFalse();
    }

    @Test
    void noAnswerWithinTheTimeoutIsARequestTimeout() throws Exception {
        answers = id -> {
            try {
                release.await(10, TimeUnit.SECONDS); // hold the response until the test ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ok(id);
        };
        HttpEndpointDelivery http = new HttpEndpointDelivery(clock, scheduler, Duration.ofMillis(300));
        HttpOutcome.Failed failed = (HttpOutcome.Failed) outcome(http.deliver(() -> config(false, Duration.ZERO), "req-slow", records("x")));
        assertThat(failed.errorCode()).isEqualTo("HttpEndpoint.RequestTimeout");
    }

    @Test
    void anUnreachableEndpointIsAConnectionFailure() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);
        HttpEndpointDelivery http = new HttpEndpointDelivery(clock, scheduler);
        HttpEndpointConfig gone = new HttpEndpointConfig(URI.create("http://127.0.0.1:" + port + "/ingest"), null, Map.of(), false,
                Duration.ZERO, STREAM_ARN);
        HttpOutcome.Failed failed = (HttpOutcome.Failed) outcome(http.deliver(() -> gone, "req-gone", records("x")));
        assertThat(failed.errorCode()).isEqualTo("HttpEndpoint.ConnectionFailed");
    }

    @Test
    void backoffDoublesFromOneSecondWithinItsJitterUpToTwoMinutes() {
        assertThat(HttpEndpointDelivery.backoff(1, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(HttpEndpointDelivery.backoff(3, 0.5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(HttpEndpointDelivery.backoff(1, 0)).isEqualTo(Duration.ofMillis(850));
        assertThat(HttpEndpointDelivery.backoff(1, 1)).isEqualTo(Duration.ofMillis(1150));
        assertThat(HttpEndpointDelivery.backoff(20, 0.5)).isEqualTo(Duration.ofMinutes(2));
    }
}
