package io.tarn.firehose.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airlift.compress.snappy.SnappyFramedInputStream;
import io.airlift.compress.snappy.SnappyHadoopStreams;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.ports.CatalogPort;
import io.tarn.firehose.engine.processor.LambdaEndpoints;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Buffers and their delivery on a manual clock, a real RocksDB and S3 as a map. */
class RecordBuffersTest {

    static final Namespace NS = new Namespace("000000000000", "us-east-1");
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path dir;

    EmulatorClock clock;
    Scheduler scheduler;
    StateStore store;
    DeliveryEngine engine;
    final MemoryObjects s3 = new MemoryObjects();
    final List<String> failures = new CopyOnWriteArrayList<>();
    volatile DeliveryTarget target = target(1, 60, "UNCOMPRESSED", null);
    DeliverySettings settings = DeliverySettings.DEFAULT;
    volatile CatalogPort catalog = (ns, catalogId, database, table, version) -> new CatalogPort.TableSchema(database, table, "0",
            List.of(new CatalogPort.Column("customer", "string"), new CatalogPort.Column("n", "int")), List.of());

    @BeforeEach
    void open() {
        clock = EmulatorClock.manual(START);
        s3.createBucket("bucket");
        start();
    }

    private void start() {
        scheduler = new Scheduler(clock);
        store = StateStore.open(dir.resolve("db"), false);
        DeliveryFailures report = new DeliveryFailures() {
            @Override
            public void failed(Namespace ns, String stream, String incarnation, String details) {
                failures.add(details);
            }

            @Override
            public void recovered(Namespace ns, String stream, String incarnation) {
                failures.add("recovered");
            }
        };
        engine = DeliveryEngine.open(store.keyspace("firehose"), clock, scheduler,
                (ns, name) -> name.equals("s1") ? target : null, collaborators(report), settings);
    }

    private DeliveryEngine.Collaborators collaborators(DeliveryFailures report) {
        return new DeliveryEngine.Collaborators(() -> s3, () -> catalog, new LambdaEndpoints(Map.of()), report);
    }

    /** A restart: a new clock at the same time, since a closed scheduler stays a listener of its clock. */
    private void restart() {
        engine.close();
        scheduler.close();
        store.close();
        clock = EmulatorClock.manual(clock.instant());
        start();
    }

    @AfterEach
    void close() {
        engine.close();
        scheduler.close();
        store.close();
    }

    static DeliveryTarget target(int sizeMiB, int intervalSeconds, String compression, String prefix) {
        return new DeliveryTarget("s1", "arn:aws:firehose:us-east-1:000000000000:deliverystream/s1", "inc-1", "DirectPut",
                "ACTIVE", 1, "destinationId-000000000001", new DeliveryTarget.S3Delivery(
                description(sizeMiB, intervalSeconds, compression, prefix)));
    }

    /** The ExtendedS3DestinationDescription delivery reads. */
    private static ObjectNode description(int sizeMiB, int intervalSeconds, String compression, String prefix) {
        ObjectNode d = JsonNodeFactory.instance.objectNode().put("BucketARN", "arn:aws:s3:::bucket").put("CompressionFormat", compression);
        d.putObject("BufferingHints").put("SizeInMBs", sizeMiB).put("IntervalInSeconds", intervalSeconds);
        if (prefix != null) {
            d.put("Prefix", prefix).put("ErrorOutputPrefix", "errors/!{firehose:error-output-type}/");
        }
        return d;
    }

    private void put(String... records) {
        List<byte[]> data = java.util.Arrays.stream(records).map(r -> r.getBytes(StandardCharsets.UTF_8)).toList();
        assertThat(engine.buffers().put(NS, "s1", data)).allMatch(o -> o.recordId() != null);
    }

    private Map<String, byte[]> awaitObjects(int count) throws InterruptedException {
        for (int i = 0; i < 500 && s3.objects("bucket").size() < count; i++) {
            Thread.sleep(10);
        }
        return s3.objects("bucket");
    }

    @Test
    void theIntervalDeliversTheRecordsConcatenatedAsSentUnderTheDefaultPrefix() {
        put("{\"a\":1}", "{\"b\":2}");
        clock.advance(Duration.ofSeconds(30));
        put("{\"c\":3}");
        clock.advance(Duration.ofSeconds(29));
        assertThat(s3.objects("bucket")).isEmpty();

        clock.advance(Duration.ofSeconds(1));

        Map<String, byte[]> objects = s3.objects("bucket");
        assertThat(objects).hasSize(1);
        String key = objects.keySet().iterator().next();
        assertThat(key).matches("2024/01/01/00/s1-1-2024-01-01-00-00-00-[0-9a-f-]{36}");
        assertThat(new String(objects.get(key), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}{\"b\":2}{\"c\":3}");
        assertThat(engine.buffers().buffers(NS, "s1")).isEmpty();
        assertThat(engine.buffers().deliveries(NS, "s1")).singleElement()
                .satisfies(d -> assertThat(d.records()).isEqualTo(3));
    }

    @Test
    void aFullBufferIsDeliveredAtOnceAndTheNextRecordOpensAnother() throws InterruptedException {
        String big = "x".repeat(400 * 1024);
        put(big, big);
        put(big);

        Map<String, byte[]> objects = awaitObjects(1);
        assertThat(objects).hasSize(1);
        assertThat(objects.values().iterator().next()).hasSize(800 * 1024);
        for (int i = 0; i < 100 && engine.buffers().buffers(NS, "s1").size() > 1; i++) {
            Thread.sleep(50); // the object is written before its buffer is cleared
        }
        assertThat(engine.buffers().buffers(NS, "s1")).singleElement()
                .satisfies(b -> assertThat(b.bytes()).isEqualTo(400 * 1024));
    }

    @Test
    void concurrentPutsToOneStreamAreEachDeliveredExactlyOnceInBuffersOfTheirSize() throws Exception {
        settings = DeliverySettings.DEFAULT.withThrottling(false); // the manual clock refills no quota
        restart();
        int threads = 8;
        int puts = 30;
        int perPut = 25;
        String pad = "x".repeat(1000);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int p = 0; p < puts; p++) {
                    String[] records = new String[perPut];
                    for (int i = 0; i < perPut; i++) {
                        records[i] = thread + "-" + p + "-" + i + pad + "\n";
                    }
                    put(records); // the commit of a group that holds these records, whichever thread wrote it
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        clock.advance(Duration.ofSeconds(60)); // the last, partly filled buffer

        int expected = threads * puts * perPut;
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 3000 && lines.size() < expected; i++) {
            Thread.sleep(10); // full buffers are delivered on the delivery pool
            lines.clear();
            for (byte[] object : s3.objects("bucket").values()) {
                assertThat(object.length).isLessThanOrEqualTo(1 << 20);
                lines.addAll(new String(object, StandardCharsets.UTF_8).lines().toList());
            }
        }
        assertThat(lines).hasSize(expected).doesNotHaveDuplicates();
        assertThat(lines).allMatch(l -> l.matches("[0-7]-[0-9]+-[0-9]+x{1000}"));
        long records = engine.buffers().deliveries(NS, "s1").stream().mapToLong(d -> d.records()).sum();
        assertThat(records).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void eachCompressionReadsBackAndNamesItsExtension(Compression compression) throws IOException {
        target = target(1, 60, compression == Compression.SNAPPY ? "Snappy" : compression.name(), null);
        put("hello ", "world");
        clock.advance(Duration.ofSeconds(60));

        Map.Entry<String, byte[]> object = s3.objects("bucket").firstEntry();
        assertThat(object.getKey()).endsWith(compression.extension());
        assertThat(new String(decompress(compression, object.getValue()), StandardCharsets.UTF_8)).isEqualTo("hello world");
    }

    private static byte[] decompress(Compression compression, byte[] bytes) throws IOException {
        InputStream in = new ByteArrayInputStream(bytes);
        switch (compression) {
            case GZIP:
                return new GZIPInputStream(in).readAllBytes();
            case ZIP: {
                ZipInputStream zip = new ZipInputStream(in);
                assertThat(zip.getNextEntry()).isNotNull();
                return zip.readAllBytes();
            }
            case SNAPPY:
                return new SnappyFramedInputStream(in).readAllBytes();
            case HADOOP_SNAPPY:
                return new SnappyHadoopStreams().createInputStream(in).readAllBytes();
            default:
                return bytes;
        }
    }

    @Test
    void aCustomPrefixTakesTheOpenTime() {
        target = target(1, 60, "UNCOMPRESSED", "logs/year=!{timestamp:yyyy}/month=!{timestamp:MM}/");
        put("r");
        clock.advance(Duration.ofSeconds(60));
        assertThat(s3.objects("bucket").firstKey()).startsWith("logs/year=2024/month=01/s1-1-2024-01-01-00-00-00-");
    }

    @Test
    void anOpenBufferKeepsItsOpenTimeAcrossARestart() {
        put("before");
        clock.advance(Duration.ofSeconds(40));
        restart();
        clock.advance(Duration.ofSeconds(20));

        assertThat(s3.objects("bucket")).hasSize(1);
        assertThat(new String(s3.objects("bucket").firstEntry().getValue(), StandardCharsets.UTF_8)).isEqualTo("before");
        assertThat(s3.objects("bucket").firstKey()).contains("-2024-01-01-00-00-00-");
    }

    @Test
    void aFailedDeliveryKeepsTheRecordsAndIsRetriedWithBackoff() {
        s3.buckets.remove("bucket");
        put("kept");
        clock.advance(Duration.ofSeconds(60));
        assertThat(failures).containsExactly("S3.NoSuchBucket: The specified bucket does not exist");
        assertThat(engine.buffers().buffers(NS, "s1")).singleElement().satisfies(b -> {
            assertThat(b.sealed()).isTrue();
            assertThat(b.attempts()).isEqualTo(1);
        });

        s3.createBucket("bucket");
        clock.advance(Duration.ofSeconds(1));

        assertThat(s3.objects("bucket")).hasSize(1);
        assertThat(failures).last().isEqualTo("recovered");
        assertThat(engine.buffers().deliveries(NS, "s1")).hasSize(2);
    }

    @Test
    void aBufferSealedBeforeACrashIsDeliveredOnceUnderItsKey() throws InterruptedException {
        s3.failAfterWrite = true; // the object is written, then the process "dies" before the buffer is cleared
        put("once");
        clock.advance(Duration.ofSeconds(60));
        String key = s3.objects("bucket").firstKey();
        assertThat(engine.buffers().buffers(NS, "s1")).singleElement().satisfies(b -> assertThat(b.objectKey()).isEqualTo(key));

        s3.failAfterWrite = false;
        restart();
        for (int i = 0; i < 500 && !engine.buffers().buffers(NS, "s1").isEmpty(); i++) {
            Thread.sleep(10);
        }

        assertThat(engine.buffers().buffers(NS, "s1")).isEmpty();
        assertThat(s3.objects("bucket")).containsOnlyKeys(key);
        assertThat(s3.writes.get()).isEqualTo(1);
    }

    @Test
    void aSealedBufferWhoseObjectWasNotWrittenIsWrittenAfterARestart() throws InterruptedException {
        s3.buckets.remove("bucket");
        put("late");
        clock.advance(Duration.ofSeconds(60));
        restart();
        for (int i = 0; i < 100 && failures.size() < 2; i++) {
            Thread.sleep(50); // the attempt recovery makes, on the delivery pool, fails too: the bucket is still missing
        }
        assertThat(failures).hasSize(2);
        s3.createBucket("bucket");
        clock.advance(Duration.ofMinutes(1)); // past the backoff
        Map<String, byte[]> objects = awaitObjects(1);
        assertThat(objects).hasSize(1);
        assertThat(new String(objects.values().iterator().next(), StandardCharsets.UTF_8)).isEqualTo("late");
    }

    @Test
    void quotasRefuseACallOverTheCallRateAndRecordsOverTheRecordRate() {
        engine.close();
        scheduler.close();
        store.close();
        clock = EmulatorClock.manual(clock.instant());
        scheduler = new Scheduler(clock);
        store = StateStore.open(dir.resolve("db"), false);
        engine = DeliveryEngine.open(store.keyspace("firehose"), clock, scheduler, (ns, name) -> target,
                collaborators(DeliveryFailures.NONE), new DeliverySettings(true, 3, 2, 1 << 20));
        List<byte[]> four = List.of(new byte[1], new byte[1], new byte[1], new byte[1]);

        List<RecordBuffers.Outcome> first = engine.buffers().put(NS, "s1", four);
        assertThat(first).extracting(RecordBuffers.Outcome::errorCode)
                .containsExactly(null, null, null, "ServiceUnavailableException");
        engine.buffers().put(NS, "s1", List.of(new byte[1]));
        assertThatThrownBy(() -> engine.buffers().put(NS, "s1", List.of(new byte[1])))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("ServiceUnavailableException");
                    assertThat(e.getMessage()).isEqualTo("Slow down.");
                });
        clock.advance(Duration.ofSeconds(1));
        assertThat(engine.buffers().put(NS, "s1", List.of(new byte[1]))).allMatch(o -> o.recordId() != null);
    }

    @Test
    void aMissingOrKinesisSourcedStreamIsRefused() {
        assertThatThrownBy(() -> engine.buffers().put(NS, "nope", List.of(new byte[1])))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("ResourceNotFoundException"));
        DeliveryTarget t = target;
        target = new DeliveryTarget(t.streamName(), t.streamArn(), t.incarnation(), "KinesisStreamAsSource", t.status(),
                t.versionId(), t.destinationId(), t.s3());
        assertThatThrownBy(() -> engine.buffers().put(NS, "s1", List.of(new byte[1])))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidArgumentException"));
    }

    /** A target whose description is {@code extra} over the plain one (1 MiB... as {@link #target} makes it). */
    private static DeliveryTarget described(int sizeMiB, String json) {
        DeliveryTarget plain = target(sizeMiB, 60, "UNCOMPRESSED", null);
        try {
            ObjectNode d = plain.s3().description().deepCopy();
            d.setAll((ObjectNode) new ObjectMapper().readTree(json));
            return new DeliveryTarget(plain.streamName(), plain.streamArn(), plain.incarnation(), plain.streamType(), plain.status(),
                    plain.versionId(), plain.destinationId(), new DeliveryTarget.S3Delivery(d));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> texts(Map<String, byte[]> objects) {
        Map<String, String> out = new java.util.TreeMap<>();
        objects.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void dynamicPartitionsGetABufferEachAndRecordsWithoutKeysGoToTheErrorPrefix() {
        target = described(64, """
                {"Prefix": "c=!{partitionKeyFromQuery:customer}/", "ErrorOutputPrefix": "err/!{firehose:error-output-type}/",
                 "DynamicPartitioningConfiguration": {"Enabled": true},
                 "ProcessingConfiguration": {"Enabled": true, "Processors": [
                   {"Type": "MetadataExtraction", "Parameters": [
                     {"ParameterName": "MetadataExtractionQuery", "ParameterValue": "{customer:.customer}"},
                     {"ParameterName": "JsonParsingEngine", "ParameterValue": "JQ-1.6"}]}]}}""");
        put("{\"customer\":\"a\"}", "{\"customer\":\"b\"}", "{\"other\":1}", "{\"customer\":\"a\",\"n\":2}");
        assertThat(engine.buffers().buffers(NS, "s1")).extracting(RecordBuffers.BufferView::holds, RecordBuffers.BufferView::partitionKeys)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("data", Map.of("customer", "a")),
                        org.assertj.core.groups.Tuple.tuple("data", Map.of("customer", "b")),
                        org.assertj.core.groups.Tuple.tuple("partitioning-failed", Map.of()));
        clock.advance(Duration.ofSeconds(60));

        Map<String, String> objects = texts(s3.objects("bucket"));
        assertThat(objects).hasSize(3);
        assertThat(objects.keySet()).anyMatch(k -> k.startsWith("c=a/s1-1-2024-01-01-00-00-00-"))
                .anyMatch(k -> k.startsWith("c=b/s1-1-")).anyMatch(k -> k.startsWith("err/partitioning-failed/s1-1-"));
        assertThat(objects.entrySet()).filteredOn(e -> e.getKey().startsWith("c=a/")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).isEqualTo("{\"customer\":\"a\"}{\"customer\":\"a\",\"n\":2}"));
        assertThat(objects.entrySet()).filteredOn(e -> e.getKey().startsWith("err/")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).contains("\"errorCode\":\"DynamicPartitioning.MetadataExtractionFailed\""));
    }

    @Test
    void aBackupGetsEverySourceRecordUnderItsOwnPrefix() {
        s3.createBucket("copy");
        target = described(1, """
                {"S3BackupMode": "Enabled", "S3BackupDescription": {"BucketARN": "arn:aws:s3:::copy", "Prefix": "raw/",
                  "CompressionFormat": "GZIP", "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60}}}""");
        put("a", "b");
        clock.advance(Duration.ofSeconds(60));
        assertThat(texts(s3.objects("bucket")).values()).containsExactly("ab");
        Map.Entry<String, byte[]> copy = s3.objects("copy").firstEntry();
        assertThat(copy.getKey()).matches("raw/2024/01/01/00/s1-1-2024-01-01-00-00-00-[0-9a-f-]{36}\\.gz");
    }

    @Test
    void aConvertedBufferIsOneParquetObjectAndItsMalformedRecordsAnErrorObject() throws IOException {
        target = described(64, """
                {"ErrorOutputPrefix": "err/", "DataFormatConversionConfiguration": {"Enabled": true,
                  "SchemaConfiguration": {"DatabaseName": "db", "TableName": "t", "RoleARN": "arn:aws:iam::000000000000:role/x"},
                  "InputFormatConfiguration": {"Deserializer": {"OpenXJsonSerDe": {}}},
                  "OutputFormatConfiguration": {"Serializer": {"ParquetSerDe": {}}}}}""");
        put("{\"customer\":\"a\",\"n\":1}", "not json", "{\"customer\":\"b\",\"n\":2}");
        clock.advance(Duration.ofSeconds(60));

        Map<String, byte[]> objects = s3.objects("bucket");
        assertThat(objects).hasSize(2);
        assertThat(objects.keySet()).anyMatch(k -> k.matches("2024/01/01/00/s1-1-2024-01-01-00-00-00-[0-9a-f-]{36}\\.parquet"))
                .anyMatch(k -> k.startsWith("err/format-conversion-failed/2024/01/01/00/s1-1-"));
        byte[] parquet = objects.entrySet().stream().filter(e -> e.getKey().endsWith(".parquet")).findFirst().orElseThrow().getValue();
        assertThat(new String(parquet, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        assertThat(texts(objects).entrySet()).filteredOn(e -> e.getKey().startsWith("err/")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).contains("DataFormatConversion.MalformedData"));

        catalog = (ns, catalogId, database, table, version) -> {
            throw io.tarn.firehose.FirehoseErrors.RESOURCE_NOT_FOUND.exception("Table t not found.");
        };
        put("{\"customer\":\"c\",\"n\":3}");
        clock.advance(Duration.ofSeconds(60));
        assertThat(s3.objects("bucket")).hasSize(2); // kept, and retried: the table is missing
        assertThat(failures).last().asString().startsWith("DataFormatConversion.InvalidSchema");
    }
}
