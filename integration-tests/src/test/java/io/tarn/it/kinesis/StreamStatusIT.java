package io.tarn.it.kinesis;

import static io.tarn.it.kinesis.KinesisSupport.advanceClock;
import static io.tarn.it.kinesis.KinesisSupport.assertKinesisError;
import static io.tarn.it.kinesis.KinesisSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.AdminCalls;
import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Status transitions with a server whose streams stay CREATING, UPDATING and DELETING (and
 * consumers CREATING and DELETING) for one second of emulator time, with AWS's default throttling:
 * what a client sees during a transition, and the SDK's waiters getting through them. See
 * https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html and
 * API_UpdateShardCount.html: only an ACTIVE stream takes a control-plane change; others answer
 * ResourceInUseException. The emulator clock is frozen and moved on by hand, so a transition ends
 * exactly when the test says, never while a slow machine is between two calls.
 */
@ExtendWith(TarnServerExtension.class)
@ServerArgs({"--kinesis-delays", "1s"})
class StreamStatusIT extends KinesisClientsBase {

    @BeforeAll
    static void freezeClock(URI endpoint) throws Exception {
        AdminCalls.changeClock(endpoint, "{\"scale\":0}");
    }

    @AfterAll
    static void runClock(URI endpoint) throws Exception {
        AdminCalls.changeClock(endpoint, "{\"scale\":1}");
    }

    /** Each test starts with a full second of control-plane allowance (the frozen clock refills nothing by itself). */
    @BeforeEach
    void freshSecond() {
        advanceClock(clients.endpoint(), "PT1S");
    }

    /** The waiters poll every 200 ms (DescribeStream allows 10 calls a second), for 10 s at most. */
    private static final Consumer<WaiterOverrideConfiguration.Builder> QUICK_WAITER = o -> o
            .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(200))).waitTimeout(Duration.ofSeconds(10));

    private static StreamStatus status(KinesisClient kinesis, String name) {
        return kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamStatus();
    }

    @BothProtocols
    void aStreamIsCreatingThenActive(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("creating");
        kinesis.createStream(b -> b.streamName(name).shardCount(1));

        assertThat(status(kinesis, name)).isEqualTo(StreamStatus.CREATING);
        assertThat(kinesis.describeStream(b -> b.streamName(name)).streamDescription().streamStatus()).isEqualTo(StreamStatus.CREATING);
        assertThat(kinesis.listStreams().streamSummaries()).filteredOn(s -> s.streamName().equals(name)).singleElement()
                .satisfies(s -> assertThat(s.streamStatus()).isEqualTo(StreamStatus.CREATING));
        assertKinesisError(() -> kinesis.updateShardCount(b -> b.streamName(name).targetShardCount(2)
                .scalingType(ScalingType.UNIFORM_SCALING)), "ResourceInUseException");
        assertKinesisError(() -> kinesis.increaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(48)),
                "ResourceInUseException");
        // writes to a stream that is not there yet
        assertKinesisError(() -> kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(bytes("early"))),
                "ResourceNotFoundException");

        advanceClock(clients.endpoint(), "PT0.999S");
        assertThat(status(kinesis, name)).isEqualTo(StreamStatus.CREATING);
        advanceClock(clients.endpoint(), "PT0.001S"); // the one second of CREATING is over
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName(name), QUICK_WAITER);
        assertThat(status(kinesis, name)).isEqualTo(StreamStatus.ACTIVE);
        kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(bytes("on time")));
    }

    @BothProtocols
    void aReshardedStreamIsUpdatingThenActive(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("updating");
        kinesis.createStream(b -> b.streamName(name).shardCount(1));
        advanceClock(clients.endpoint(), "PT2S"); // CREATING ends on the emulator clock
        assertThat(status(kinesis, name)).isEqualTo(StreamStatus.ACTIVE);

        kinesis.updateShardCount(b -> b.streamName(name).targetShardCount(2).scalingType(ScalingType.UNIFORM_SCALING));
        assertThat(status(kinesis, name)).isEqualTo(StreamStatus.UPDATING);
        assertKinesisError(() -> kinesis.updateShardCount(b -> b.streamName(name).targetShardCount(1)
                .scalingType(ScalingType.UNIFORM_SCALING)), "ResourceInUseException");
        assertKinesisError(() -> kinesis.splitShard(b -> b.streamName(name).shardToSplit("shardId-000000000001")
                .newStartingHashKey("1")), "ResourceInUseException");
        // reads and writes go on while the stream is UPDATING
        kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(bytes("while updating")));
        assertThat(kinesis.listShards(b -> b.streamName(name)).shards()).hasSize(3);

        advanceClock(clients.endpoint(), "PT1S");
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName(name), QUICK_WAITER);
        assertThat(kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().openShardCount()).isEqualTo(2);
        kinesis.updateShardCount(b -> b.streamName(name).targetShardCount(1).scalingType(ScalingType.UNIFORM_SCALING));
        assertThat(status(kinesis, name)).isEqualTo(StreamStatus.UPDATING);
        advanceClock(clients.endpoint(), "PT2S");
        assertThat(status(kinesis, name)).isEqualTo(StreamStatus.ACTIVE);
    }

    @BothProtocols
    void aDeletedStreamIsDeletingThenGone(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("deleting");
        kinesis.createStream(b -> b.streamName(name).shardCount(1));
        advanceClock(clients.endpoint(), "PT1S");
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName(name), QUICK_WAITER);

        kinesis.deleteStream(b -> b.streamName(name));
        assertThat(status(kinesis, name)).isEqualTo(StreamStatus.DELETING);
        assertKinesisError(() -> kinesis.updateShardCount(b -> b.streamName(name).targetShardCount(2)
                .scalingType(ScalingType.UNIFORM_SCALING)), "ResourceInUseException");
        assertKinesisError(() -> kinesis.createStream(b -> b.streamName(name).shardCount(1)), "ResourceInUseException");

        advanceClock(clients.endpoint(), "PT1S");
        kinesis.waiter().waitUntilStreamNotExists(b -> b.streamName(name), QUICK_WAITER);
        assertKinesisError(() -> kinesis.describeStreamSummary(b -> b.streamName(name)), "ResourceNotFoundException");
        // and the name can be used again
        kinesis.createStream(b -> b.streamName(name).shardCount(1));
        assertThat(status(kinesis, name)).isEqualTo(StreamStatus.CREATING);
    }

    @BothProtocols
    void aConsumerIsCreatingThenActiveAndDeletingThenGone(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("consumer-status");
        kinesis.createStream(b -> b.streamName(name).shardCount(1));
        advanceClock(clients.endpoint(), "PT1S");
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName(name), QUICK_WAITER);
        String streamArn = kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamARN();

        String consumerArn = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("app")).consumer().consumerARN();
        assertThat(consumerStatus(kinesis, consumerArn)).isEqualTo(ConsumerStatus.CREATING);
        advanceClock(clients.endpoint(), "PT2S");
        assertThat(consumerStatus(kinesis, consumerArn)).isEqualTo(ConsumerStatus.ACTIVE);

        kinesis.deregisterStreamConsumer(b -> b.consumerARN(consumerArn));
        assertThat(consumerStatus(kinesis, consumerArn)).isEqualTo(ConsumerStatus.DELETING);
        advanceClock(clients.endpoint(), "PT2S");
        assertKinesisError(() -> kinesis.describeStreamConsumer(b -> b.consumerARN(consumerArn)), "ResourceNotFoundException");
    }

    private static ConsumerStatus consumerStatus(KinesisClient kinesis, String arn) {
        return kinesis.describeStreamConsumer(b -> b.consumerARN(arn)).consumerDescription().consumerStatus();
    }
}
