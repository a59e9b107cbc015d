package io.tarn.it.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.tarn.it.AdminCalls;
import io.tarn.it.TarnProcess;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.ProcessorParameterName;
import software.amazon.awssdk.services.firehose.model.ProcessorType;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What happens to records between the put and the object, through the SDK v2: dynamic
 * partitioning with JQ (and the error output of records it cannot partition), a Lambda processor
 * served over HTTP (Ok, Dropped, ProcessingFailed), the backup of source records, and a Kinesis
 * stream as the source, every record delivered exactly once across a kill -9 and restart.
 */
class FirehoseProcessingIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:shout";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static <T> T client(Class<T> type, URI endpoint) {
        return io.tarn.it.TarnServerExtension.client(type, endpoint);
    }

    private static void advance(URI endpoint, String duration) throws Exception {
        HttpResponse<String> r = AdminCalls.send(endpoint, "POST", "/_tarn/clock", "{\"advance\":\"" + duration + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** Every object of the bucket, key to text. */
    private static Map<String, String> objects(S3Client s3, String bucket) {
        Map<String, String> out = new TreeMap<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            out.put(o.key(), s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asUtf8String());
        }
        return out;
    }

    private static void put(FirehoseClient firehose, String stream, String... records) {
        List<Record> batch = new ArrayList<>();
        for (String r : records) {
            batch.add(Record.builder().data(SdkBytes.fromUtf8String(r)).build());
        }
        assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName(stream).records(batch)).failedPutCount()).isZero();
    }

    @Test
    void dynamicPartitioningSplitsRecordsByTheirJqKeysAndSendsTheRestToTheErrorPrefix() throws Exception {
        try (TarnProcess server = TarnProcess.start(dir.resolve("data"), "--firehose-delays", "0ms");
                FirehoseClient firehose = client(FirehoseClient.class, server.endpoint());
                S3Client s3 = client(S3Client.class, server.endpoint())) {
            URI endpoint = server.endpoint();
            AdminCalls.changeClock(endpoint, "{\"scale\":0}");
            s3.createBucket(b -> b.bucket("partitioned"));
            firehose.createDeliveryStream(b -> b.deliveryStreamName("orders").extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                    .bucketARN("arn:aws:s3:::partitioned").prefix("orders/customer=!{partitionKeyFromQuery:customer}/")
                    .errorOutputPrefix("errors/!{firehose:error-output-type}/").bufferingHints(h -> h.sizeInMBs(64).intervalInSeconds(60))
                    .dynamicPartitioningConfiguration(p -> p.enabled(true))
                    .processingConfiguration(p -> p.enabled(true).processors(
                            pr -> pr.type(ProcessorType.METADATA_EXTRACTION).parameters(
                                    x -> x.parameterName(ProcessorParameterName.METADATA_EXTRACTION_QUERY).parameterValue("{customer:.customer}"),
                                    x -> x.parameterName(ProcessorParameterName.JSON_PARSING_ENGINE).parameterValue("JQ-1.6")),
                            pr -> pr.type(ProcessorType.APPEND_DELIMITER_TO_RECORD)))));
            put(firehose, "orders", "{\"customer\":\"a\",\"n\":1}", "{\"customer\":\"b\",\"n\":2}", "not json", "{\"customer\":\"a\",\"n\":3}");

            advance(endpoint, "PT61S");
            Map<String, String> objects = objects(s3, "partitioned");
            assertThat(objects).hasSize(3);
            List<String> keys = new ArrayList<>(objects.keySet());
            assertThat(keys.get(0)).matches("errors/partitioning-failed/orders-1-.*");
            assertThat(keys.get(1)).matches("orders/customer=a/orders-1-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9a-f-]{36}");
            assertThat(keys.get(2)).startsWith("orders/customer=b/orders-1-");
            assertThat(objects.get(keys.get(1))).isEqualTo("{\"customer\":\"a\",\"n\":1}\n{\"customer\":\"a\",\"n\":3}\n");
            assertThat(objects.get(keys.get(2))).isEqualTo("{\"customer\":\"b\",\"n\":2}\n");
            JsonNode error = JSON.readTree(objects.get(keys.get(0)));
            assertThat(error.get("errorCode").asText()).isEqualTo("DynamicPartitioning.MetadataExtractionFailed");
            assertThat(new String(Base64.getDecoder().decode(error.get("rawData").asText()), StandardCharsets.UTF_8)).isEqualTo("not json");
        }
    }

    /** A stand-in for a Lambda function: upper-cases records, drops those saying "drop", fails those saying "fail". */
    private static HttpServer shoutingFunction(List<JsonNode> requests) throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/shout", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            requests.add(request);
            ObjectNode response = JSON.createObjectNode();
            ArrayNode records = response.putArray("records");
            for (JsonNode r : request.get("records")) {
                String data = new String(Base64.getDecoder().decode(r.get("data").asText()), StandardCharsets.UTF_8);
                ObjectNode out = records.addObject().put("recordId", r.get("recordId").asText());
                if (data.contains("drop")) {
                    out.put("result", "Dropped");
                } else if (data.contains("fail")) {
                    out.put("result", "ProcessingFailed").put("data", r.get("data").asText());
                } else {
                    out.put("result", "Ok").put("data", Base64.getEncoder().encodeToString(
                            (data.toUpperCase() + "\n").getBytes(StandardCharsets.UTF_8)));
                }
            }
            byte[] body = JSON.writeValueAsBytes(response);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        return http;
    }

    @Test
    void aLambdaProcessorOverHttpTransformsDropsAndFailsRecordsAndTheSourceRecordsAreBackedUp() throws Exception {
        List<JsonNode> requests = new CopyOnWriteArrayList<>();
        HttpServer function = shoutingFunction(requests);
        Path config = dir.resolve("tarn.yaml");
        Files.writeString(config, "lambdaFunctions:\n  " + FUNCTION + ": http://127.0.0.1:" + function.getAddress().getPort() + "/shout\n");
        try (TarnProcess server = TarnProcess.start(dir.resolve("data"), "--firehose-delays", "0ms", "--config", config.toString());
                FirehoseClient firehose = client(FirehoseClient.class, server.endpoint());
                S3Client s3 = client(S3Client.class, server.endpoint())) {
            URI endpoint = server.endpoint();
            AdminCalls.changeClock(endpoint, "{\"scale\":0}");
            s3.createBucket(b -> b.bucket("processed"));
            s3.createBucket(b -> b.bucket("source-copy"));
            firehose.createDeliveryStream(b -> b.deliveryStreamName("shouts").extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                    .bucketARN("arn:aws:s3:::processed").bufferingHints(h -> h.sizeInMBs(5).intervalInSeconds(60))
                    .s3BackupMode("Enabled").s3BackupConfiguration(c -> c.roleARN(ROLE).bucketARN("arn:aws:s3:::source-copy")
                            .bufferingHints(h -> h.sizeInMBs(5).intervalInSeconds(60)))
                    .processingConfiguration(p -> p.enabled(true).processors(pr -> pr.type(ProcessorType.LAMBDA).parameters(
                            x -> x.parameterName(ProcessorParameterName.LAMBDA_ARN).parameterValue(FUNCTION),
                            x -> x.parameterName(ProcessorParameterName.BUFFER_INTERVAL_IN_SECONDS).parameterValue("60"))))));
            put(firehose, "shouts", "hello", "please drop me", "please fail me", "world");

            advance(endpoint, "PT61S"); // the processor's buffer is due: the function is invoked
            assertThat(requests).hasSize(1);
            JsonNode request = requests.get(0);
            assertThat(request.get("deliveryStreamArn").asText()).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/shouts");
            assertThat(request.get("region").asText()).isEqualTo("us-east-1");
            assertThat(request.get("records")).hasSize(4);
            assertThat(request.get("records").get(0).has("approximateArrivalTimestamp")).isTrue();

            advance(endpoint, "PT61S"); // the buffers the answers went to are due
            Map<String, String> processed = objects(s3, "processed");
            assertThat(processed).hasSize(2);
            String data = processed.entrySet().stream().filter(e -> !e.getKey().startsWith("processing-failed/")).findFirst()
                    .orElseThrow().getValue();
            assertThat(data).isEqualTo("HELLO\nWORLD\n");
            String failedKey = processed.keySet().stream().filter(k -> k.startsWith("processing-failed/")).findFirst().orElseThrow();
            JsonNode failed = JSON.readTree(processed.get(failedKey));
            assertThat(failed.get("errorCode").asText()).isEqualTo("Lambda.ProcessingFailed");
            assertThat(failed.get("lambdaArn").asText()).isEqualTo(FUNCTION);
            assertThat(new String(Base64.getDecoder().decode(failed.get("rawData").asText()), StandardCharsets.UTF_8))
                    .isEqualTo("please fail me");

            Map<String, String> backup = objects(s3, "source-copy");
            assertThat(backup.values()).containsExactly("helloplease drop meplease fail meworld");
        } finally {
            function.stop(0);
        }
    }

    /** An HTTP endpoint that refuses the first {@code refusals} requests with a 500, then takes them. */
    private static HttpServer endpoint(List<JsonNode> bodies, List<Map<String, String>> headers, int refusals) throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int[] seen = {0};
        http.createContext("/ingest", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> h.put(k, v.get(0)));
            bodies.add(body);
            headers.add(h);
            boolean refuse;
            synchronized (seen) {
                refuse = seen[0]++ < refusals;
            }
            byte[] answer = JSON.writeValueAsBytes(JSON.createObjectNode().put("requestId", body.get("requestId").asText())
                    .put("timestamp", System.currentTimeMillis()));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(refuse ? 500 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        http.start();
        return http;
    }

    private static void createHttpStream(FirehoseClient firehose, String name, HttpServer endpoint, int retrySeconds) {
        firehose.createDeliveryStream(b -> b.deliveryStreamName(name).httpEndpointDestinationConfiguration(d -> d
                .endpointConfiguration(e -> e.url("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/ingest").name("ingest")
                        .accessKey("secret-key"))
                .requestConfiguration(r -> r.commonAttributes(a -> a.attributeName("env").attributeValue("test")))
                .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(60)).retryOptions(r -> r.durationInSeconds(retrySeconds))
                .roleARN(ROLE).s3Configuration(c -> c.roleARN(ROLE).bucketARN("arn:aws:s3:::http-failed"))));
    }

    @Test
    void anHttpEndpointGetsAwsRequestsRetriedAndWhatItNeverTakesIsBackedUpToS3() throws Exception {
        List<JsonNode> bodies = new CopyOnWriteArrayList<>();
        List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
        HttpServer flaky = endpoint(bodies, headers, 1);
        List<JsonNode> refusedBodies = new CopyOnWriteArrayList<>();
        HttpServer down = endpoint(refusedBodies, new CopyOnWriteArrayList<>(), Integer.MAX_VALUE);
        try (TarnProcess server = TarnProcess.start(dir.resolve("data"), "--firehose-delays", "0ms");
                FirehoseClient firehose = client(FirehoseClient.class, server.endpoint());
                S3Client s3 = client(S3Client.class, server.endpoint())) {
            URI endpoint = server.endpoint();
            AdminCalls.changeClock(endpoint, "{\"scale\":0}");
            s3.createBucket(b -> b.bucket("http-failed"));
            createHttpStream(firehose, "to-flaky", flaky, 300);
            createHttpStream(firehose, "to-down", down, 60);
            put(firehose, "to-flaky", "one", "two");
            put(firehose, "to-down", "lost?");

            advance(endpoint, "PT61S");
            awaitSize(bodies, 1);
            advance(endpoint, "PT2S"); // the retry after AWS's first backoff (about a second)
            awaitSize(bodies, 2);
            assertThat(bodies.get(0).get("requestId")).isEqualTo(bodies.get(1).get("requestId"));
            assertThat(bodies.get(1).get("records")).hasSize(2);
            assertThat(new String(Base64.getDecoder().decode(bodies.get(1).get("records").get(0).get("data").asText()),
                    StandardCharsets.UTF_8)).isEqualTo("one");
            assertThat(headers.get(1)).containsEntry("X-Amz-Firehose-Access-Key", "secret-key")
                    .containsEntry("X-Amz-Firehose-Source-Arn", "arn:aws:firehose:us-east-1:000000000000:deliverystream/to-flaky")
                    .containsEntry("X-Amz-Firehose-Common-Attributes", "{\"commonAttributes\":{\"env\":\"test\"}}");

            for (int i = 0; i < 10 && objects(s3, "http-failed").isEmpty(); i++) {
                advance(endpoint, "PT30S"); // the down endpoint's retry duration runs out
                Thread.sleep(200);
            }
            Map<String, String> backedUp = objects(s3, "http-failed");
            assertThat(backedUp).hasSize(1);
            assertThat(backedUp.keySet().iterator().next()).startsWith("http-endpoint-failed/");
            JsonNode error = JSON.readTree(backedUp.values().iterator().next());
            assertThat(error.get("errorCode").asText()).startsWith("HttpEndpoint.");
            assertThat(new String(Base64.getDecoder().decode(error.get("rawData").asText()), StandardCharsets.UTF_8)).isEqualTo("lost?");
            assertThat(refusedBodies.size()).isGreaterThan(1);
        } finally {
            flaky.stop(0);
            down.stop(0);
        }
    }

    /** The HTTP client answers on its own threads: wait for it, bounded. */
    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        for (int i = 0; i < 100 && list.size() < size; i++) {
            Thread.sleep(50);
        }
        assertThat(list).hasSizeGreaterThanOrEqualTo(size);
    }

    @Test
    void aKinesisSourceIsDeliveredExactlyOnceAcrossAKillAndARestart() throws Exception {
        try (TarnProcess server = TarnProcess.start(dir.resolve("data"), "--firehose-delays", "0ms")) {
            List<String> sent = new ArrayList<>();
            try (FirehoseClient firehose = client(FirehoseClient.class, server.endpoint());
                    KinesisClient kinesis = client(KinesisClient.class, server.endpoint());
                    S3Client s3 = client(S3Client.class, server.endpoint())) {
                URI endpoint = server.endpoint();
                AdminCalls.changeClock(endpoint, "{\"scale\":0}");
                s3.createBucket(b -> b.bucket("from-kinesis"));
                kinesis.createStream(b -> b.streamName("events").shardCount(2));
                advance(endpoint, "PT1M");
                String arn = kinesis.describeStreamSummary(b -> b.streamName("events")).streamDescriptionSummary().streamARN();
                kinesis.putRecord(b -> b.streamName("events").partitionKey("p").data(SdkBytes.fromUtf8String("before-creation\n")));
                firehose.createDeliveryStream(b -> b.deliveryStreamName("events-to-s3")
                        .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                        .kinesisStreamSourceConfiguration(k -> k.kinesisStreamARN(arn).roleARN(ROLE))
                        .extendedS3DestinationConfiguration(ExtendedS3DestinationConfiguration.builder().roleARN(ROLE)
                                .bucketARN("arn:aws:s3:::from-kinesis").bufferingHints(h -> h.sizeInMBs(64).intervalInSeconds(300)).build()));
                putToKinesis(kinesis, "read-", 0, 40, sent);
                advance(endpoint, "PT3S"); // read and buffered, checkpoint stored with them
                putToKinesis(kinesis, "unread-", 40, 40, sent); // still in Kinesis when the server dies
            }
            server.kill();
            server.restart();
            try (S3Client s3 = client(S3Client.class, server.endpoint())) {
                URI endpoint = server.endpoint();
                AdminCalls.changeClock(endpoint, "{\"scale\":0}");
                advance(endpoint, "PT3S");
                advance(endpoint, "PT301S");
                List<String> delivered = new ArrayList<>();
                objects(s3, "from-kinesis").values().forEach(text -> text.lines().forEach(delivered::add));
                assertThat(delivered).containsExactlyInAnyOrderElementsOf(sent); // not "before-creation": AWS starts at the tip
            }
        }
    }

    private static void putToKinesis(KinesisClient kinesis, String tag, int from, int count, List<String> sent) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String line = tag + i;
            sent.add(line);
            entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i).data(SdkBytes.fromUtf8String(line + "\n")).build());
        }
        assertThat(kinesis.putRecords(b -> b.streamName("events").records(entries)).failedRecordCount()).isZero();
    }
}
