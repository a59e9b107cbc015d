package io.tarn.s3.engine.lifecycle;

import io.tarn.core.store.Keyspace;
import io.tarn.core.time.Scheduler;
import io.tarn.s3.S3Errors;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.engine.MultipartEngine;
import io.tarn.s3.engine.MidnightTimer;
import io.tarn.s3.engine.ObjectEngine;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.Rule;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.S3Keys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bucket lifecycle configurations and the daily evaluation that applies them. S3 evaluates
 * lifecycle rules once a day; here a timer at each midnight UTC of the emulator clock runs one
 * evaluation as of that midnight, then re-arms itself for the next. The due instant is stored,
 * so a restart re-arms it, and an advance of the clock by 30 days runs the 30 missed evaluations
 * in order before it returns (the scheduler runs every timer due by then, including the ones
 * each run arms).
 */
public final class LifecycleEngine {

    private static final Logger log = LoggerFactory.getLogger(LifecycleEngine.class);

    /** A date and the rule it comes from: {@code x-amz-expiration} and {@code x-amz-abort-date} name both. */
    public record Due(Instant date, String ruleId) {}

    private final Keyspace keyspace;
    private final BucketEngine buckets;
    private final LifecycleEvaluator evaluator;
    private final MidnightTimer daily;

    /** Transitions and expirations are told, in their batches, to {@code objects}' change hook: S3's lifecycle events. */
    public LifecycleEngine(Keyspace keyspace, BucketEngine buckets, ObjectEngine objects, MultipartEngine uploads) {
        this.keyspace = keyspace;
        this.daily = new MidnightTimer(keyspace, S3Keys.lifecycleNextRun(), this::evaluate);
        this.buckets = buckets;
        this.evaluator = new LifecycleEvaluator(keyspace, objects, uploads);
    }

    // ---- configuration

    public @Nullable LifecycleConfiguration find(String bucket) {
        buckets.require(bucket);
        return keyspace.get(S3Keys.lifecycle(bucket), LifecycleConfiguration.class).orElse(null);
    }

    public LifecycleConfiguration require(String bucket) {
        LifecycleConfiguration c = find(bucket);
        if (c == null) {
            throw S3Errors.NO_SUCH_LIFECYCLE_CONFIGURATION.exception("The lifecycle configuration does not exist")
                    .with("BucketName", bucket);
        }
        return c;
    }

    /** Replaces the bucket's configuration (checked by the caller against S3's rules). */
    public void put(String bucket, LifecycleConfiguration configuration) {
        buckets.require(bucket);
        keyspace.put(S3Keys.lifecycle(bucket), configuration);
    }

    public void delete(String bucket) {
        buckets.require(bucket);
        keyspace.delete(S3Keys.lifecycle(bucket));
    }

    // ---- what reads and uploads show

    /**
     * When the current version {@code v} expires and under which rule ({@code x-amz-expiration}):
     * the earliest Expiration (Days or Date) of an enabled rule that matches it; null if none.
     */
    public @Nullable Due expirationOf(String bucket, ObjectVersion v) {
        LifecycleConfiguration c = keyspace.get(S3Keys.lifecycle(bucket), LifecycleConfiguration.class).orElse(null);
        if (c == null || v.deleteMarker()) {
            return null;
        }
        Due best = null;
        for (Rule r : c.rules()) {
            if (!r.enabled() || r.expiration() == null || !r.matches(v.key(), v.size(), v.tags())) {
                continue;
            }
            Instant at = r.expiration().date() != null ? r.expiration().date()
                    : r.expiration().days() != null ? LifecycleDates.due(v.lastModified(), r.expiration().days()) : null;
            if (at != null && (best == null || at.isBefore(best.date()))) {
                best = new Due(at, r.id());
            }
        }
        return best;
    }

    /** When an upload of {@code key} started at {@code initiated} is aborted and by which rule; null if no rule does. */
    public @Nullable Due abortOf(String bucket, String key, Instant initiated) {
        LifecycleConfiguration c = keyspace.get(S3Keys.lifecycle(bucket), LifecycleConfiguration.class).orElse(null);
        if (c == null) {
            return null;
        }
        Due best = null;
        for (Rule r : c.rules()) {
            if (r.enabled() && r.abortDaysAfterInitiation() != null && key.startsWith(r.prefix())) {
                Instant at = LifecycleDates.due(initiated, r.abortDaysAfterInitiation());
                if (best == null || at.isBefore(best.date())) {
                    best = new Due(at, r.id());
                }
            }
        }
        return best;
    }

    // ---- the daily evaluation

    /** Runs one evaluation of every bucket's rules as of {@code at} (a midnight UTC). */
    public EvaluationCounts evaluate(Instant at) {
        List<String> configured = new ArrayList<>();
        keyspace.scan(S3Keys.lifecycles(), null, e -> configured.add(e.key().string(1)));
        EvaluationCounts total = new EvaluationCounts();
        for (String bucket : configured) {
            try {
                LifecycleConfiguration c = keyspace.get(S3Keys.lifecycle(bucket), LifecycleConfiguration.class).orElse(null);
                if (c != null && buckets.find(bucket) != null) {
                    total.add(evaluator.evaluate(bucket, c, at));
                }
            } catch (RuntimeException e) {
                // one bucket that fails must not keep the others' rules from running
                log.warn("lifecycle evaluation of bucket {} failed", bucket, e);
            }
        }
        return total;
    }

    /** Arms the daily timer: at the stored due instant, or the next midnight UTC on a first start. */
    public void start(Scheduler scheduler) {
        daily.start(scheduler);
    }

    public void stop() {
        daily.stop();
    }
}
