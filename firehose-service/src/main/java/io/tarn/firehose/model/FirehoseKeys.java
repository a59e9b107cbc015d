package io.tarn.firehose.model;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Key;

/**
 * Every store key of the firehose keyspace, per account and region, built with {@code Key} tuples
 * {@code (account, region, "<tag>", ...)}; each family of keys is a block below naming its tag.
 */
public final class FirehoseKeys {

    private FirehoseKeys() {}

    // ---- "ds": delivery streams, (account, region, "ds", name) -> DeliveryStreamMeta (tags inside)

    /** Tag {@code "ds"}: every delivery stream of {@code ns}, in name order. */
    public static Key streams(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "ds");
    }

    /** Tag {@code "ds"}: one delivery stream. */
    public static Key stream(Namespace ns, String name) {
        return Key.of(ns.account(), ns.region(), "ds", name);
    }

    // ---- "buf": buffered records (delivery). A buffer's record {@code BufferMeta} and its chunks of
    // records, one chunk per put, under the stream's incarnation so a re-created stream sees none.

    /** Tag "buf": every buffer of every stream of a namespace (the start-up recovery scan). */
    public static Key buffers(Namespace ns) {
        return Key.of(ns.account(), ns.region(), "buf");
    }

    /** Tag "buf": the records of the buffers of one stream incarnation ({@code BufferMeta}). */
    public static Key bufferMetas(Namespace ns, String stream, String incarnation) {
        return Key.of(ns.account(), ns.region(), "buf", stream, incarnation, "m");
    }

    /** Tag "buf": one buffer's {@code BufferMeta}. */
    public static Key bufferMeta(Namespace ns, String stream, String incarnation, String bufferId) {
        return Key.of(ns.account(), ns.region(), "buf", stream, incarnation, "m", bufferId);
    }

    /** Tag "buf": every chunk of one buffer, in put order. */
    public static Key bufferChunks(Namespace ns, String stream, String incarnation, String bufferId) {
        return Key.of(ns.account(), ns.region(), "buf", stream, incarnation, "r", bufferId);
    }

    /** Tag "buf": one chunk ({@code BufferedChunk}): the records of one put that went to this buffer. */
    public static Key bufferChunk(Namespace ns, String stream, String incarnation, String bufferId, long chunk) {
        return Key.of(ns.account(), ns.region(), "buf", stream, incarnation, "r", bufferId, chunk);
    }

    // ---- "dlv": recent deliveries (delivery), newest first, a few per stream.

    /** Tag "dlv": the recent deliveries of a stream. */
    public static Key deliveries(Namespace ns, String stream) {
        return Key.of(ns.account(), ns.region(), "dlv", stream);
    }

    /** Tag "dlv": one delivery ({@code DeliveryRecord}); inverted time so the newest comes first. */
    public static Key delivery(Namespace ns, String stream, long millis, String bufferId) {
        return Key.of(ns.account(), ns.region(), "dlv", stream, Long.MAX_VALUE - millis, bufferId);
    }

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
