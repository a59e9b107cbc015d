package io.tarn.it.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.TarnServerExtension;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The Kinesis Client Library 3.x consumes a resharded stream end to end, its lease table in
 * DynamoDB Local: by GetRecords polling and by enhanced fan-out (SubscribeToShard over HTTP/2).
 * Every record is processed once, and in order per partition key across parent and child shards.
 */
@ExtendWith(TarnServerExtension.class)
class KclIT {

    private static final int KEYS = 6;
    private static final int PER_PHASE = 60;

    private static DynamoDbLocal dynamoDb;

    @BeforeAll
    static void startDynamoDb() {
        dynamoDb = DynamoDbLocal.start();
    }

    @AfterAll
    static void stopDynamoDb() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    @Test
    void pollingConsumerReadsAReshardedStreamInOrder(KinesisClient kinesis, URI endpoint) throws Exception {
        consumeResharded(kinesis, endpoint, "kcl-polling", KclConsumer.Mode.POLLING);
    }

    @Test
    void fanOutConsumerReadsAReshardedStreamInOrder(KinesisClient kinesis, URI endpoint) throws Exception {
        consumeResharded(kinesis, endpoint, "kcl-fanout", KclConsumer.Mode.FAN_OUT);
    }

    private static void consumeResharded(KinesisClient kinesis, URI endpoint, String stream, KclConsumer.Mode mode) throws Exception {
        kinesis.createStream(b -> b.streamName(stream).shardCount(2));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName(stream));
        List<String> sent = new ArrayList<>();
        put(kinesis, stream, 0, sent);
        // split one shard and merge the other two's neighbours: parents, children and a merge child
        Shard first = kinesis.listShards(b -> b.streamName(stream)).shards().get(0);
        BigInteger start = new BigInteger(first.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(first.hashKeyRange().endingHashKey());
        kinesis.splitShard(b -> b.streamName(stream).shardToSplit(first.shardId()).newStartingHashKey(start.add(end).shiftRight(1).toString()));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName(stream));
        put(kinesis, stream, 1, sent);
        kinesis.mergeShards(b -> b.streamName(stream).shardToMerge("shardId-000000000002").adjacentShardToMerge("shardId-000000000003"));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName(stream));
        put(kinesis, stream, 2, sent);

        try (KclConsumer consumer = new KclConsumer(endpoint, dynamoDb.endpoint(), stream, stream + "-app", mode)) {
            consumer.awaitStarted(Duration.ofSeconds(60));
            List<KclConsumer.Received> received = consumer.awaitRecords(sent.size(), Duration.ofSeconds(90));
            consumer.stop(Duration.ofSeconds(20));
            assertThat(received.stream().map(KclConsumer.Received::text)).containsExactlyInAnyOrderElementsOf(sent);
            Map<String, List<Integer>> orderPerKey = new HashMap<>();
            for (KclConsumer.Received r : received) {
                orderPerKey.computeIfAbsent(r.partitionKey(), k -> new ArrayList<>()).add(Integer.parseInt(r.text().split("#")[1]));
            }
            orderPerKey.forEach((key, indexes) -> assertThat(indexes).as("records of %s", key).isSorted());
            assertThat(consumer.endedShards()).as("closed parents were read to their end")
                    .contains("shardId-000000000000", "shardId-000000000002", "shardId-000000000003");
            assertThat(received.stream().map(KclConsumer.Received::shardId).collect(Collectors.toSet()))
                    .contains("shardId-000000000004"); // the merge child
        }
    }

    /** Puts PER_PHASE records over KEYS partition keys; each record's text is "key#global index". */
    private static void put(KinesisClient kinesis, String stream, int phase, List<String> sent) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < PER_PHASE; i++) {
            int index = phase * PER_PHASE + i;
            String text = "key-" + (i % KEYS) + "#" + index;
            sent.add(text);
            entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + (i % KEYS)).data(SdkBytes.fromUtf8String(text)).build());
        }
        assertThat(kinesis.putRecords(b -> b.streamName(stream).records(entries)).failedRecordCount()).isZero();
    }
}
