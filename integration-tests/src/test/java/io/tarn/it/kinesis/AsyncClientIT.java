package io.tarn.it.kinesis;

import static io.tarn.it.kinesis.KinesisSupport.assertKinesisError;
import static io.tarn.it.kinesis.KinesisSupport.bytes;
import static io.tarn.it.kinesis.KinesisSupport.shardId;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.Tag;

/**
 * The operations through the async client as the KCL builds it (Netty, HTTP/2 with prior knowledge
 * to an http:// endpoint), in CBOR and in JSON: many requests multiplexed on one connection.
 */
@ExtendWith(TarnServerExtension.class)
@ServerArgs({"--kinesis-throttling", "off"})
class AsyncClientIT extends KinesisClientsBase {

    private static void awaitActive(KinesisAsyncClient kinesis, String name) {
        for (int i = 0; i < 100; i++) {
            if (kinesis.describeStreamSummary(b -> b.streamName(name)).join().streamDescriptionSummary().streamStatus()
                    == StreamStatus.ACTIVE) {
                return;
            }
            KinesisSupport.sleep(100);
        }
        throw new AssertionError(name + " never became ACTIVE");
    }

    @BothProtocols
    void theDataPlaneOverHttp2(Wire wire) {
        KinesisAsyncClient kinesis = clients.async(wire);
        String name = wire.name("async");
        kinesis.createStream(b -> b.streamName(name).shardCount(2)).join();
        awaitActive(kinesis, name);

        PutRecordResponse one = kinesis.putRecord(b -> b.streamName(name).partitionKey("k").explicitHashKey("0")
                .data(bytes("first"))).join();
        assertThat(one.shardId()).isEqualTo(shardId(0));
        PutRecordsResponse batch = kinesis.putRecords(b -> b.streamName(name).records(IntStream.range(0, 100)
                .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("k").explicitHashKey("0").data(bytes("b" + i)).build())
                .toList())).join();
        assertThat(batch.failedRecordCount()).isZero();

        // 50 concurrent PutRecord calls, multiplexed as HTTP/2 streams
        List<CompletableFuture<PutRecordResponse>> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            many.add(kinesis.putRecord(b -> b.streamName(name).partitionKey("p" + n).data(bytes("c" + n))));
        }
        CompletableFuture.allOf(many.toArray(CompletableFuture[]::new)).join();
        assertThat(many).allSatisfy(f -> assertThat(f.join().sequenceNumber()).matches("[0-9]{20,128}"));
        assertThat(many.stream().map(f -> f.join().sequenceNumber()).distinct()).hasSize(many.size());

        String it = kinesis.getShardIterator(b -> b.streamName(name).shardId(shardId(0)).shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                .startingSequenceNumber(one.sequenceNumber())).join().shardIterator();
        GetRecordsResponse page = kinesis.getRecords(b -> b.shardIterator(it).limit(101)).join();
        assertThat(page.records()).extracting(r -> r.data().asUtf8String()).startsWith("first", "b0", "b1").contains("b99");

        int total = 0;
        for (String shard : List.of(shardId(0), shardId(1))) {
            String start = kinesis.getShardIterator(b -> b.streamName(name).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .join().shardIterator();
            List<Record> records = kinesis.getRecords(b -> b.shardIterator(start)).join().records();
            total += records.size();
        }
        assertThat(total).isEqualTo(151);
    }

    @BothProtocols
    void theControlPlaneOverHttp2(Wire wire) {
        KinesisAsyncClient kinesis = clients.async(wire);
        String name = wire.name("async-control");
        kinesis.createStream(b -> b.streamName(name).shardCount(1)).join();
        awaitActive(kinesis, name);
        String arn = kinesis.describeStream(b -> b.streamName(name)).join().streamDescription().streamARN();
        assertThat(kinesis.listStreams(b -> b.limit(100)).join().streamNames()).contains(name);
        assertThat(kinesis.listShards(b -> b.streamARN(arn)).join().shards()).hasSize(1);
        kinesis.addTagsToStream(b -> b.streamName(name).tags(Map.of("via", "h2"))).join();
        assertThat(kinesis.listTagsForStream(b -> b.streamName(name)).join().tags()).extracting(Tag::key).containsExactly("via");
        kinesis.updateShardCount(b -> b.streamName(name).targetShardCount(2).scalingType(ScalingType.UNIFORM_SCALING)).join();
        awaitActive(kinesis, name);
        assertThat(kinesis.describeStreamSummary(b -> b.streamName(name)).join().streamDescriptionSummary().openShardCount()).isEqualTo(2);
        assertThat(kinesis.describeLimits().join().openShardCount()).isPositive();
        assertKinesisError(() -> kinesis.createStream(b -> b.streamName(name).shardCount(1)).join(), "ResourceInUseException");
        kinesis.deleteStream(b -> b.streamName(name)).join();
        assertKinesisError(() -> kinesis.describeStream(b -> b.streamName(name)).join(), "ResourceNotFoundException");
    }
}
