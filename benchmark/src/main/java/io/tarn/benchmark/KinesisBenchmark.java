package io.tarn.benchmark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * Kinesis Data Streams with data on disk and throttling off: PutRecords of 500 x 1 KiB records
 * into a 16-shard stream and GetRecords of whole shards of a 4-shard stream, both in CBOR and in
 * JSON, through low-overhead raw clients; the server's RSS once a stream holds a million records;
 * and PutRecords as the SDK v2 KinesisClient sees it.
 */
@Command(name = "kinesis", description = "Kinesis PutRecords/GetRecords throughput in CBOR and JSON, memory, and the SDK v2 view.")
final class KinesisBenchmark implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory JSON_FACTORY = new JsonFactory();
    private static final CBORFactory CBOR_FACTORY = new CBORFactory();

    /** A wire format of the service: its content type and the Jackson factory that reads and writes it. */
    enum Format {
        CBOR("application/x-amz-cbor-1.1", CBOR_FACTORY),
        JSON("application/x-amz-json-1.1", JSON_FACTORY);

        final String contentType;
        final JsonFactory factory;

        Format(String contentType, JsonFactory factory) {
            this.contentType = contentType;
            this.factory = factory;
        }
    }

    @Option(names = "--jar", defaultValue = "emulator-server/target/tarn-server.jar", description = "Server jar to start.")
    Path jar;

    @Option(names = "--endpoint", description = "Measure a running server (lenient auth, throttling off) instead of starting one (no RSS then).")
    URI endpoint;

    @Option(names = "--jvm-arg", description = "Extra JVM argument for the server (repeatable).")
    List<String> jvmArgs = new ArrayList<>();

    @Option(names = "--formats", split = ",", defaultValue = "CBOR,JSON", description = "Wire formats of the raw runs: ${COMPLETION-CANDIDATES}.")
    List<Format> formats;

    @Option(names = "--record-bytes", defaultValue = "1024", description = "Data bytes per record.")
    int recordBytes;

    @Option(names = "--batch", defaultValue = "500", description = "Records per PutRecords call.")
    int batch;

    @Option(names = "--put-shards", defaultValue = "16", description = "Shards of the PutRecords stream.")
    int putShards;

    @Option(names = "--put-connections", defaultValue = "8", description = "Raw client connections of the PutRecords runs (and of the fill).")
    int putConnections;

    @Option(names = "--seconds", defaultValue = "8", description = "Seconds per measured PutRecords run.")
    double seconds;

    @Option(names = "--warmup-seconds", defaultValue = "2", description = "Seconds of warm-up before each PutRecords run.")
    double warmupSeconds;

    @Option(names = "--records", defaultValue = "1000000", description = "Records the GetRecords stream is filled with (rounded to whole batches; 0 skips the GetRecords and RSS part).")
    long records;

    @Option(names = "--get-shards", defaultValue = "4", description = "Shards of the GetRecords stream (one reading thread each).")
    int getShards;

    @Option(names = "--get-limit", defaultValue = "10000", description = "Limit of each GetRecords call.")
    int getLimit;

    @Option(names = "--get-warmup-records", defaultValue = "40000", description = "Records read from each shard, per format, before the measured reads.")
    long getWarmupRecords;

    @Option(names = "--sdk-formats", split = ",", defaultValue = "CBOR", description = "Wire formats of the SDK v2 run: ${COMPLETION-CANDIDATES}.")
    List<Format> sdkFormats = new ArrayList<>();

    @Option(names = "--sdk-threads", defaultValue = "8", description = "Threads of the SDK v2 PutRecords run (0 to skip).")
    int sdkThreads;

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || batch > 500) {
            throw new IllegalArgumentException("--batch must be 1..500");
        }
        long started = System.nanoTime();
        Path dataDir = endpoint == null ? Files.createTempDirectory("tarn-kinesis-bench-") : null;
        List<String> args = dataDir == null ? List.of() : List.of("--data-dir", dataDir.toString(), "--kinesis-throttling", "off");
        ServerUnderTest server = endpoint == null ? ServerUnderTest.start(jar, jvmArgs, args) : null;
        URI target = server != null ? server.endpoint() : endpoint;
        String run = Long.toString(System.currentTimeMillis(), 36);
        try {
            if (server != null) {
                System.out.printf("server (pid %d) with --kinesis-throttling off, data on disk in %s; started in %.0f ms, RSS %.1f MiB%n",
                        server.pid(), dataDir, server.startupMillis(), server.rssMiB());
            }
            String putStream = "bench-put-" + run;
            createStream(target, putStream, putShards);
            System.out.printf("PutRecords, %d x %d B per call, %d connections, stream of %d shards, %.0f s each (after %.0f s warm-up); "
                            + "target >= 100,000 records/s:%n",
                    batch, recordBytes, putConnections, putShards, seconds, warmupSeconds);
            for (Format f : formats) {
                put(server, target, f, putStream);
            }
            for (Format f : sdkThreads > 0 ? sdkFormats : List.<Format>of()) {
                sdk(target, f, putStream);
            }
            call(target, "DeleteStream", Map.of("StreamName", putStream));
            if (records > 0) {
                getRecords(server, target, "bench-get-" + run);
            }
            if (server != null) {
                System.out.printf("server RSS at the end: %.1f MiB; whole run %.0f s%n", server.rssMiB(), (System.nanoTime() - started) / 1e9);
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (dataDir != null) {
                deleteTree(dataDir);
            }
        }
        return 0;
    }

    // ---------------------------------------------------------------- PutRecords, raw client

    private void put(ServerUnderTest server, URI target, Format f, String stream) throws Exception {
        byte[][] bodies = putBodies(f, stream, 8, new Random(f.ordinal()));
        probePut(target, f, bodies[0]);
        Map<String, String> headers = headers(f, "PutRecords");
        RawHttpLoad.Requests requests = n -> RawHttpLoad.request(target, HttpMethod.POST, "/", headers, bodies[(int) (n % bodies.length)]);
        RawHttpLoad.run(target, putConnections, warmupSeconds, Long.MAX_VALUE, requests);
        CpuUse cpu = CpuUse.start(server);
        RawHttpLoad.Result r = RawHttpLoad.run(target, putConnections, seconds, Long.MAX_VALUE, requests);
        double recordsPerSecond = r.perSecond() * batch;
        System.out.printf("  raw %-4s %9.0f records/s %7.1f MiB/s %6.0f calls/s  p50 %6.2f ms  p99 %6.2f ms  errors %d  (body %d KiB; %s)%n",
                f, recordsPerSecond, recordsPerSecond * recordBytes / 1048576.0, r.perSecond(), r.latencies().percentileMillis(50),
                r.latencies().percentileMillis(99), r.errors(), bodies[0].length >> 10, cpu.report(r.requests() * (long) batch, "record"));
    }

    /** One call answered in full, to be sure every record of a body is accepted (a 200 may still carry failed records). */
    private void probePut(URI target, Format f, byte[] body) throws IOException {
        try (BlockingHttpConnection c = new BlockingHttpConnection(target)) {
            int status = c.post(headers(f, "PutRecords"), body, body.length);
            if (status != 200) {
                throw new IllegalStateException("PutRecords (" + f + ") answered " + status + ": " + text(f, c));
            }
            long[] counts = putRecordsAnswer(f, c.body(), c.bodyLength());
            if (counts[0] != 0 || counts[1] != batch) {
                throw new IllegalStateException("PutRecords (" + f + ") failed " + counts[0] + " of " + counts[1] + " records: " + text(f, c));
            }
        }
    }

    /** Request bodies of {@code batch} random records each, with partition keys distinct across bodies. */
    private byte[][] putBodies(Format f, String stream, int count, Random random) throws IOException {
        byte[][] bodies = new byte[count][];
        byte[] data = new byte[recordBytes];
        for (int b = 0; b < count; b++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(batch * (recordBytes * 4 / 3 + 64));
            try (JsonGenerator g = f.factory.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("StreamName", stream);
                g.writeArrayFieldStart("Records");
                for (int i = 0; i < batch; i++) {
                    random.nextBytes(data);
                    g.writeStartObject();
                    g.writeFieldName("Data");
                    g.writeBinary(data); // a byte string in CBOR, base64 in JSON
                    g.writeStringField("PartitionKey", "pk-" + b + "-" + i + "-" + random.nextInt(1_000_000));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            bodies[b] = out.toByteArray();
        }
        return bodies;
    }

    /** FailedRecordCount and the number of result entries of a PutRecords answer. */
    private static long[] putRecordsAnswer(Format f, byte[] body, int length) throws IOException {
        long failed = -1;
        long entries = 0;
        try (JsonParser p = f.factory.createParser(body, 0, length)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if ("FailedRecordCount".equals(name)) {
                    failed = p.getLongValue();
                } else if ("Records".equals(name) && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        entries++;
                        p.skipChildren();
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return new long[] {failed, entries};
    }

    // ---------------------------------------------------------------- GetRecords, raw client

    private void getRecords(ServerUnderTest server, URI target, String stream) throws Exception {
        createStream(target, stream, getShards);
        long calls = (records + batch - 1) / batch;
        byte[][] bodies = putBodies(Format.CBOR, stream, 8, new Random(42));
        Map<String, String> headers = headers(Format.CBOR, "PutRecords");
        CpuUse fillCpu = CpuUse.start(server);
        RawHttpLoad.Result fill = RawHttpLoad.run(target, putConnections, 3600, calls,
                n -> RawHttpLoad.request(target, HttpMethod.POST, "/", headers, bodies[(int) (n % bodies.length)]));
        long filled = (fill.requests() - fill.errors()) * batch;
        System.out.printf("GetRecords stream: %d shards filled with %d records of %d B by CBOR PutRecords in %.1f s "
                        + "(%.0f records/s, p99 %.2f ms, errors %d; %s)%n", getShards, filled, recordBytes, fill.seconds(),
                filled / fill.seconds(), fill.latencies().percentileMillis(99), fill.errors(), fillCpu.report(filled, "record"));
        if (server != null) {
            System.out.printf("  server RSS with the stream holding %d records: %.1f MiB (target < 512 MiB)%n", filled, server.rssMiB());
        }
        List<String> shardIds = shardIds(target, stream);
        System.out.printf("GetRecords, Limit %d, TRIM_HORIZON to the end of each of %d shards, one thread (connection) per shard; "
                        + "target >= 250,000 records/s:%n",
                getLimit, shardIds.size());
        for (Format f : formats) {
            readAll(target, f, stream, shardIds, getWarmupRecords); // warm-up
            CpuUse cpu = CpuUse.start(server);
            ReadResult r = readAll(target, f, stream, shardIds, Long.MAX_VALUE);
            System.out.printf("  raw %-4s %9.0f records/s %7.1f MiB/s (answers) %5d calls  p50 %6.2f ms  p99 %6.2f ms  errors %d  "
                            + "read %d of %d%s  (%s)%n", f, r.records / r.seconds, r.bytes / 1048576.0 / r.seconds, r.latencies.size(),
                    r.latencies.percentileMillis(50), r.latencies.percentileMillis(99), r.errors, r.records, filled,
                    r.records == filled ? "" : " MISMATCH", cpu.report(r.records, "record"));
        }
        if (server != null) {
            System.out.printf("  server RSS after the reads: %.1f MiB%n", server.rssMiB());
        }
    }

    private record ReadResult(long records, long bytes, long errors, double seconds, CountingLatencies latencies) {}

    /** Reads every shard from TRIM_HORIZON until an empty page (or {@code maxPerShard} records), one thread per shard. */
    private ReadResult readAll(URI target, Format f, String stream, List<String> shardIds, long maxPerShard)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(shardIds.size());
        AtomicLong total = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CountingLatencies latencies = new CountingLatencies();
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (String shardId : shardIds) {
                running.add(pool.submit(() -> {
                    readShard(target, f, stream, shardId, maxPerShard, total, bytes, errors, latencies);
                    return null;
                }));
            }
            for (Future<?> r : running) {
                r.get();
            }
        } finally {
            pool.shutdown();
        }
        return new ReadResult(total.get(), bytes.get(), errors.get(), (System.nanoTime() - started) / 1e9, latencies);
    }

    private void readShard(URI target, Format f, String stream, String shardId, long maxRecords, AtomicLong total, AtomicLong bytes,
            AtomicLong errors, CountingLatencies latencies) throws IOException {
        try (BlockingHttpConnection c = new BlockingHttpConnection(target)) {
            byte[] request = encode(f, Map.of("StreamName", stream, "ShardId", shardId, "ShardIteratorType", "TRIM_HORIZON"));
            int status = c.post(headers(f, "GetShardIterator"), request, request.length);
            if (status != 200) {
                throw new IllegalStateException("GetShardIterator answered " + status + ": " + text(f, c));
            }
            String iterator = stringField(f, c.body(), c.bodyLength(), "ShardIterator");
            Map<String, String> headers = headers(f, "GetRecords");
            long read = 0;
            boolean first = true;
            while (iterator != null && read < maxRecords) {
                request = encode(f, Map.of("ShardIterator", iterator, "Limit", getLimit));
                long t0 = System.nanoTime();
                status = c.post(headers, request, request.length);
                latencies.record(System.nanoTime() - t0);
                if (status != 200) {
                    errors.incrementAndGet();
                    if (errors.get() == 1) {
                        System.out.printf("    GetRecords %s answered %d: %s%n", f, status, text(f, c));
                    }
                    break;
                }
                bytes.addAndGet(c.bodyLength());
                Page page = page(f, c.body(), c.bodyLength(), first);
                if (first && page.records > 0 && page.firstDataLength != recordBytes) {
                    throw new IllegalStateException("a record read back holds " + page.firstDataLength + " bytes, not " + recordBytes);
                }
                first = false;
                read += page.records;
                total.addAndGet(page.records);
                if (page.records == 0 && page.millisBehindLatest == 0) {
                    break; // the end of what was written
                }
                iterator = page.next;
            }
        }
    }

    private record Page(int records, String next, long millisBehindLatest, int firstDataLength) {}

    /** What a GetRecords answer says: its records counted (never decoded), the next iterator, how far behind. */
    private static Page page(Format f, byte[] body, int length, boolean checkData) throws IOException {
        int count = 0;
        String next = null;
        long behind = 0;
        int firstData = -1;
        try (JsonParser p = f.factory.createParser(body, 0, length)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if ("Records".equals(name) && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        count++;
                        if (checkData && count == 1) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String member = p.currentName();
                                p.nextToken();
                                if ("Data".equals(member)) {
                                    firstData = p.getBinaryValue().length;
                                } else {
                                    p.skipChildren();
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                } else if ("NextShardIterator".equals(name)) {
                    next = t == JsonToken.VALUE_NULL ? null : p.getText();
                } else if ("MillisBehindLatest".equals(name)) {
                    behind = p.getLongValue();
                } else {
                    p.skipChildren();
                }
            }
        }
        return new Page(count, next, behind, firstData);
    }

    // ---------------------------------------------------------------- SDK v2

    private void sdk(URI target, Format f, String stream) throws Exception {
        // the SDK reads aws.cborEnabled when a client is built
        System.setProperty("aws.cborEnabled", Boolean.toString(f == Format.CBOR));
        try (KinesisClient kinesis = KinesisClient.builder().endpointOverride(target).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            Random random = new Random(7);
            List<PutRecordsRequest> requests = new ArrayList<>();
            for (int b = 0; b < 4; b++) {
                List<PutRecordsRequestEntry> entries = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                    byte[] data = new byte[recordBytes];
                    random.nextBytes(data);
                    entries.add(PutRecordsRequestEntry.builder().data(SdkBytes.fromByteArrayUnsafe(data))
                            .partitionKey("sdk-" + b + "-" + i + "-" + random.nextInt(1_000_000)).build());
                }
                requests.add(PutRecordsRequest.builder().streamName(stream).records(entries).build());
            }
            PutRecordsResponse probe = kinesis.putRecords(requests.get(0));
            if (probe.failedRecordCount() != 0 || probe.records().size() != batch) {
                throw new IllegalStateException("SDK PutRecords failed " + probe.failedRecordCount() + " of " + probe.records().size());
            }
            sdkRun(kinesis, requests, warmupSeconds);
            SdkResult r = sdkRun(kinesis, requests, seconds);
            double recordsPerSecond = r.calls * (double) batch / r.seconds;
            System.out.printf("  SDK v2 KinesisClient (%s, url-connection, %d threads) %9.0f records/s %7.1f MiB/s %6.0f calls/s  "
                            + "p50 %6.2f ms  p99 %6.2f ms  errors %d  failed records %d%n", f, sdkThreads, recordsPerSecond,
                    recordsPerSecond * recordBytes / 1048576.0, r.calls / r.seconds, r.latencies.percentileMillis(50),
                    r.latencies.percentileMillis(99), r.errors, r.failedRecords);
        } finally {
            System.clearProperty("aws.cborEnabled");
        }
    }

    private record SdkResult(long calls, long errors, long failedRecords, double seconds, LatencyRecorder latencies) {}

    private SdkResult sdkRun(KinesisClient kinesis, List<PutRecordsRequest> requests, double secs) throws Exception {
        AtomicLong calls = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong failedRecords = new AtomicLong();
        LatencyRecorder latencies = new LatencyRecorder();
        ExecutorService pool = Executors.newFixedThreadPool(sdkThreads);
        long started = System.nanoTime();
        long deadline = started + (long) (secs * 1e9);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < sdkThreads; t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    for (int i = thread; System.nanoTime() < deadline; i++) {
                        long t0 = System.nanoTime();
                        try {
                            failedRecords.addAndGet(kinesis.putRecords(requests.get(i % requests.size())).failedRecordCount());
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                        }
                        latencies.record(System.nanoTime() - t0);
                        calls.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return new SdkResult(calls.get(), errors.get(), failedRecords.get(), (System.nanoTime() - started) / 1e9, latencies);
    }

    // ---------------------------------------------------------------- control plane and helpers

    private static void createStream(URI target, String stream, int shards) throws Exception {
        call(target, "CreateStream", Map.of("StreamName", stream, "ShardCount", shards));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            String status = call(target, "DescribeStreamSummary", Map.of("StreamName", stream))
                    .path("StreamDescriptionSummary").path("StreamStatus").asText();
            if ("ACTIVE".equals(status)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stream " + stream + " still " + status + " after 60 s");
            }
            Thread.sleep(50);
        }
    }

    private static List<String> shardIds(URI target, String stream) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode shard : call(target, "ListShards", Map.of("StreamName", stream)).path("Shards")) {
            ids.add(shard.path("ShardId").asText());
        }
        return ids;
    }

    private static Map<String, String> headers(Format f, String operation) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", f.contentType);
        h.put("X-Amz-Target", "Kinesis_20131202." + operation);
        h.put("X-Amz-Date", "20260101T000000Z");
        // lenient mode: the scope selects the service and the account; the signature is not checked
        h.put("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/kinesis/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=0000");
        return h;
    }

    private static JsonNode call(URI target, String operation, Map<String, Object> body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve("/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        headers(Format.JSON, operation).forEach(b::header);
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(operation + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private static byte[] encode(Format f, Map<String, Object> fields) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = f.factory.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                if (e.getValue() instanceof Integer i) {
                    g.writeNumberField(e.getKey(), i);
                } else {
                    g.writeStringField(e.getKey(), (String) e.getValue());
                }
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static String stringField(Format f, byte[] body, int length, String field) throws IOException {
        try (JsonParser p = f.factory.createParser(body, 0, length)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (field.equals(name)) {
                    return p.getText();
                }
                p.skipChildren();
            }
        }
        throw new IllegalStateException("no " + field + " in the answer");
    }

    /** An answer as text, for error messages (CBOR through its tree). */
    private static String text(Format f, BlockingHttpConnection c) {
        try {
            return f == Format.JSON ? c.bodyText() : new ObjectMapper(CBOR_FACTORY).readTree(c.body(), 0, c.bodyLength()).toString();
        } catch (IOException e) {
            return c.bodyLength() + " bytes";
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + ", found " + actual);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Latencies of one run with their count. */
    private static final class CountingLatencies {
        private final LatencyRecorder recorder = new LatencyRecorder();
        private final AtomicLong count = new AtomicLong();

        void record(long nanos) {
            recorder.record(nanos);
            count.incrementAndGet();
        }

        long size() {
            return count.get();
        }

        double percentileMillis(double p) {
            return recorder.percentileMillis(p);
        }
    }
}
