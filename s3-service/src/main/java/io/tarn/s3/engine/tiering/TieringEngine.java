package io.tarn.s3.engine.tiering;

import io.tarn.core.store.Batch;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.s3.S3Errors;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.engine.MidnightTimer;
import io.tarn.s3.engine.ObjectEngine;
import io.tarn.s3.engine.notifications.ObjectChangeHook;
import io.tarn.s3.engine.restore.ArchiveTiers;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.S3Keys;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * S3 Intelligent-Tiering: the access tier of each monitored INTELLIGENT_TIERING version (128 KiB
 * or more), moved down by a daily evaluation on the emulator clock and back to Frequent Access by
 * a read of its bytes (GetObject, CopyObject, UploadPartCopy; HEAD, listings and tag operations
 * are not accesses, as "How S3 Intelligent-Tiering works" says); the bucket configurations that
 * opt into the archive tiers; and what the archive tiers mean for reads (InvalidObjectState) and
 * restores (done by engine.restore through {@link ArchiveTiers}).
 *
 * <p>The daily run is a scheduler timer at each midnight UTC, its due instant stored, as the
 * lifecycle evaluation does, so an advance of 40 days runs 40 evaluations in order and a restart
 * re-arms the next one.
 */
public final class TieringEngine implements ArchiveTiers {

    /** Configurations per bucket ("You can have up to 1,000 S3 Intelligent-Tiering configurations per bucket"). */
    public static final int MAX_CONFIGURATIONS = 1000;

    private final Keyspace keyspace;
    private final BucketEngine buckets;
    private final EmulatorClock clock;
    private final AccessRecorder recorder;
    private final TieringEvaluator evaluator;
    /** Where IntelligentTiering events go: the hook after the index (event notifications). */
    private volatile ObjectChangeHook events = ObjectChangeHook.NONE;
    private final MidnightTimer daily;

    public TieringEngine(Keyspace keyspace, BucketEngine buckets, ObjectEngine objects, EmulatorClock clock) {
        this.keyspace = keyspace;
        this.daily = new MidnightTimer(keyspace, S3Keys.tieringNextRun(), this::evaluate);
        this.buckets = buckets;
        this.clock = clock;
        this.recorder = new AccessRecorder(keyspace);
        this.evaluator = new TieringEvaluator(keyspace, recorder, this::configurationsOf, () -> events, objects.sequence());
        objects.beforeRead(this::beforeRead);
    }

    /**
     * The hook to give the object engine: keeps the tier states in each change's batch, then
     * tells {@code next} (event notifications), which also receives the IntelligentTiering events.
     */
    public ObjectChangeHook indexing(ObjectChangeHook next) {
        this.events = next;
        return new TieringIndex(clock, next);
    }

    // ---- configurations

    /** Adds or replaces configuration {@code c.id()}; TooManyConfigurations past 1,000. */
    public synchronized void put(String bucket, TieringConfiguration c) {
        buckets.require(bucket);
        boolean exists = keyspace.get(S3Keys.tieringConfiguration(bucket, c.id())) != null;
        if (!exists && keyspace.scan(S3Keys.tieringConfigurations(bucket), null, MAX_CONFIGURATIONS).size() >= MAX_CONFIGURATIONS) {
            throw S3Errors.TOO_MANY_CONFIGURATIONS.exception(
                    "You are attempting to create a new configuration but have already reached the 1,000-configuration limit.");
        }
        keyspace.put(S3Keys.tieringConfiguration(bucket, c.id()), c);
    }

    public TieringConfiguration get(String bucket, String id) {
        buckets.require(bucket);
        return keyspace.get(S3Keys.tieringConfiguration(bucket, id), TieringConfiguration.class).orElseThrow(TieringEngine::noSuchConfiguration);
    }

    public synchronized void delete(String bucket, String id) {
        get(bucket, id);
        keyspace.delete(S3Keys.tieringConfiguration(bucket, id));
    }

    /** Up to {@code max} configurations in id order, from the first id after {@code afterId} (null: the first). */
    public List<TieringConfiguration> list(String bucket, @Nullable String afterId, int max) {
        buckets.require(bucket);
        var from = afterId == null ? null : S3Keys.tieringConfiguration(bucket, afterId + "\0");
        return keyspace.scan(S3Keys.tieringConfigurations(bucket), from, max).stream()
                .map(e -> e.value(TieringConfiguration.class)).toList();
    }

    private List<TieringConfiguration> configurationsOf(String bucket) {
        return keyspace.values(S3Keys.tieringConfigurations(bucket), TieringConfiguration.class);
    }

    private static io.tarn.core.error.AwsException noSuchConfiguration() {
        return S3Errors.NO_SUCH_CONFIGURATION.exception("The specified configuration does not exist.");
    }

    // ---- tiers

    /** The access tier {@code v} is in (Frequent Access for versions S3 does not monitor). */
    public AccessTier tierOf(ObjectVersion v) {
        TierState s = state(v);
        return s == null ? AccessTier.FREQUENT_ACCESS : s.tier();
    }

    /** The state of a monitored version: an access not yet written, else the stored one. */
    private @Nullable TierState state(ObjectVersion v) {
        if (!TieringIndex.monitored(v)) {
            return null;
        }
        TierState accessed = recorder.pending(v.seq());
        return accessed != null ? accessed : keyspace.get(S3Keys.tier(v.seq()), TierState.class).orElse(null);
    }

    @Override
    public @Nullable String archiveTier(ObjectVersion v) {
        TierState s = state(v);
        return s != null && s.tier().archived() ? s.tier().name() : null;
    }

    @Override
    public void restored(Batch batch, String bucket, String key, long seq, Instant at) {
        batch.put(S3Keys.tier(seq), TierState.frequent(bucket, key, at));
    }

    /** A read of {@code v}'s bytes: refused in an archive tier; otherwise an access, back to Frequent Access. */
    private void beforeRead(ObjectVersion v) {
        TierState s = state(v);
        if (s == null) {
            return;
        }
        if (s.tier().archived()) {
            throw S3Errors.INVALID_OBJECT_STATE.exception("The operation is not valid for the object's access tier")
                    .with("StorageClass", v.storageClass()).with("AccessTier", s.tier().name());
        }
        recorder.accessed(v.seq(), TierState.frequent(s.bucket(), s.key(), clock.instant()));
    }

    // ---- the daily evaluation

    /** Runs one evaluation as of {@code at} (a midnight UTC); returns how many versions moved. */
    public int evaluate(Instant at) {
        return evaluator.evaluate(at);
    }

    /** Arms the daily timer: at the stored due instant, or the next midnight UTC on a first start. */
    public void start(Scheduler scheduler) {
        daily.start(scheduler);
    }

    /** Forgets accesses not yet written: an admin reset cleared the store. */
    public void forget() {
        recorder.forget();
    }

    /** Stops the daily runs and writes the accesses still in memory: the store is about to close. */
    public void stop() {
        daily.stop();
        recorder.close();
    }
}
