package io.tarn.kinesis.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A stream as persisted: identity (a fresh {@code incarnation} per creation, so a re-created
 * stream with the same name sees none of the old records), status with the time its pending
 * transition completes, capacity mode, retention, every shard still within retention, encryption
 * (the data keys its records were written under), monitoring, tags, policy and limits.
 */
public record StreamMeta(
        int schema,
        String name,
        String arn,
        long incarnation,
        StreamStatus status,
        long statusDueMillis,
        String mode,
        long createdMillis,
        int retentionHours,
        List<ShardMeta> shards,
        long nextShardIndex,
        String encryptionType,
        @Nullable String keyId,
        List<WrappedDataKey> dataKeys,
        List<String> enhancedMetrics,
        Map<String, String> tags,
        @Nullable String policy,
        int maxRecordSizeKiB,
        @Nullable Integer warmThroughputMiBps,
        List<Long> scalingMillis) {

    public static final int SCHEMA = 1;
    public static final String PROVISIONED = "PROVISIONED";
    public static final String ON_DEMAND = "ON_DEMAND";

    /** The account that owns the stream, from its ARN (AWS names it in error messages). */
    public String account() {
        return accountOf(arn);
    }

    private static String accountOf(String streamArn) {
        return streamArn.split(":", 6)[4];
    }

    /** A stream data key, wrapped by the KMS key the stream was encrypted with when it was made. */
    public record WrappedDataKey(int id, String keyArn, byte[] ciphertext) {}

    public StreamMeta {
        shards = List.copyOf(shards);
        dataKeys = List.copyOf(dataKeys);
        enhancedMetrics = List.copyOf(enhancedMetrics);
        tags = new TreeMap<>(tags);
        scalingMillis = List.copyOf(scalingMillis);
    }

    /** The status as of {@code now}: CREATING and UPDATING end in ACTIVE when their time comes. */
    public StreamStatus statusAt(long now) {
        if ((status == StreamStatus.CREATING || status == StreamStatus.UPDATING) && now >= statusDueMillis) {
            return StreamStatus.ACTIVE;
        }
        return status;
    }

    /** A DELETING stream whose deletion time came no longer exists. */
    public boolean goneAt(long now) {
        return status == StreamStatus.DELETING && now >= statusDueMillis;
    }

    /** The trim horizon at {@code now}: records that arrived before it are past retention. */
    public long trimMillis(long now) {
        return now - retentionHours * 3_600_000L;
    }

    public boolean onDemand() {
        return ON_DEMAND.equals(mode);
    }

    public List<ShardMeta> openShards() {
        List<ShardMeta> open = new ArrayList<>();
        for (ShardMeta s : shards) {
            if (s.isOpen()) {
                open.add(s);
            }
        }
        return open;
    }

    public @Nullable ShardMeta shard(long index) {
        for (ShardMeta s : shards) {
            if (s.index() == index) {
                return s;
            }
        }
        return null;
    }

    public @Nullable WrappedDataKey dataKey(int id) {
        for (WrappedDataKey k : dataKeys) {
            if (k.id() == id) {
                return k;
            }
        }
        return null;
    }

    public Editor edit() {
        return new Editor(this);
    }

    /** A mutable copy for building the next version of a stream. */
    public static final class Editor {
        public String name;
        public String arn;
        public long incarnation;
        public StreamStatus status;
        public long statusDueMillis;
        public String mode;
        public long createdMillis;
        public int retentionHours;
        public List<ShardMeta> shards;
        public long nextShardIndex;
        public String encryptionType;
        public @Nullable String keyId;
        public List<WrappedDataKey> dataKeys;
        public List<String> enhancedMetrics;
        public Map<String, String> tags;
        public @Nullable String policy;
        public int maxRecordSizeKiB;
        public @Nullable Integer warmThroughputMiBps;
        public List<Long> scalingMillis;

        /** The account that owns the stream, from its ARN (AWS names it in error messages). */
        public String account() {
            return accountOf(arn);
        }

        private Editor(StreamMeta m) {
            name = m.name;
            arn = m.arn;
            incarnation = m.incarnation;
            status = m.status;
            statusDueMillis = m.statusDueMillis;
            mode = m.mode;
            createdMillis = m.createdMillis;
            retentionHours = m.retentionHours;
            shards = new ArrayList<>(m.shards);
            nextShardIndex = m.nextShardIndex;
            encryptionType = m.encryptionType;
            keyId = m.keyId;
            dataKeys = new ArrayList<>(m.dataKeys);
            enhancedMetrics = new ArrayList<>(m.enhancedMetrics);
            tags = new TreeMap<>(m.tags);
            policy = m.policy;
            maxRecordSizeKiB = m.maxRecordSizeKiB;
            warmThroughputMiBps = m.warmThroughputMiBps;
            scalingMillis = new ArrayList<>(m.scalingMillis);
        }

        public Editor(String name, String arn, long incarnation, String mode, long now) {
            this.name = name;
            this.arn = arn;
            this.incarnation = incarnation;
            this.status = StreamStatus.CREATING;
            this.statusDueMillis = now;
            this.mode = mode;
            this.createdMillis = now;
            this.retentionHours = 24;
            this.shards = new ArrayList<>();
            this.encryptionType = "NONE";
            this.dataKeys = new ArrayList<>();
            this.enhancedMetrics = new ArrayList<>();
            this.tags = new TreeMap<>();
            this.maxRecordSizeKiB = 1024;
            this.scalingMillis = new ArrayList<>();
        }

        /** Starts a transition that completes {@code delayMillis} from {@code now}. */
        public Editor transition(StreamStatus to, long now, long delayMillis) {
            status = to;
            statusDueMillis = now + delayMillis;
            return this;
        }

        public ShardMeta addShard(long parent, long adjacentParent, java.math.BigInteger start, java.math.BigInteger end, long now) {
            ShardMeta shard = ShardMeta.open(nextShardIndex++, parent, adjacentParent, start, end, now);
            shards.add(shard);
            return shard;
        }

        public void replaceShard(ShardMeta shard) {
            for (int i = 0; i < shards.size(); i++) {
                if (shards.get(i).index() == shard.index()) {
                    shards.set(i, shard);
                    return;
                }
            }
            throw new IllegalArgumentException("no shard " + shard.index());
        }

        public StreamMeta done() {
            return new StreamMeta(SCHEMA, name, arn, incarnation, status, statusDueMillis, mode, createdMillis, retentionHours,
                    shards, nextShardIndex, encryptionType, keyId, dataKeys, enhancedMetrics, tags, policy, maxRecordSizeKiB,
                    warmThroughputMiBps, scalingMillis);
        }
    }
}
