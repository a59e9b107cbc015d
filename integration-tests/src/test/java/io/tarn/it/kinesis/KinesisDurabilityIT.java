package io.tarn.it.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.TarnProcess;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Kinesis records on disk: every record the server acknowledged survives kill -9 during a stream
 * of puts, in order, with the same sequence number; new records after the restart get larger ones.
 */
class KinesisDurabilityIT {

    private static final int THREADS = 4;

    @TempDir
    Path dir;

    private static KinesisClient client(URI endpoint) {
        return KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    @Test
    void acknowledgedRecordsSurviveKillDashNine() throws Exception {
        try (TarnProcess tarn = TarnProcess.start(dir.resolve("data"), "--kinesis-throttling", "off")) {
            Map<String, String> acked = new ConcurrentHashMap<>(); // data -> sequence number
            try (KinesisClient kinesis = client(tarn.endpoint())) {
                kinesis.createStream(b -> b.streamName("durable").shardCount(2));
                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService pool = Executors.newFixedThreadPool(THREADS);
                List<Future<?>> producers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    producers.add(pool.submit(() -> {
                        for (int i = 0; !stop.get(); i++) {
                            String data = "t" + thread + "-" + i;
                            try {
                                PutRecordResponse r = kinesis.putRecord(b -> b.streamName("durable").partitionKey("key-" + thread)
                                        .data(SdkBytes.fromUtf8String(data)));
                                acked.put(data, r.sequenceNumber());
                            } catch (RuntimeException e) {
                                return null; // the server is gone: not acknowledged
                            }
                        }
                        return null;
                    }));
                }
                long ackDeadline = System.nanoTime() + 60_000_000_000L; // a producer that stops acknowledging fails the test, not hangs it
                while (acked.size() < 400) {
                    assertThat(System.nanoTime()).as("400 acknowledged records within 60 s (got %d)", acked.size()).isLessThan(ackDeadline);
                    Thread.sleep(10);
                }
                tarn.kill();
                stop.set(true);
                for (Future<?> f : producers) {
                    f.get(60, TimeUnit.SECONDS);
                }
                pool.shutdownNow();
            }
            tarn.restart();
            try (KinesisClient kinesis = client(tarn.endpoint())) {
                Map<String, String> found = new ConcurrentHashMap<>();
                Map<String, BigInteger> newestPerShard = new ConcurrentHashMap<>();
                for (Shard shard : kinesis.listShards(b -> b.streamName("durable")).shards()) {
                    String it = kinesis.getShardIterator(b -> b.streamName("durable").shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                    Map<String, Integer> lastIndex = new ConcurrentHashMap<>();
                    for (int pages = 0; ; pages++) {
                        assertThat(pages).as("pages of %s", shard.shardId()).isLessThan(10_000);
                        String current = it;
                        GetRecordsResponse page = kinesis.getRecords(b -> b.shardIterator(current));
                        for (Record r : page.records()) {
                            String data = r.data().asString(StandardCharsets.UTF_8);
                            found.put(data, r.sequenceNumber());
                            String thread = data.substring(0, data.indexOf('-'));
                            int index = Integer.parseInt(data.substring(data.indexOf('-') + 1));
                            Integer previous = lastIndex.put(thread, index);
                            assertThat(previous == null || previous < index).as("order of %s", thread).isTrue();
                            newestPerShard.merge(shard.shardId(), new BigInteger(r.sequenceNumber()), BigInteger::max);
                        }
                        if (page.records().isEmpty()) {
                            break;
                        }
                        it = page.nextShardIterator();
                    }
                }
                for (Map.Entry<String, String> e : acked.entrySet()) {
                    assertThat(found).as("acknowledged record %s", e.getKey()).containsEntry(e.getKey(), e.getValue());
                }
                PutRecordResponse after = kinesis.putRecord(b -> b.streamName("durable").partitionKey("key-0")
                        .data(SdkBytes.fromUtf8String("after restart")));
                assertThat(new BigInteger(after.sequenceNumber())).isGreaterThan(newestPerShard.get(after.shardId()));
            }
        }
    }
}
