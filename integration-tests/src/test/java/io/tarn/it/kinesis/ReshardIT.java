package io.tarn.it.kinesis;

import static io.tarn.it.kinesis.KinesisSupport.HASH_SPACE;
import static io.tarn.it.kinesis.KinesisSupport.MAX_HASH;
import static io.tarn.it.kinesis.KinesisSupport.assertKinesisError;
import static io.tarn.it.kinesis.KinesisSupport.bytes;
import static io.tarn.it.kinesis.KinesisSupport.createStream;
import static io.tarn.it.kinesis.KinesisSupport.readShard;
import static io.tarn.it.kinesis.KinesisSupport.readStreamByKey;
import static io.tarn.it.kinesis.KinesisSupport.shardId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import io.tarn.it.kinesis.KinesisSupport.ShardRead;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.UpdateShardCountResponse;

/**
 * Resharding through the SDK v2 client, in CBOR and in JSON: SplitShard, MergeShards and
 * UpdateShardCount close their parents with an ending sequence number, the children name their
 * parents, ListShards filters by position, a parent read to its end hands over to its children,
 * and every record written before and after a reshard is read back, each partition key in order,
 * parents first. See https://docs.aws.amazon.com/streams/latest/dev/kinesis-using-sdk-java-after-resharding.html.
 */
@ExtendWith(TarnServerExtension.class)
@ServerArgs({"--kinesis-throttling", "off"})
class ReshardIT extends KinesisClientsBase {

    private static final int KEYS = 20;
    private static final BigInteger HALF = BigInteger.ONE.shiftLeft(127);

    /** One record per key, {@code round} as its data; the results in key order. */
    private static List<PutRecordsResultEntry> putRound(KinesisClient kinesis, String stream, String round) {
        List<PutRecordsRequestEntry> entries = IntStream.range(0, KEYS)
                .mapToObj(k -> PutRecordsRequestEntry.builder().partitionKey("key-" + k).data(bytes(round)).build()).toList();
        List<PutRecordsResultEntry> out = kinesis.putRecords(b -> b.streamName(stream).records(entries)).records();
        assertThat(out).allSatisfy(r -> assertThat(r.errorCode()).isNull());
        return out;
    }

    private static void assertEveryKeyReads(KinesisClient kinesis, String stream, String... rounds) {
        Map<String, List<String>> byKey = readStreamByKey(kinesis, stream);
        assertThat(byKey).hasSize(KEYS);
        for (int k = 0; k < KEYS; k++) {
            assertThat(byKey.get("key-" + k)).as("key-%d, parents before children", k).containsExactly(rounds);
        }
    }

    private static List<String> ids(List<Shard> shards) {
        return shards.stream().map(Shard::shardId).toList();
    }

    private static List<Shard> listShards(KinesisClient kinesis, String stream, ShardFilterType filter) {
        return kinesis.listShards(b -> b.streamName(stream).shardFilter(f -> f.type(filter))).shards();
    }

    /** The open shards' hash key ranges cover 0..2^128-1 without gaps or overlaps. */
    private static void assertOpenShardsCoverTheHashSpace(List<Shard> open) {
        List<Shard> sorted = new ArrayList<>(open);
        sorted.sort((a, b) -> new BigInteger(a.hashKeyRange().startingHashKey()).compareTo(new BigInteger(b.hashKeyRange().startingHashKey())));
        BigInteger next = BigInteger.ZERO;
        for (Shard s : sorted) {
            assertThat(new BigInteger(s.hashKeyRange().startingHashKey())).as("start of %s", s.shardId()).isEqualTo(next);
            next = new BigInteger(s.hashKeyRange().endingHashKey()).add(BigInteger.ONE);
        }
        assertThat(next).isEqualTo(HASH_SPACE);
    }

    @BothProtocols
    void splitShardHandsAParentOverToTwoChildren(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("split");
        createStream(kinesis, name, 1);
        List<PutRecordsResultEntry> before = putRound(kinesis, name, "before-0");
        putRound(kinesis, name, "before-1");
        KinesisSupport.advanceClock(clients.endpoint(), "PT0.01S"); // the split comes after the records before it, on the emulator clock

        kinesis.splitShard(b -> b.streamName(name).shardToSplit(shardId(0)).newStartingHashKey(HALF.toString()));
        KinesisSupport.awaitActive(kinesis, name);

        List<Shard> shards = KinesisSupport.allShards(kinesis, name);
        assertThat(ids(shards)).containsExactly(shardId(0), shardId(1), shardId(2));
        Shard parent = shards.get(0);
        assertThat(parent.sequenceNumberRange().endingSequenceNumber()).as("the parent is closed").isNotNull();
        assertThat(new BigInteger(parent.sequenceNumberRange().endingSequenceNumber()))
                .isGreaterThan(new BigInteger(before.get(KEYS - 1).sequenceNumber()));
        Shard low = shards.get(1);
        Shard high = shards.get(2);
        assertThat(low.parentShardId()).isEqualTo(shardId(0));
        assertThat(high.parentShardId()).isEqualTo(shardId(0));
        assertThat(low.adjacentParentShardId()).isNull();
        assertThat(high.adjacentParentShardId()).isNull();
        assertThat(low.hashKeyRange().startingHashKey()).isEqualTo("0");
        assertThat(low.hashKeyRange().endingHashKey()).isEqualTo(HALF.subtract(BigInteger.ONE).toString());
        assertThat(high.hashKeyRange().startingHashKey()).isEqualTo(HALF.toString());
        assertThat(high.hashKeyRange().endingHashKey()).isEqualTo(MAX_HASH.toString());
        assertThat(low.sequenceNumberRange().endingSequenceNumber()).isNull();
        assertThat(kinesis.describeStream(b -> b.streamName(name)).streamDescription().shards()).hasSize(3);
        assertThat(kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().openShardCount()).isEqualTo(2);

        KinesisSupport.advanceClock(clients.endpoint(), "PT0.01S");
        List<PutRecordsResultEntry> after = putRound(kinesis, name, "after-0");
        assertThat(after).extracting(PutRecordsResultEntry::shardId).containsOnly(shardId(1), shardId(2));
        putRound(kinesis, name, "after-1");

        // ListShards' filters (API_ShardFilter.html)
        assertThat(ids(listShards(kinesis, name, ShardFilterType.AT_LATEST))).containsExactly(shardId(1), shardId(2));
        assertThat(ids(listShards(kinesis, name, ShardFilterType.FROM_TRIM_HORIZON))).containsExactly(shardId(0), shardId(1), shardId(2));
        assertThat(ids(listShards(kinesis, name, ShardFilterType.AT_TRIM_HORIZON))).containsExactly(shardId(0));
        assertThat(ids(kinesis.listShards(b -> b.streamName(name).shardFilter(f -> f.type(ShardFilterType.AFTER_SHARD_ID)
                .shardId(shardId(0)))).shards())).containsExactly(shardId(1), shardId(2));
        // by time: the arrival of a record written before the split, and of one written after it
        java.time.Instant beforeSplit = readShard(kinesis, name, shardId(0), ShardIteratorType.TRIM_HORIZON).records().get(0)
                .approximateArrivalTimestamp();
        java.time.Instant afterSplit = readShard(kinesis, b -> b.streamName(name).shardId(after.get(0).shardId())
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(after.get(0).sequenceNumber()), 1)
                .records().get(0).approximateArrivalTimestamp();
        assertThat(ids(kinesis.listShards(b -> b.streamName(name).shardFilter(f -> f.type(ShardFilterType.AT_TIMESTAMP)
                .timestamp(beforeSplit))).shards())).containsExactly(shardId(0));
        assertThat(ids(kinesis.listShards(b -> b.streamName(name).shardFilter(f -> f.type(ShardFilterType.AT_TIMESTAMP)
                .timestamp(afterSplit))).shards())).containsExactly(shardId(1), shardId(2));
        assertThat(ids(kinesis.listShards(b -> b.streamName(name).shardFilter(f -> f.type(ShardFilterType.FROM_TIMESTAMP)
                .timestamp(beforeSplit))).shards())).containsExactly(shardId(0), shardId(1), shardId(2));
        assertThat(ids(kinesis.listShards(b -> b.streamName(name).shardFilter(f -> f.type(ShardFilterType.FROM_TIMESTAMP)
                .timestamp(afterSplit))).shards())).containsExactly(shardId(1), shardId(2));
        // and its pages
        ListShardsResponse first = kinesis.listShards(b -> b.streamName(name).maxResults(2));
        assertThat(ids(first.shards())).containsExactly(shardId(0), shardId(1));
        assertThat(first.nextToken()).isNotBlank();
        ListShardsResponse second = kinesis.listShards(b -> b.nextToken(first.nextToken()));
        assertThat(ids(second.shards())).containsExactly(shardId(2));
        assertThat(second.nextToken()).isNull();

        // the parent, read to its end: no next iterator, and the children to go on with
        ShardRead parentRead = readShard(kinesis, name, shardId(0), ShardIteratorType.TRIM_HORIZON);
        assertThat(parentRead.records()).hasSize(2 * KEYS);
        assertThat(parentRead.last().nextShardIterator()).isNull();
        assertThat(parentRead.last().childShards()).extracting(ChildShard::shardId).containsExactlyInAnyOrder(shardId(1), shardId(2));
        assertThat(parentRead.last().childShards()).allSatisfy(c -> assertThat(c.parentShards()).containsExactly(shardId(0)));
        assertThat(parentRead.last().childShards()).filteredOn(c -> c.shardId().equals(shardId(2))).singleElement()
                .satisfies(c -> assertThat(c.hashKeyRange().startingHashKey()).isEqualTo(HALF.toString()));
        // API_GetShardIterator.html: on a closed shard, LATEST is a valid iterator at its end
        ShardRead latest = readShard(kinesis, name, shardId(0), ShardIteratorType.LATEST);
        assertThat(latest.records()).isEmpty();
        assertThat(latest.last().nextShardIterator()).isNull();

        assertEveryKeyReads(kinesis, name, "before-0", "before-1", "after-0", "after-1");

        assertKinesisError(() -> kinesis.splitShard(b -> b.streamName(name).shardToSplit(shardId(2))
                .newStartingHashKey(HALF.toString())), "InvalidArgumentException");
        assertKinesisError(() -> kinesis.splitShard(b -> b.streamName(name).shardToSplit(shardId(9))
                .newStartingHashKey(HALF.toString())), "ResourceNotFoundException");
    }

    @BothProtocols
    void closedShardsLeaveWithTheRetentionPeriod(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("closed-expiry");
        createStream(kinesis, name, 1);
        putRound(kinesis, name, "before");
        kinesis.splitShard(b -> b.streamName(name).shardToSplit(shardId(0)).newStartingHashKey(HALF.toString()));
        KinesisSupport.awaitActive(kinesis, name);
        putRound(kinesis, name, "after");

        // a ListShards NextToken lasts 300 seconds (API_ListShards.html: ExpiredNextTokenException)
        String token = kinesis.listShards(b -> b.streamName(name).maxResults(1)).nextToken();
        KinesisSupport.advanceClock(clients.endpoint(), "PT6M");
        assertKinesisError(() -> kinesis.listShards(b -> b.nextToken(token)), "ExpiredNextTokenException");

        // once its records are past the retention period, the closed parent is no longer listed
        KinesisSupport.advanceClock(clients.endpoint(), "PT25H");
        assertThat(ids(KinesisSupport.allShards(kinesis, name))).containsExactly(shardId(1), shardId(2));
        assertThat(ids(kinesis.describeStream(b -> b.streamName(name)).streamDescription().shards())).containsExactly(shardId(1), shardId(2));
        assertThat(ids(listShards(kinesis, name, ShardFilterType.AT_TRIM_HORIZON))).containsExactly(shardId(1), shardId(2));
        assertThat(readStreamByKey(kinesis, name)).isEmpty();
        putRound(kinesis, name, "later");
        assertEveryKeyReads(kinesis, name, "later");
    }

    @BothProtocols
    void mergeShardsJoinsTwoAdjacentParents(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("merge");
        createStream(kinesis, name, 2);
        putRound(kinesis, name, "before");

        kinesis.mergeShards(b -> b.streamName(name).shardToMerge(shardId(0)).adjacentShardToMerge(shardId(1)));
        KinesisSupport.awaitActive(kinesis, name);

        List<Shard> shards = KinesisSupport.allShards(kinesis, name);
        assertThat(ids(shards)).containsExactly(shardId(0), shardId(1), shardId(2));
        assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();
        assertThat(shards.get(1).sequenceNumberRange().endingSequenceNumber()).isNotNull();
        Shard child = shards.get(2);
        assertThat(child.parentShardId()).isEqualTo(shardId(0));
        assertThat(child.adjacentParentShardId()).isEqualTo(shardId(1));
        assertThat(child.hashKeyRange().startingHashKey()).isEqualTo("0");
        assertThat(child.hashKeyRange().endingHashKey()).isEqualTo(MAX_HASH.toString());
        assertThat(ids(listShards(kinesis, name, ShardFilterType.AT_LATEST))).containsExactly(shardId(2));

        putRound(kinesis, name, "after");
        for (int p = 0; p < 2; p++) {
            ShardRead read = readShard(kinesis, name, shardId(p), ShardIteratorType.TRIM_HORIZON);
            assertThat(read.last().nextShardIterator()).isNull();
            assertThat(read.last().childShards()).singleElement().satisfies(c -> {
                assertThat(c.shardId()).isEqualTo(shardId(2));
                assertThat(c.parentShards()).containsExactlyInAnyOrder(shardId(0), shardId(1));
            });
        }
        assertEveryKeyReads(kinesis, name, "before", "after");

        // shards whose hash key ranges do not touch cannot be merged
        String three = wire.name("merge-apart");
        createStream(kinesis, three, 3);
        assertKinesisError(() -> kinesis.mergeShards(b -> b.streamName(three).shardToMerge(shardId(0))
                .adjacentShardToMerge(shardId(2))), "InvalidArgumentException");
    }

    @BothProtocols
    void aClosedShardCannotBeReshardedAndShardIdsAreValidatedFirst(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("closed-reshard");
        createStream(kinesis, name, 2);
        kinesis.mergeShards(b -> b.streamName(name).shardToMerge(shardId(0)).adjacentShardToMerge(shardId(1)));
        KinesisSupport.awaitActive(kinesis, name);

        String closed = "Shard " + shardId(0) + " in stream " + name + " under account 000000000000 has already been merged or split, "
                + "and thus is not eligible for merging or splitting.";
        assertThatThrownBy(() -> kinesis.splitShard(b -> b.streamName(name).shardToSplit(shardId(0)).newStartingHashKey(HALF.toString())))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgumentException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(closed);
                    assertThat(e.statusCode()).isEqualTo(400);
                });
        assertThatThrownBy(() -> kinesis.mergeShards(b -> b.streamName(name).shardToMerge(shardId(2)).adjacentShardToMerge(shardId(0))))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(closed));

        // botocore's ShardId shape ([a-zA-Z0-9_.-]+) is checked before the stream is even looked up
        assertThatThrownBy(() -> kinesis.splitShard(b -> b.streamName("no-such-stream").shardToSplit("shard/0")
                .newStartingHashKey(HALF.toString()))).isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value 'shard/0' at "
                            + "'shardToSplit' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
        assertKinesisError(() -> kinesis.getShardIterator(b -> b.streamName(name).shardId("x".repeat(129))
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)), "ValidationException", 400);
        assertKinesisError(() -> kinesis.mergeShards(b -> b.streamName(name).shardToMerge(shardId(2)).adjacentShardToMerge("shardId-9")),
                "ResourceNotFoundException", 400);
    }

    @BothProtocols
    void updateShardCountScalesUpAndDownUniformly(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("uniform");
        createStream(kinesis, name, 2);
        putRound(kinesis, name, "r0");

        UpdateShardCountResponse up = kinesis.updateShardCount(b -> b.streamName(name).targetShardCount(3)
                .scalingType(ScalingType.UNIFORM_SCALING));
        assertThat(up.streamName()).isEqualTo(name);
        assertThat(up.currentShardCount()).isEqualTo(2);
        assertThat(up.targetShardCount()).isEqualTo(3);
        KinesisSupport.awaitActive(kinesis, name);
        assertThat(kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().openShardCount()).isEqualTo(3);
        List<Shard> open = listShards(kinesis, name, ShardFilterType.AT_LATEST);
        assertThat(open).hasSize(3).allSatisfy(s -> {
            assertThat(s.parentShardId()).isNotNull();
            assertThat(s.sequenceNumberRange().endingSequenceNumber()).isNull();
        });
        assertOpenShardsCoverTheHashSpace(open);
        // every closed shard has an end
        assertThat(KinesisSupport.allShards(kinesis, name)).filteredOn(s -> !open.contains(s))
                .isNotEmpty().allSatisfy(s -> assertThat(s.sequenceNumberRange().endingSequenceNumber()).isNotNull());
        putRound(kinesis, name, "r1");

        UpdateShardCountResponse down = kinesis.updateShardCount(b -> b.streamName(name).targetShardCount(2)
                .scalingType(ScalingType.UNIFORM_SCALING));
        assertThat(down.currentShardCount()).isEqualTo(3);
        assertThat(down.targetShardCount()).isEqualTo(2);
        KinesisSupport.awaitActive(kinesis, name);
        List<Shard> openAfter = listShards(kinesis, name, ShardFilterType.AT_LATEST);
        assertThat(openAfter).hasSize(2);
        assertOpenShardsCoverTheHashSpace(openAfter);
        putRound(kinesis, name, "r2");

        assertEveryKeyReads(kinesis, name, "r0", "r1", "r2");

        // API_UpdateShardCount.html: at most double, at least half the current open shards
        assertKinesisError(() -> kinesis.updateShardCount(b -> b.streamName(name).targetShardCount(5)
                .scalingType(ScalingType.UNIFORM_SCALING)), "LimitExceededException");
        assertThat(kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().openShardCount()).isEqualTo(2);
    }
}
