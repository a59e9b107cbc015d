package io.tarn.firehose.model;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Key;

/**
 * Every store key of the firehose keyspace, per account and region, built with {@code Key} tuples
 * {@code (account, region, "<tag>", ...)}; each family of keys is a block below naming its tag.
 */
public final class FirehoseKeys {

    private FirehoseKeys() {}

    // ---- tag "src": Kinesis source checkpoints (engine/source) ----

    /** {@code (account, region, "src", incarnation)}: every source key of one delivery stream, deleted with it. */
    public static Key sourceCheckpoints(Namespace ns, String incarnation) {
        return Key.of(ns.account(), ns.region(), "src", incarnation);
    }

    /** {@code (account, region, "src", incarnation, "start")}: where the stream started reading its source ({@link SourceStart}). */
    public static Key sourceStart(Namespace ns, String incarnation) {
        return sourceCheckpoints(ns, incarnation).with("start");
    }

    /** {@code (account, region, "src", incarnation, "shard")}: the shard checkpoints of one delivery stream. */
    public static Key sourceShards(Namespace ns, String incarnation) {
        return sourceCheckpoints(ns, incarnation).with("shard");
    }

    /** {@code (account, region, "src", incarnation, "shard", shardId)}: how far a source shard was read ({@link SourceCheckpoint}). */
    public static Key sourceShard(Namespace ns, String incarnation, String shardId) {
        return sourceShards(ns, incarnation).with(shardId);
    }
}
