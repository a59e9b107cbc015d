package io.tarn.benchmark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Amazon Data Firehose with data on disk and quotas off ({@code --firehose-throttling off}), each
 * part on a server of its own: PutRecordBatch of 500 x 1 KiB records from 8 connections (records
 * accepted, durable in the store before each answer; then every byte accepted is checked to have
 * reached S3), and the delivery of 1 GiB of JSON lines converted to Parquet through a Glue table
 * (MiB/s of JSON converted, rows counted from the Parquet footers, the server's peak RSS). Raw
 * HTTP/1.1 awsJson requests with a lenient-mode signature, as the Kinesis and Glue benchmarks send.
 */
@Command(name = "firehose", description = "Firehose PutRecordBatch records/s (durable, quotas off) and JSON -> Parquet delivery MiB/s with peak RSS.")
final class FirehoseBenchmark implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory JSON_FACTORY = new JsonFactory();
    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final Pattern CONTENTS = Pattern.compile("<Contents>.*?<Key>(.*?)</Key>.*?<Size>(\\d+)</Size>.*?</Contents>",
            Pattern.DOTALL);
    private static final Pattern NEXT_TOKEN = Pattern.compile("<NextContinuationToken>(.*?)</NextContinuationToken>");
    private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    @Option(names = "--jar", defaultValue = "emulator-server/target/tarn-server.jar", description = "Server jar to start.")
    Path jar;

    @Option(names = "--endpoint", description = "Measure a running server (lenient auth, --firehose-throttling off) instead of starting one (no RSS then).")
    URI endpoint;

    @Option(names = "--jvm-arg", description = "Extra JVM argument for the server (repeatable).")
    List<String> jvmArgs = new ArrayList<>();

    @Option(names = "--record-bytes", defaultValue = "1024", description = "Data bytes per record of the PutRecordBatch runs.")
    int recordBytes;

    @Option(names = "--batch", defaultValue = "500", description = "Records per PutRecordBatch call.")
    int batch;

    @Option(names = "--connections", defaultValue = "8", description = "Raw client connections.")
    int connections;

    @Option(names = "--seconds", defaultValue = "10", description = "Seconds of the measured PutRecordBatch run.")
    double seconds;

    @Option(names = "--warmup-seconds", defaultValue = "5", description = "Seconds of PutRecordBatch before the measured run.")
    double warmupSeconds;

    @Option(names = "--put-buffer-mib", defaultValue = "128", description = "SizeInMBs of the PutRecordBatch stream (1-128).")
    int putBufferMiB;

    /** More than one shows what the one buffer per stream (and its lock) costs: the calls go round the streams. */
    @Option(names = "--streams", defaultValue = "1", description = "Delivery streams the PutRecordBatch calls go round (one bucket).")
    int streams;

    @Option(names = "--parquet-mib", defaultValue = "1024", description = "MiB of JSON lines delivered as Parquet (0 skips that part).")
    long parquetMiB;

    @Option(names = "--skip-puts", description = "Leave out the PutRecordBatch part.")
    boolean skipPuts;

    @Option(names = "--delivery-timeout-seconds", defaultValue = "900", description = "How long to wait for deliveries to reach S3.")
    double deliveryTimeoutSeconds;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || batch > 500) {
            throw new IllegalArgumentException("--batch must be 1..500");
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        if (!skipPuts) {
            onServer(target -> puts(target.server, target.uri, "bench-put-" + run));
        }
        if (parquetMiB > 0) {
            onServer(target -> parquet(target.server, target.uri, "bench-parquet-" + run));
        }
        return 0;
    }

    private record Target(ServerUnderTest server, URI uri) {}

    @FunctionalInterface
    private interface Part {
        void run(Target target) throws Exception;
    }

    /** Runs a part on a server of its own (so its peak RSS is the part's), or on --endpoint. */
    private void onServer(Part part) throws Exception {
        if (endpoint != null) {
            part.run(new Target(null, endpoint));
            return;
        }
        Path dataDir = Files.createTempDirectory("tarn-firehose-bench-");
        ServerUnderTest server = ServerUnderTest.start(jar, jvmArgs,
                List.of("--data-dir", dataDir.toString(), "--firehose-throttling", "off", "--firehose-delays", "100ms"));
        try {
            System.out.printf("server (pid %d) with --firehose-throttling off, data on disk in %s; started in %.0f ms, RSS %.1f MiB%n",
                    server.pid(), dataDir, server.startupMillis(), server.rssMiB());
            part.run(new Target(server, server.endpoint()));
            System.out.printf("  server RSS at the end: %.1f MiB, peak (VmHWM) %.1f MiB%n", server.rssMiB(), server.peakRssMiB());
        } finally {
            server.close();
            deleteTree(dataDir);
        }
    }

    // ---------------------------------------------------------------- PutRecordBatch

    private void puts(ServerUnderTest server, URI target, String name) throws Exception {
        createBucket(target, name);
        byte[][] bodies = new byte[streams * 8][];
        for (int s = 0; s < streams; s++) {
            String stream = streams == 1 ? name : name + "-" + s;
            createStream(target, stream, "{\"DeliveryStreamName\":\"" + stream + "\",\"DeliveryStreamType\":\"DirectPut\","
                    + "\"ExtendedS3DestinationConfiguration\":{\"RoleARN\":\"" + ROLE + "\",\"BucketARN\":\"arn:aws:s3:::" + name + "\","
                    + "\"BufferingHints\":{\"SizeInMBs\":" + putBufferMiB + ",\"IntervalInSeconds\":900}}}");
            byte[][] own = putBodies(stream, 8, new Random(1 + s));
            for (int b = 0; b < own.length; b++) {
                bodies[b * streams + s] = own[b]; // consecutive calls go to different streams
            }
            probe(target, own[0], batch);
        }
        Map<String, String> headers = headers("Firehose_20150804.PutRecordBatch", "firehose");
        RawHttpLoad.Requests requests = n -> RawHttpLoad.request(target, HttpMethod.POST, "/", headers, bodies[(int) (n % bodies.length)]);
        System.out.printf("PutRecordBatch, %d x %d B per call, %d connections, %d stream(s), buffers of %d MiB delivered to S3 as they "
                + "fill, %.0f s (after %.0f s warm-up); target >= 100,000 records/s:%n", batch, recordBytes, connections, streams,
                putBufferMiB, seconds, warmupSeconds);
        RawHttpLoad.Result warm = RawHttpLoad.run(target, connections, warmupSeconds, Long.MAX_VALUE, requests);
        CpuUse cpu = CpuUse.start(server);
        RawHttpLoad.Result r = RawHttpLoad.run(target, connections, seconds, Long.MAX_VALUE, requests);
        double recordsPerSecond = r.perSecond() * batch;
        System.out.printf("  raw JSON %9.0f records/s %7.1f MiB/s %6.0f calls/s  p50 %6.2f ms  p99 %6.2f ms  errors %d  (body %d KiB; %s)%n",
                recordsPerSecond, recordsPerSecond * recordBytes / 1048576.0, r.perSecond(), r.latencies().percentileMillis(50),
                r.latencies().percentileMillis(99), r.errors(), bodies[0].length >> 10, cpu.report(r.requests() * (long) batch, "record"));
        if (server != null) {
            System.out.printf("  server RSS after the puts: %.1f MiB%n", server.rssMiB());
        }
        // every record answered 200 must reach S3: the open buffer goes at the interval, the sealed ones are already on their way
        long acceptedBytes = ((warm.requests() - warm.errors()) + (r.requests() - r.errors()) + streams) * batch * (long) recordBytes;
        long started = System.nanoTime();
        advanceClock(target, "PT15M");
        Listing delivered = awaitBytes(target, name, acceptedBytes);
        System.out.printf("  all accepted records in S3: %s of %d bytes in %d objects, %.1f s after the interval passed%n",
                delivered.bytes == acceptedBytes ? "all" : "ONLY " + delivered.bytes, acceptedBytes, delivered.sizes.size(),
                (System.nanoTime() - started) / 1e9);
    }

    /** Request bodies of {@code batch} random records each (base64 in the JSON, as the SDKs send them). */
    private byte[][] putBodies(String stream, int count, Random random) throws IOException {
        byte[][] bodies = new byte[count][];
        byte[] data = new byte[recordBytes];
        for (int b = 0; b < count; b++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(batch * (recordBytes * 4 / 3 + 16));
            try (JsonGenerator g = JSON_FACTORY.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("DeliveryStreamName", stream);
                g.writeArrayFieldStart("Records");
                for (int i = 0; i < batch; i++) {
                    random.nextBytes(data);
                    g.writeStartObject();
                    g.writeFieldName("Data");
                    g.writeBinary(data);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            bodies[b] = out.toByteArray();
        }
        return bodies;
    }

    /** One call answered in full: a 200 may still carry failed records. */
    private static void probe(URI target, byte[] body, int records) throws IOException {
        try (BlockingHttpConnection c = new BlockingHttpConnection(target)) {
            int status = c.post(headers("Firehose_20150804.PutRecordBatch", "firehose"), body, body.length);
            if (status != 200) {
                throw new IllegalStateException("PutRecordBatch answered " + status + ": " + c.bodyText());
            }
            long failed = -1;
            long entries = 0;
            try (JsonParser p = JSON_FACTORY.createParser(c.body(), 0, c.bodyLength())) {
                p.nextToken();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken t = p.nextToken();
                    if ("FailedPutCount".equals(field)) {
                        failed = p.getLongValue();
                    } else if ("RequestResponses".equals(field) && t == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            entries++;
                            p.skipChildren();
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            }
            if (failed != 0 || entries != records) {
                throw new IllegalStateException("PutRecordBatch failed " + failed + " of " + entries + " records: " + c.bodyText());
            }
        }
    }

    // ---------------------------------------------------------------- JSON -> Parquet

    /** Distinct request bodies the Parquet part cycles through: 64 x 500 different records (32,000 ids). */
    private static final int PARQUET_BODIES = 64;

    private void parquet(ServerUnderTest server, URI target, String name) throws Exception {
        String db = name.replace('-', '_');
        call(target, "AWSGlue.CreateDatabase", "glue", "{\"DatabaseInput\":{\"Name\":\"" + db + "\"}}");
        call(target, "AWSGlue.CreateTable", "glue", "{\"DatabaseName\":\"" + db + "\",\"TableInput\":{\"Name\":\"events\","
                + "\"TableType\":\"EXTERNAL_TABLE\",\"StorageDescriptor\":{\"Columns\":[{\"Name\":\"id\",\"Type\":\"bigint\"},"
                + "{\"Name\":\"name\",\"Type\":\"string\"},{\"Name\":\"score\",\"Type\":\"double\"},"
                + "{\"Name\":\"active\",\"Type\":\"boolean\"},{\"Name\":\"payload\",\"Type\":\"string\"}],"
                + "\"Location\":\"s3://" + name + "/\",\"SerdeInfo\":{\"SerializationLibrary\":\"org.openx.data.jsonserde.JsonSerDe\"}}}}");
        createBucket(target, name);
        createStream(target, name, "{\"DeliveryStreamName\":\"" + name + "\",\"DeliveryStreamType\":\"DirectPut\","
                + "\"ExtendedS3DestinationConfiguration\":{\"RoleARN\":\"" + ROLE + "\",\"BucketARN\":\"arn:aws:s3:::" + name + "\","
                + "\"BufferingHints\":{\"SizeInMBs\":128,\"IntervalInSeconds\":900},\"CompressionFormat\":\"UNCOMPRESSED\","
                + "\"DataFormatConversionConfiguration\":{\"Enabled\":true,\"SchemaConfiguration\":{\"DatabaseName\":\"" + db + "\","
                + "\"TableName\":\"events\",\"RoleARN\":\"" + ROLE + "\",\"Region\":\"us-east-1\",\"VersionId\":\"LATEST\"},"
                + "\"InputFormatConfiguration\":{\"Deserializer\":{\"OpenXJsonSerDe\":{}}},"
                + "\"OutputFormatConfiguration\":{\"Serializer\":{\"ParquetSerDe\":{\"Compression\":\"SNAPPY\"}}}}}}");
        JsonBodies bodies = jsonLineBodies(name, new Random(2));
        long calls = Math.max(1, (parquetMiB << 20) / bodies.jsonBytesPerBody);
        long records = calls * batch;
        double jsonMiB = calls * bodies.jsonBytesPerBody / 1048576.0;
        System.out.printf("JSON -> Parquet (SNAPPY): %.0f MiB of JSON lines (%d records of ~%d B: id bigint, name string, score double, "
                        + "active boolean, payload string) in %d PutRecordBatch calls of %d from %d connections; buffers of 128 MiB, "
                        + "then the clock advanced 15 minutes:%n", jsonMiB, records, bodies.jsonBytesPerBody / batch, calls, batch,
                connections);
        probe(target, bodies.bodies[0], batch);
        Map<String, String> headers = headers("Firehose_20150804.PutRecordBatch", "firehose");
        CpuUse cpu = CpuUse.start(server);
        long started = System.nanoTime();
        RawHttpLoad.Result r = RawHttpLoad.run(target, connections, 3600, calls - 1,
                n -> RawHttpLoad.request(target, HttpMethod.POST, "/", headers, bodies.bodies[(int) ((n + 1) % PARQUET_BODIES)]));
        double putSeconds = (System.nanoTime() - started) / 1e9;
        if (r.errors() > 0) {
            throw new IllegalStateException(r.errors() + " PutRecordBatch calls failed");
        }
        System.out.printf("  puts: %.1f s (%.1f MiB/s of JSON, %.0f records/s, p99 %.1f ms); server RSS %.1f MiB%n", putSeconds,
                jsonMiB / putSeconds, records / putSeconds, r.latencies().percentileMillis(99), server == null ? Double.NaN : server.rssMiB());
        advanceClock(target, "PT15M");
        Rows rows = awaitRows(target, name, records);
        double total = (System.nanoTime() - started) / 1e9;
        System.out.printf("  Parquet in S3: %d objects, %d rows (%s), %.1f MiB; the last %.1f s after the puts ended%n",
                rows.objects, rows.rows, rows.rows == records ? "all records" : "EXPECTED " + records, rows.bytes / 1048576.0,
                total - putSeconds);
        System.out.printf("  JSON converted end to end (first put to last Parquet object): %.1f MiB/s over %.1f s; %s%n", jsonMiB / total,
                total, cpu.report(records, "record"));
    }

    private record JsonBodies(byte[][] bodies, long jsonBytesPerBody) {}

    /**
     * PutRecordBatch bodies of newline-terminated JSON objects of about 1 KiB, ids distinct across
     * bodies, payloads random (so Parquet's dictionaries do not shrink them to nothing).
     */
    private JsonBodies jsonLineBodies(String stream, Random random) throws IOException {
        byte[][] bodies = new byte[PARQUET_BODIES][];
        long jsonBytes = -1;
        char[] payload = new char[900];
        for (int b = 0; b < PARQUET_BODIES; b++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(batch * 1400);
            long bytes = 0;
            try (JsonGenerator g = JSON_FACTORY.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("DeliveryStreamName", stream);
                g.writeArrayFieldStart("Records");
                for (int i = 0; i < batch; i++) {
                    long id = (long) b * batch + i;
                    for (int c = 0; c < payload.length; c++) {
                        payload[c] = ALNUM[random.nextInt(ALNUM.length)];
                    }
                    String line = "{\"id\":" + id + ",\"name\":\"user-" + (id % 10_000) + "\",\"score\":" + random.nextDouble() * 1000
                            + ",\"active\":" + random.nextBoolean() + ",\"payload\":\"" + new String(payload) + "\"}\n";
                    byte[] data = line.getBytes(StandardCharsets.UTF_8);
                    bytes += data.length;
                    g.writeStartObject();
                    g.writeFieldName("Data");
                    g.writeBinary(data);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            bodies[b] = out.toByteArray();
            jsonBytes = jsonBytes < 0 ? bytes : Math.min(jsonBytes, bytes); // the ids' digits vary a little
        }
        return new JsonBodies(bodies, jsonBytes);
    }

    private record Rows(int objects, long rows, long bytes) {}

    /** Polls the bucket until its Parquet objects hold {@code expected} rows (each footer read once). */
    private Rows awaitRows(URI target, String bucket, long expected) throws Exception {
        Map<String, Long> rowsByKey = new LinkedHashMap<>();
        long deadline = System.nanoTime() + (long) (deliveryTimeoutSeconds * 1e9);
        while (true) {
            Listing listing = list(target, bucket);
            for (Map.Entry<String, Long> o : listing.sizes.entrySet()) {
                if (!rowsByKey.containsKey(o.getKey())) {
                    rowsByKey.put(o.getKey(), parquetRows(target, bucket, o.getKey(), o.getValue()));
                }
            }
            long rows = rowsByKey.values().stream().mapToLong(Long::longValue).sum();
            if (rows >= expected || System.nanoTime() > deadline) {
                if (rows < expected) {
                    System.out.printf("  timed out; the stream's buffers: %s%n", admin(target, bucket));
                }
                return new Rows(rowsByKey.size(), rows, listing.bytes);
            }
            Thread.sleep(200);
        }
    }

    /** The rows of a Parquet object, from its footer (two ranged GETs: the tail, then the footer). */
    private long parquetRows(URI target, String bucket, String key, long size) throws Exception {
        byte[] tail = getRange(target, bucket, key, size - 8, size - 1);
        if (tail.length != 8 || !"PAR1".equals(new String(tail, 4, 4, StandardCharsets.US_ASCII))) {
            throw new IllegalStateException(key + " is not a Parquet file (no PAR1 at its end)");
        }
        int footerLength = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return ParquetFooterRows.numRows(getRange(target, bucket, key, size - 8 - footerLength, size - 9));
    }

    // ---------------------------------------------------------------- S3, the clock, the control plane

    private record Listing(Map<String, Long> sizes, long bytes) {}

    private Listing awaitBytes(URI target, String bucket, long expected) throws Exception {
        long deadline = System.nanoTime() + (long) (deliveryTimeoutSeconds * 1e9);
        while (true) {
            Listing l = list(target, bucket);
            if (l.bytes >= expected || System.nanoTime() > deadline) {
                if (l.bytes < expected) {
                    System.out.printf("  timed out; the stream's buffers: %s%n", admin(target, bucket));
                }
                return l;
            }
            Thread.sleep(200);
        }
    }

    /** Every object of the bucket with its size (ListObjectsV2, page after page). */
    private Listing list(URI target, String bucket) throws Exception {
        Map<String, Long> sizes = new LinkedHashMap<>();
        long bytes = 0;
        String token = null;
        Set<String> seen = new HashSet<>();
        do {
            String uri = "/" + bucket + "?list-type=2" + (token == null ? "" : "&continuation-token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(target.resolve(uri)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("ListObjectsV2 answered " + r.statusCode() + ": " + r.body());
            }
            Matcher m = CONTENTS.matcher(r.body());
            while (m.find()) {
                long size = Long.parseLong(m.group(2));
                sizes.put(m.group(1).replace("&amp;", "&"), size);
                bytes += size;
            }
            Matcher next = NEXT_TOKEN.matcher(r.body());
            token = next.find() ? next.group(1).replace("&amp;", "&") : null;
        } while (token != null && seen.add(token));
        return new Listing(sizes, bytes);
    }

    private byte[] getRange(URI target, String bucket, String key, long first, long last) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(target.resolve("/" + bucket + "/" + key))
                .header("Range", "bytes=" + first + "-" + last).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 206) {
            throw new IllegalStateException("GET " + key + " (range) answered " + r.statusCode());
        }
        return r.body();
    }

    private void createBucket(URI target, String bucket) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(target.resolve("/" + bucket)).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("CreateBucket answered " + r.statusCode() + ": " + r.body());
        }
    }

    private void advanceClock(URI target, String duration) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(target.resolve("/_tarn/clock"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"advance\":\"" + duration + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("clock advance answered " + r.statusCode() + ": " + r.body());
        }
    }

    private String admin(URI target, String stream) throws Exception {
        return http.send(HttpRequest.newBuilder(target.resolve("/_tarn/firehose/" + stream)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void createStream(URI target, String name, String body) throws Exception {
        call(target, "Firehose_20150804.CreateDeliveryStream", "firehose", body);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            String status = call(target, "Firehose_20150804.DescribeDeliveryStream", "firehose", "{\"DeliveryStreamName\":\"" + name + "\"}")
                    .path("DeliveryStreamDescription").path("DeliveryStreamStatus").asText();
            if ("ACTIVE".equals(status)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("delivery stream " + name + " still " + status + " after 60 s");
            }
            Thread.sleep(50);
        }
    }

    private static Map<String, String> headers(String target, String signingName) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/x-amz-json-1.1");
        h.put("X-Amz-Target", target);
        h.put("X-Amz-Date", "20260101T000000Z");
        // lenient mode: the scope selects the service and the account; the signature is not checked
        h.put("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/" + signingName + "/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=0000");
        return h;
    }

    private JsonNode call(URI target, String operation, String signingName, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve("/")).POST(HttpRequest.BodyPublishers.ofString(body));
        headers(operation, signingName).forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(operation + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body().isEmpty() ? "{}" : r.body());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
