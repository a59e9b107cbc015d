package io.tarn.it.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.AdminCalls;
import io.tarn.it.TarnProcess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import io.airlift.compress.snappy.SnappyFramedInputStream;
import io.airlift.compress.snappy.SnappyHadoopStreams;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Records put through the SDK v2 Firehose client arrive in Tarn's S3 after the buffering AWS
 * applies: by interval (the emulator clock moved on by hand) and by size, under AWS's key layout,
 * concatenated exactly as sent, and exactly once across a kill -9 and restart.
 */
class FirehoseDeliveryIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    @TempDir
    Path dir;

    private static FirehoseClient firehose(URI endpoint) {
        return FirehoseClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    private static S3Client s3(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    private static void advance(URI endpoint, String duration) throws Exception {
        HttpResponse<String> r = AdminCalls.send(endpoint, "POST", "/_tarn/clock", "{\"advance\":\"" + duration + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static void createStream(FirehoseClient firehose, String name, String bucket, CompressionFormat compression, int sizeMiB) {
        firehose.createDeliveryStream(b -> b.deliveryStreamName(name).extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                .bucketARN("arn:aws:s3:::" + bucket).compressionFormat(compression)
                .bufferingHints(h -> h.sizeInMBs(sizeMiB).intervalInSeconds(60))));
    }

    private static List<String> putBatches(FirehoseClient firehose, String stream, String tag, int batches, int perBatch) {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            List<Record> records = new ArrayList<>();
            for (int j = 0; j < perBatch; j++) {
                String line = "{\"tag\":\"" + tag + "\",\"n\":" + (i * perBatch + j) + "}\n";
                sent.add(line);
                records.add(Record.builder().data(SdkBytes.fromUtf8String(line)).build());
            }
            PutRecordBatchResponse r = firehose.putRecordBatch(b -> b.deliveryStreamName(stream).records(records));
            assertThat(r.failedPutCount()).isZero();
        }
        return sent;
    }

    private static List<S3Object> objects(S3Client s3, String bucket) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().toList();
    }

    private static String text(S3Client s3, String bucket, String key, boolean gzip) {
        byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        if (!gzip) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void recordsArriveByIntervalAndBySizeUnderAwsKeys() throws Exception {
        try (TarnProcess server = TarnProcess.start(dir.resolve("data"), "--firehose-delays", "0ms");
                FirehoseClient firehose = firehose(server.endpoint()); S3Client s3 = s3(server.endpoint())) {
            URI endpoint = server.endpoint();
            AdminCalls.changeClock(endpoint, "{\"scale\":0}");
            s3.createBucket(b -> b.bucket("by-interval"));
            createStream(firehose, "clicks", "by-interval", CompressionFormat.GZIP, 1);
            firehose.putRecord(b -> b.deliveryStreamName("clicks").record(r -> r.data(SdkBytes.fromUtf8String("first|"))));
            List<String> sent = putBatches(firehose, "clicks", "i", 2, 3);

            advance(endpoint, "PT59S");
            assertThat(objects(s3, "by-interval")).isEmpty(); // the interval has not passed
            advance(endpoint, "PT2S");
            List<S3Object> delivered = objects(s3, "by-interval");
            assertThat(delivered).hasSize(1);
            String key = delivered.get(0).key();
            assertThat(key).matches("\\d{4}/\\d{2}/\\d{2}/\\d{2}/clicks-1-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9a-f-]{36}\\.gz");
            assertThat(text(s3, "by-interval", key, true)).isEqualTo("first|" + String.join("", sent));

            // 1 MiB of records seals a buffer without waiting for the interval
            s3.createBucket(b -> b.bucket("by-size"));
            createStream(firehose, "big", "by-size", CompressionFormat.UNCOMPRESSED, 1);
            String kib = "x".repeat(1023) + "\n";
            for (int i = 0; i < 3; i++) {
                List<Record> records = new ArrayList<>();
                for (int j = 0; j < 500; j++) {
                    records.add(Record.builder().data(SdkBytes.fromUtf8String(kib)).build());
                }
                assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName("big").records(records)).failedPutCount()).isZero();
            }
            List<S3Object> bySize = awaitObjects(s3, "by-size", 1);
            assertThat(bySize.get(0).size()).isLessThanOrEqualTo(1L << 20).isPositive();
            assertThat(bySize.get(0).size() % 1024).isZero(); // whole records only
        }
    }

    /** Each compression AWS offers, read back with a reader of its own format, under its extension. */
    @Test
    void eachCompressionReadsBackUnderItsExtension() throws Exception {
        try (TarnProcess server = TarnProcess.start(dir.resolve("data"), "--firehose-delays", "0ms");
                FirehoseClient firehose = firehose(server.endpoint()); S3Client s3 = s3(server.endpoint())) {
            AdminCalls.changeClock(server.endpoint(), "{\"scale\":0}");
            Map<CompressionFormat, String> extensions = Map.of(CompressionFormat.UNCOMPRESSED, "", CompressionFormat.GZIP, ".gz",
                    CompressionFormat.ZIP, ".zip", CompressionFormat.SNAPPY, ".snappy", CompressionFormat.HADOOP_SNAPPY, ".hsnappy");
            for (CompressionFormat format : extensions.keySet()) {
                s3.createBucket(b -> b.bucket(bucket(format)));
                createStream(firehose, bucket(format), bucket(format), format, 1);
            }
            Map<CompressionFormat, List<String>> sent = new java.util.EnumMap<>(CompressionFormat.class);
            for (CompressionFormat format : extensions.keySet()) {
                sent.put(format, putBatches(firehose, bucket(format), format.toString(), 2, 10));
            }
            advance(server.endpoint(), "PT61S");
            for (Map.Entry<CompressionFormat, String> e : extensions.entrySet()) {
                String bucket = bucket(e.getKey());
                List<S3Object> delivered = objects(s3, bucket);
                assertThat(delivered).hasSize(1);
                String key = delivered.get(0).key();
                assertThat(key).matches("\\d{4}/\\d{2}/\\d{2}/\\d{2}/" + bucket + "-1-\\d{4}(-\\d{2}){5}-[0-9a-f-]{36}"
                        + java.util.regex.Pattern.quote(e.getValue()));
                byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
                assertThat(new String(decompress(e.getKey(), bytes), StandardCharsets.UTF_8)).as(e.getKey().toString())
                        .isEqualTo(String.join("", sent.get(e.getKey())));
            }
        }
    }

    private static String bucket(CompressionFormat format) {
        return "compressed-" + format.toString().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static byte[] decompress(CompressionFormat format, byte[] bytes) throws IOException {
        InputStream in = new ByteArrayInputStream(bytes);
        switch (format) {
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

    /** A size flush is delivered off the request thread: wait for it, bounded. */
    private static List<S3Object> awaitObjects(S3Client s3, String bucket, int atLeast) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            List<S3Object> found = objects(s3, bucket);
            if (found.size() >= atLeast) {
                return found;
            }
            Thread.sleep(50);
        }
        return objects(s3, bucket);
    }

    @Test
    void acknowledgedRecordsAreDeliveredExactlyOnceAcrossAKillAndARestart() throws Exception {
        try (TarnProcess server = TarnProcess.start(dir.resolve("data"), "--firehose-delays", "0ms")) {
            List<String> sent;
            try (FirehoseClient firehose = firehose(server.endpoint()); S3Client s3 = s3(server.endpoint())) {
                AdminCalls.changeClock(server.endpoint(), "{\"scale\":0}");
                s3.createBucket(b -> b.bucket("durable"));
                createStream(firehose, "durable", "durable", CompressionFormat.UNCOMPRESSED, 64);
                sent = putBatches(firehose, "durable", "k", 20, 50);
            }
            server.kill();
            server.restart();
            try (FirehoseClient firehose = firehose(server.endpoint()); S3Client s3 = s3(server.endpoint())) {
                AdminCalls.changeClock(server.endpoint(), "{\"scale\":0}");
                advance(server.endpoint(), "PT61S");
                StringBuilder all = new StringBuilder();
                for (S3Object o : objects(s3, "durable")) {
                    all.append(text(s3, "durable", o.key(), false));
                }
                List<String> lines = all.toString().lines().map(l -> l + "\n").toList();
                assertThat(lines).containsExactlyInAnyOrderElementsOf(sent);
            }
        }
    }
}
