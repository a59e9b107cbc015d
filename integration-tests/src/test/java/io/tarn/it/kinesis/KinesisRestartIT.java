package io.tarn.it.kinesis;

import static io.tarn.it.kinesis.KinesisSupport.bytes;
import static io.tarn.it.kinesis.KinesisSupport.readStreamByKey;
import static io.tarn.it.kinesis.KinesisSupport.shardId;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.TarnProcess;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Kinesis state on disk: streams, shards after a split, consumers, encrypted records and shard
 * iterators survive kill -9 and a clean restart, and sequence numbers keep growing afterwards.
 */
class KinesisRestartIT {

    private static final int KEYS = 10;

    @TempDir
    Path dir;

    private static Map<String, String> putRound(KinesisClient kinesis, String stream, String round) {
        List<PutRecordsRequestEntry> entries = IntStream.range(0, KEYS)
                .mapToObj(k -> PutRecordsRequestEntry.builder().partitionKey("key-" + k).data(bytes(round)).build()).toList();
        List<PutRecordsResultEntry> results = kinesis.putRecords(b -> b.streamName(stream).records(entries)).records();
        Map<String, String> lastSeqOfShard = new HashMap<>();
        for (PutRecordsResultEntry r : results) {
            assertThat(r.errorCode()).isNull();
            lastSeqOfShard.merge(r.shardId(), r.sequenceNumber(), (a, b) -> new BigInteger(a).max(new BigInteger(b)).toString());
        }
        return lastSeqOfShard;
    }

    @Test
    void streamsRecordsAndIteratorsSurviveAKillAndARestart() {
        String name = "durable";
        try (TarnProcess server = TarnProcess.start(dir.resolve("data"), "--kinesis-throttling", "off")) {
            String iterator;
            String streamArn;
            Map<String, String> before;
            try (KinesisClients clients = KinesisClients.open(server.endpoint())) {
                KinesisClient kinesis = clients.sync(Wire.CBOR);
                streamArn = KinesisSupport.createStream(kinesis, name, 2);
                String keyId = clients.kms().createKey(b -> b.description("durable stream")).keyMetadata().keyId();
                kinesis.startStreamEncryption(b -> b.streamName(name).encryptionType(EncryptionType.KMS).keyId(keyId));
                KinesisSupport.awaitActive(kinesis, name);
                putRound(kinesis, name, "r0");
                putRound(kinesis, name, "r1");
                kinesis.splitShard(b -> b.streamName(name).shardToSplit(shardId(1))
                        .newStartingHashKey(BigInteger.ONE.shiftLeft(127).add(BigInteger.ONE.shiftLeft(126)).toString()));
                KinesisSupport.awaitActive(kinesis, name);
                before = putRound(kinesis, name, "r2");
                kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("survivor"));
                // an iterator half way through shard 0
                String start = kinesis.getShardIterator(b -> b.streamName(name).shardId(shardId(0))
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                iterator = kinesis.getRecords(b -> b.shardIterator(start).limit(1)).nextShardIterator();
                clients.assertWire();
            }

            server.kill();
            server.restart();
            try (KinesisClients clients = KinesisClients.open(server.endpoint())) {
                KinesisClient kinesis = clients.sync(Wire.JSON);
                StreamDescriptionSummary s = kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
                assertThat(s.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
                assertThat(s.openShardCount()).isEqualTo(3);
                assertThat(s.encryptionType()).isEqualTo(EncryptionType.KMS);
                assertThat(s.consumerCount()).isEqualTo(1);
                assertThat(kinesis.listStreamConsumers(b -> b.streamARN(streamArn)).consumers()).singleElement()
                        .satisfies(c -> assertThat(c.consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE));

                // the iterator issued before the kill goes on where it was
                String it = iterator;
                GetRecordsResponse rest = kinesis.getRecords(b -> b.shardIterator(it));
                assertThat(rest.records()).isNotEmpty();
                assertThat(rest.records().get(0).data().asUtf8String()).isIn("r0", "r1", "r2");

                // new records get higher sequence numbers than every record of their shard before the kill
                Map<String, String> after = putRound(kinesis, name, "r3");
                after.forEach((shard, seq) -> {
                    if (before.containsKey(shard)) {
                        assertThat(new BigInteger(seq)).isGreaterThan(new BigInteger(before.get(shard)));
                    }
                });
                Map<String, List<String>> byKey = readStreamByKey(kinesis, name);
                for (int k = 0; k < KEYS; k++) {
                    assertThat(byKey.get("key-" + k)).as("key-%d", k).containsExactly("r0", "r1", "r2", "r3");
                }
                clients.assertWire();
            }

            server.restart(); // a clean stop this time
            try (KinesisClients clients = KinesisClients.open(server.endpoint())) {
                KinesisClient kinesis = clients.sync(Wire.CBOR);
                putRound(kinesis, name, "r4");
                Map<String, List<String>> byKey = readStreamByKey(kinesis, name);
                for (int k = 0; k < KEYS; k++) {
                    assertThat(byKey.get("key-" + k)).as("key-%d", k).containsExactly("r0", "r1", "r2", "r3", "r4");
                }
                clients.assertWire();
            }
        }
    }
}
