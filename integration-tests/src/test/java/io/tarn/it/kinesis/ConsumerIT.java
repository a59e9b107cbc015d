package io.tarn.it.kinesis;

import static io.tarn.it.kinesis.KinesisSupport.advanceClock;
import static io.tarn.it.kinesis.KinesisSupport.assertKinesisError;
import static io.tarn.it.kinesis.KinesisSupport.await;
import static io.tarn.it.kinesis.KinesisSupport.bytes;
import static io.tarn.it.kinesis.KinesisSupport.createStream;
import static io.tarn.it.kinesis.KinesisSupport.shardId;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ListStreamConsumersResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardRequest;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;
import software.amazon.awssdk.services.kinesis.model.Tag;

/**
 * Enhanced fan-out through the SDK v2 clients, in CBOR and in JSON: consumers registered,
 * described, listed, tagged and deregistered, and SubscribeToShard's event stream over HTTP/2
 * (the async client with Netty, h2c prior knowledge) pushing records as they are put. See
 * https://docs.aws.amazon.com/kinesis/latest/APIReference/API_SubscribeToShard.html.
 */
@ExtendWith(TarnServerExtension.class)
@ServerArgs({"--kinesis-throttling", "off"})
class ConsumerIT extends KinesisClientsBase {

    @BothProtocols
    void consumersAreRegisteredDescribedListedAndDeregistered(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("consumers");
        String streamArn = createStream(kinesis, name, 1);

        List<Consumer> registered = new ArrayList<>();
        for (String c : List.of("app-a", "app-b", "app-c")) {
            registered.add(kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName(c)).consumer());
        }
        Consumer a = registered.get(0);
        assertThat(a.consumerName()).isEqualTo("app-a");
        assertThat(a.consumerARN()).matches(java.util.regex.Pattern.quote(streamArn + "/consumer/app-a:") + "[0-9]+");
        assertThat(a.consumerStatus()).isIn(ConsumerStatus.CREATING, ConsumerStatus.ACTIVE);
        assertThat(a.consumerCreationTimestamp()).isNotNull();

        ConsumerDescription byArn = kinesis.describeStreamConsumer(b -> b.consumerARN(a.consumerARN())).consumerDescription();
        assertThat(byArn.consumerName()).isEqualTo("app-a");
        assertThat(byArn.streamARN()).isEqualTo(streamArn);
        assertThat(byArn.consumerStatus()).isEqualTo(ConsumerStatus.ACTIVE);
        ConsumerDescription byName = kinesis.describeStreamConsumer(b -> b.streamARN(streamArn).consumerName("app-b"))
                .consumerDescription();
        assertThat(byName.consumerARN()).isEqualTo(registered.get(1).consumerARN());

        // two at a time, by NextToken
        ListStreamConsumersResponse first = kinesis.listStreamConsumers(b -> b.streamARN(streamArn).maxResults(2));
        assertThat(first.consumers()).extracting(Consumer::consumerName).containsExactly("app-a", "app-b");
        assertThat(first.nextToken()).isNotBlank();
        ListStreamConsumersResponse second = kinesis.listStreamConsumers(b -> b.streamARN(streamArn).nextToken(first.nextToken()));
        assertThat(second.consumers()).extracting(Consumer::consumerName).containsExactly("app-c");
        assertThat(second.nextToken()).isNull();
        assertThat(kinesis.listStreamConsumersPaginator(b -> b.streamARN(streamArn).maxResults(1)).stream()
                .flatMap(page -> page.consumers().stream()).toList())
                .extracting(Consumer::consumerARN).containsExactlyElementsOf(registered.stream().map(Consumer::consumerARN).toList());
        assertThat(kinesis.describeStreamSummary(b -> b.streamARN(streamArn)).streamDescriptionSummary().consumerCount()).isEqualTo(3);

        assertKinesisError(() -> kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("app-a")),
                "ResourceInUseException");

        // a consumer is a taggable resource too
        kinesis.tagResource(b -> b.resourceARN(a.consumerARN()).tags(Map.of("owner", "team-a")));
        assertThat(kinesis.listTagsForResource(b -> b.resourceARN(a.consumerARN())).tags()).extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("owner", "team-a"));

        // API_DeleteStream.html: with registered consumers, DeleteStream needs EnforceConsumerDeletion
        assertKinesisError(() -> kinesis.deleteStream(b -> b.streamName(name)), "ResourceInUseException", "DeleteStream can't delete "
                + streamArn + " because there are consumers associated with this data stream. To delete " + name + " anyway, set the "
                + "EnforceConsumerDeletion parameter to true to force the deletion of all the consumers that are associated with it.");

        kinesis.deregisterStreamConsumer(b -> b.consumerARN(a.consumerARN()));
        kinesis.deregisterStreamConsumer(b -> b.streamARN(streamArn).consumerName("app-b"));
        assertKinesisError(() -> kinesis.describeStreamConsumer(b -> b.consumerARN(a.consumerARN())), "ResourceNotFoundException");
        assertKinesisError(() -> kinesis.describeStreamConsumer(b -> b.streamARN(streamArn).consumerName("app-b")),
                "ResourceNotFoundException");
        assertThat(kinesis.listStreamConsumers(b -> b.streamARN(streamArn)).consumers()).extracting(Consumer::consumerName)
                .containsExactly("app-c");

        // the name can be registered again
        Consumer again = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("app-a")).consumer();
        assertThat(again.consumerName()).isEqualTo("app-a");

        kinesis.deleteStream(b -> b.streamName(name).enforceConsumerDeletion(true));
        assertKinesisError(() -> kinesis.describeStreamSummary(b -> b.streamName(name)), "ResourceNotFoundException");
        assertKinesisError(() -> kinesis.describeStreamConsumer(b -> b.consumerARN(again.consumerARN())), "ResourceNotFoundException");
    }

    /** A subscription's events and records as they arrive, and how it ended. */
    private static final class Subscription {
        final List<SubscribeToShardEvent> events = new CopyOnWriteArrayList<>();
        final List<Record> records = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> responded = new CompletableFuture<>();
        final CompletableFuture<Void> done;

        Subscription(KinesisAsyncClient async, SubscribeToShardRequest request) {
            SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
                    .onResponse(r -> responded.complete(null))
                    .onError(responded::completeExceptionally)
                    .subscriber(SubscribeToShardResponseHandler.Visitor.builder().onSubscribeToShardEvent(e -> {
                        events.add(e);
                        records.addAll(e.records());
                    }).build())
                    .build();
            done = async.subscribeToShard(request, handler);
        }

        List<String> data() {
            return records.stream().map(r -> r.data().asUtf8String()).toList();
        }
    }

    @BothProtocols
    void subscribeToShardPushesRecordsAsTheyArePut(Wire wire) throws Exception {
        KinesisClient kinesis = clients.sync(wire);
        KinesisAsyncClient async = clients.async(wire);
        String name = wire.name("subscribe");
        String streamArn = createStream(kinesis, name, 1);
        String consumerArn = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("fan-out")).consumer().consumerARN();
        await("the consumer to be ACTIVE", () -> kinesis.describeStreamConsumer(b -> b.consumerARN(consumerArn)).consumerDescription()
                .consumerStatus() == ConsumerStatus.ACTIVE);
        List<String> seqs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            seqs.add(kinesis.putRecord(b -> b.streamName(name).partitionKey("k" + n).data(bytes("early-" + n))).sequenceNumber());
        }

        SubscribeToShardRequest fromStart = SubscribeToShardRequest.builder().consumerARN(consumerArn).shardId(shardId(0))
                .startingPosition(p -> p.type(ShardIteratorType.TRIM_HORIZON)).build();
        Subscription sub = new Subscription(async, fromStart);
        sub.responded.get(10, TimeUnit.SECONDS);
        await("the records put before subscribing", () -> sub.records.size() >= 3);

        for (int i = 0; i < 5; i++) {
            int n = i;
            seqs.add(kinesis.putRecord(b -> b.streamName(name).partitionKey("k" + n).data(bytes("live-" + n))).sequenceNumber());
        }
        await("the records put while subscribed", () -> sub.records.size() >= 8);
        assertThat(sub.data()).containsExactly("early-0", "early-1", "early-2", "live-0", "live-1", "live-2", "live-3", "live-4");
        assertThat(sub.records).extracting(Record::sequenceNumber).containsExactlyElementsOf(seqs);
        assertThat(sub.records).extracting(Record::partitionKey).startsWith("k0", "k1", "k2", "k0");
        assertThat(sub.records).allSatisfy(r -> assertThat(r.approximateArrivalTimestamp()).isNotNull());
        SubscribeToShardEvent last = sub.events.stream().filter(e -> !e.records().isEmpty()).reduce((x, y) -> y).orElseThrow();
        assertThat(new BigInteger(last.continuationSequenceNumber())).isGreaterThanOrEqualTo(new BigInteger(seqs.get(seqs.size() - 1)));
        assertThat(last.millisBehindLatest()).isNotNull().isGreaterThanOrEqualTo(0L);
        assertThat(sub.done).isNotDone();

        // API_SubscribeToShard.html: one subscription per consumer and shard at a time
        Subscription second = new Subscription(async, fromStart);
        assertKinesisError(() -> second.done.get(10, TimeUnit.SECONDS), "ResourceInUseException");

        // another consumer reads the same shard at the same time, from where it likes
        String otherArn = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("fan-out-2")).consumer().consumerARN();
        Subscription other = new Subscription(async, SubscribeToShardRequest.builder().consumerARN(otherArn).shardId(shardId(0))
                .startingPosition(p -> p.type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(seqs.get(6))).build());
        await("the second consumer's record", () -> other.records.size() >= 1);
        assertThat(other.data()).containsExactly("live-4");

        // a subscription lasts 5 minutes: then the stream ends and the client's future completes
        advanceClock(clients.endpoint(), "PT5M5S");
        sub.done.get(15, TimeUnit.SECONDS);
        other.done.get(15, TimeUnit.SECONDS);
        // and the consumer can subscribe again, from where it left off
        Subscription resumed = new Subscription(async, SubscribeToShardRequest.builder().consumerARN(consumerArn).shardId(shardId(0))
                .startingPosition(p -> p.type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(last.continuationSequenceNumber()))
                .build());
        resumed.responded.get(10, TimeUnit.SECONDS);
        kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(bytes("after resuming")));
        await("the record put after resuming", () -> resumed.records.size() >= 1);
        assertThat(resumed.data()).containsExactly("after resuming");
        advanceClock(clients.endpoint(), "PT5M5S");
        resumed.done.get(15, TimeUnit.SECONDS);
    }

    @BothProtocols
    void aSubscriptionToASplitShardEndsWithItsChildren(Wire wire) throws Exception {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("subscribe-split");
        String streamArn = createStream(kinesis, name, 1);
        String consumerArn = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("app")).consumer().consumerARN();
        await("the consumer to be ACTIVE", () -> kinesis.describeStreamConsumer(b -> b.consumerARN(consumerArn)).consumerDescription()
                .consumerStatus() == ConsumerStatus.ACTIVE);
        Subscription sub = new Subscription(clients.async(wire), SubscribeToShardRequest.builder().consumerARN(consumerArn)
                .shardId(shardId(0)).startingPosition(p -> p.type(ShardIteratorType.LATEST)).build());
        sub.responded.get(10, TimeUnit.SECONDS);
        kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(bytes("before the split")));
        await("the record put before the split", () -> sub.records.size() >= 1);

        kinesis.splitShard(b -> b.streamName(name).shardToSplit(shardId(0)).newStartingHashKey(BigInteger.ONE.shiftLeft(127).toString()));
        // API_SubscribeToShardEvent.html: the last event of a closed shard names its children (and has no continuation)
        sub.done.get(15, TimeUnit.SECONDS);
        SubscribeToShardEvent last = sub.events.get(sub.events.size() - 1);
        assertThat(last.childShards()).extracting(c -> c.shardId()).containsExactlyInAnyOrder(shardId(1), shardId(2));
        assertThat(last.childShards()).allSatisfy(c -> assertThat(c.parentShards()).containsExactly(shardId(0)));
        assertThat(last.continuationSequenceNumber()).isNull();
        assertThat(sub.data()).containsExactly("before the split");
    }

    @BothProtocols
    void subscribeToShardChecksItsArguments(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        KinesisAsyncClient async = clients.async(wire);
        String name = wire.name("subscribe-errors");
        String streamArn = createStream(kinesis, name, 1);
        String consumerArn = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("app")).consumer().consumerARN();

        Subscription unknownShard = new Subscription(async, SubscribeToShardRequest.builder().consumerARN(consumerArn)
                .shardId(shardId(5)).startingPosition(p -> p.type(ShardIteratorType.LATEST)).build());
        assertKinesisError(() -> unknownShard.done.get(10, TimeUnit.SECONDS), "ResourceNotFoundException");
        Subscription unknownConsumer = new Subscription(async, SubscribeToShardRequest.builder()
                .consumerARN(streamArn + "/consumer/nobody:1700000000").shardId(shardId(0))
                .startingPosition(p -> p.type(ShardIteratorType.LATEST)).build());
        assertKinesisError(() -> unknownConsumer.done.get(10, TimeUnit.SECONDS), "ResourceNotFoundException");
        Subscription noSequence = new Subscription(async, SubscribeToShardRequest.builder().consumerARN(consumerArn)
                .shardId(shardId(0)).startingPosition(p -> p.type(ShardIteratorType.AT_SEQUENCE_NUMBER)).build());
        assertKinesisError(() -> noSequence.done.get(10, TimeUnit.SECONDS), "InvalidArgumentException");
    }
}
