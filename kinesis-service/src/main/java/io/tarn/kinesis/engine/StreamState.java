package io.tarn.kinesis.engine;

import io.tarn.core.spi.Namespace;
import io.tarn.kinesis.model.StreamMeta;
import java.util.HashMap;
import java.util.Map;

/**
 * A stream held in memory: its current metadata and routing table (read without locking on the
 * hot path), and per shard the last sequence number handed out. Every change to the stream and
 * every append synchronises on this object, so sequence numbers are assigned and written in order.
 */
final class StreamState {

    /** The next sequence number's parts for one shard: (millis, counter) only ever grow. */
    static final class Cursor {
        long lastMillis;
        long nextCounter;

        Cursor(long lastMillis, long nextCounter) {
            this.lastMillis = lastMillis;
            this.nextCounter = nextCounter;
        }
    }

    final Namespace namespace;
    final String name;
    private volatile StreamMeta meta;
    private volatile ShardRouter router;
    /** Guarded by this. */
    final Map<Long, Cursor> cursors = new HashMap<>();

    StreamState(Namespace namespace, StreamMeta meta) {
        this.namespace = namespace;
        this.name = meta.name();
        set(meta);
    }

    StreamMeta meta() {
        return meta;
    }

    ShardRouter router() {
        return router;
    }

    /** Installs a new version (after it was written to the store). */
    void set(StreamMeta newMeta) {
        router = new ShardRouter(newMeta.openShards());
        meta = newMeta;
    }
}
