package io.tarn.kinesis.engine;

import io.tarn.core.time.EmulatorClock;
import io.tarn.kinesis.model.KinesisKeys;
import io.tarn.kinesis.model.SequenceNumber;
import io.tarn.kinesis.model.ShardMeta;
import io.tarn.kinesis.model.StreamMeta;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what the retention period let go of: records older than the trim horizon (one range
 * delete per shard) and closed shards whose records have all expired, which then leave the
 * shard list as they do on AWS. Reads never see expired records even between sweeps.
 */
final class RetentionSweeper {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

    private final Streams streams;
    private final EmulatorClock clock;

    RetentionSweeper(Streams streams, EmulatorClock clock) {
        this.streams = streams;
        this.clock = clock;
    }

    /**
     * Sweeps every stream; one stream that fails (unreadable metadata, a store error) is logged
     * by name and skipped, so it cannot keep the others' expired records forever.
     */
    void sweep() {
        streams.forEachName((ns, name) -> {
            try {
                StreamState state = streams.find(ns, name);
                if (state != null) {
                    sweep(state);
                }
            } catch (RuntimeException e) {
                log.warn("retention sweep of stream {} (account {}, region {}) failed", name, ns.account(), ns.region(), e);
            }
        });
    }

    void sweep(StreamState state) {
        synchronized (state) {
            long now = clock.millis();
            StreamMeta meta = state.meta();
            long trim = meta.trimMillis(now);
            List<ShardMeta> expired = new ArrayList<>();
            streams.keyspace().write(b -> {
                for (ShardMeta s : meta.shards()) {
                    if (!s.isOpen() && s.closedMillis() <= trim) {
                        expired.add(s);
                        b.deletePrefix(KinesisKeys.shardRecords(meta.incarnation(), s.index()));
                    } else if (trim > s.createdMillis()) {
                        b.deleteRange(KinesisKeys.shardRecords(meta.incarnation(), s.index()),
                                KinesisKeys.record(meta.incarnation(), SequenceNumber.first(trim, s.index())));
                    }
                }
            });
            if (!expired.isEmpty()) {
                StreamMeta.Editor e = meta.edit();
                e.shards.removeAll(expired);
                streams.save(state, e.done());
                expired.forEach(s -> state.cursors.remove(s.index()));
            }
        }
    }
}
