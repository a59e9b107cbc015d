package io.tarn.s3.engine.lifecycle;

import io.tarn.core.error.AwsException;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.s3.engine.MultipartEngine;
import io.tarn.s3.engine.ObjectEngine;
import io.tarn.s3.engine.ObjectEngine.WriteCondition;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.Expiration;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.NoncurrentExpiration;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.NoncurrentTransition;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.Rule;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.Transition;
import io.tarn.s3.engine.notifications.ObjectChange;
import io.tarn.s3.model.MultipartUpload;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.S3Keys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One evaluation of one bucket's rules as of a midnight UTC. The bucket's versions are read by
 * range scans of at most {@link #BATCH} records at a time, cut at key boundaries (a key's versions
 * sort together, newest first), so memory stays bounded however many objects the bucket holds.
 * Within a key: expiration first (it wins over a transition due the same day, as on AWS), then
 * the transition, then the noncurrent versions, then an expired delete marker.
 */
final class LifecycleEvaluator {

    static final int BATCH = 1000;
    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    private final Keyspace keyspace;
    private final ObjectEngine objects;
    private final MultipartEngine uploads;

    LifecycleEvaluator(Keyspace keyspace, ObjectEngine objects, MultipartEngine uploads) {
        this.keyspace = keyspace;
        this.objects = objects;
        this.uploads = uploads;
    }

    EvaluationCounts evaluate(String bucket, LifecycleConfiguration config, Instant at) {
        EvaluationCounts counts = new EvaluationCounts();
        List<Rule> rules = config.rules().stream().filter(Rule::enabled).toList();
        if (rules.isEmpty()) {
            return counts;
        }
        boolean versionActions = rules.stream().anyMatch(r -> r.expiration() != null || !r.transitions().isEmpty()
                || !r.noncurrentTransitions().isEmpty() || r.noncurrentExpiration() != null);
        if (versionActions) {
            evaluateVersions(bucket, config, rules, at, counts);
        }
        if (rules.stream().anyMatch(r -> r.abortDaysAfterInitiation() != null)) {
            abortUploads(bucket, rules, at, counts);
        }
        return counts;
    }

    // ---- versions

    private void evaluateVersions(String bucket, LifecycleConfiguration config, List<Rule> rules, Instant at, EvaluationCounts counts) {
        Key prefix = S3Keys.versions(bucket);
        Key from = null;
        while (true) {
            List<List<ObjectVersion>> groups = new ArrayList<>();
            Key[] next = {null};
            int[] read = {0};
            keyspace.scan(prefix, from, e -> {
                ObjectVersion v = e.value(ObjectVersion.class);
                List<ObjectVersion> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
                if (last != null && last.get(0).key().equals(v.key())) {
                    last.add(v); // a key's versions are never split between batches
                } else {
                    if (read[0] >= BATCH) {
                        next[0] = e.key();
                        return false;
                    }
                    List<ObjectVersion> group = new ArrayList<>(1);
                    group.add(v);
                    groups.add(group);
                }
                read[0]++;
                return true;
            });
            for (List<ObjectVersion> versions : groups) {
                counts.examined += versions.size();
                evaluateKey(bucket, config, rules, versions, at, counts);
            }
            if (next[0] == null) {
                return;
            }
            from = next[0];
        }
    }

    private void evaluateKey(String bucket, LifecycleConfiguration config, List<Rule> rules, List<ObjectVersion> versions,
            Instant at, EvaluationCounts counts) {
        ObjectVersion current = versions.get(0);
        if (!current.deleteMarker()) {
            if (expireCurrent(bucket, rules, current, at)) {
                counts.expired++;
                return; // the key changed (a new marker or gone): the rest waits for the next day, as AWS's runs are daily
            }
            if (transitionCurrent(bucket, config, rules, current, at)) {
                counts.transitioned++;
            }
        }
        int noncurrentIndex = 0;
        int removed = 0;
        for (int i = 1; i < versions.size(); i++, noncurrentIndex++) {
            ObjectVersion v = versions.get(i);
            Instant noncurrentSince = versions.get(i - 1).lastModified(); // its successor's creation made it noncurrent
            if (expireNoncurrent(bucket, rules, v, noncurrentSince, noncurrentIndex, at)) {
                counts.expired++;
                removed++;
            } else if (!v.deleteMarker() && transitionNoncurrent(bucket, config, rules, v, noncurrentSince, noncurrentIndex, at)) {
                counts.transitioned++;
            }
        }
        if (current.deleteMarker() && versions.size() - removed == 1 && removeExpiredMarker(bucket, rules, current, at)) {
            counts.expired++;
        }
    }

    private boolean expireCurrent(String bucket, List<Rule> rules, ObjectVersion v, Instant at) {
        for (Rule r : rules) {
            Expiration e = r.expiration();
            if (e == null || (e.days() == null && e.date() == null) || !r.matches(v.key(), v.size(), v.tags())) {
                continue;
            }
            Instant due = e.date() != null ? e.date() : LifecycleDates.due(v.lastModified(), e.days());
            if (due.isAfter(at)) {
                continue;
            }
            try {
                // only the version evaluated: a newer PUT since the scan is not expired with it
                return objects.expire(bucket, v.key(), null, v.owner(), new WriteCondition(v.etag(), null), at) != null;
            } catch (AwsException changed) {
                return false; // overwritten or deleted since the scan
            }
        }
        return false;
    }

    private boolean transitionCurrent(String bucket, LifecycleConfiguration config, List<Rule> rules, ObjectVersion v, Instant at) {
        String target = null;
        for (Rule r : rules) {
            if (r.transitions().isEmpty() || !r.matches(v.key(), v.size(), v.tags())) {
                continue;
            }
            for (Transition t : r.transitions()) {
                Instant due = t.date() != null ? t.date() : LifecycleDates.due(v.lastModified(), t.days());
                if (!due.isAfter(at) && allowed(config, r, v, t.storageClass(), v.lastModified(), at)
                        && (target == null || StorageClassOrder.rank(t.storageClass()) > StorageClassOrder.rank(target))) {
                    target = t.storageClass(); // of several due transitions, the one furthest down the waterfall
                }
            }
        }
        return target != null && move(bucket, v, target, at);
    }

    private boolean expireNoncurrent(String bucket, List<Rule> rules, ObjectVersion v, Instant since, int newer, Instant at) {
        for (Rule r : rules) {
            NoncurrentExpiration e = r.noncurrentExpiration();
            if (e == null || !v.key().startsWith(r.prefix()) || (!v.deleteMarker() && !r.matches(v.key(), v.size(), v.tags()))) {
                continue;
            }
            boolean old = !LifecycleDates.due(since, e.noncurrentDays()).isAfter(at);
            boolean beyondKept = e.newerNoncurrentVersions() == null || newer >= e.newerNoncurrentVersions();
            if (old && beyondKept) {
                // a version Object Lock protects stays (and counts as kept) until its lock ends
                return objects.expire(bucket, v.key(), v.versionId(), v.owner(), WriteCondition.NONE, at) != null;
            }
        }
        return false;
    }

    private boolean transitionNoncurrent(String bucket, LifecycleConfiguration config, List<Rule> rules, ObjectVersion v, Instant since,
            int newer, Instant at) {
        String target = null;
        for (Rule r : rules) {
            if (r.noncurrentTransitions().isEmpty() || !r.matches(v.key(), v.size(), v.tags())) {
                continue;
            }
            for (NoncurrentTransition t : r.noncurrentTransitions()) {
                boolean due = !LifecycleDates.due(since, t.noncurrentDays()).isAfter(at);
                boolean beyondKept = t.newerNoncurrentVersions() == null || newer >= t.newerNoncurrentVersions();
                if (due && beyondKept && allowed(config, r, v, t.storageClass(), v.lastModified(), at)
                        && (target == null || StorageClassOrder.rank(t.storageClass()) > StorageClassOrder.rank(target))) {
                    target = t.storageClass();
                }
            }
        }
        return target != null && move(bucket, v, target, at);
    }

    /**
     * A delete marker with no versions left behind it (an "expired object delete marker") is
     * removed under a rule with ExpiredObjectDeleteMarker, or under a rule that expires current
     * versions once the marker is old enough for it ("When you specify the Days tag, Amazon S3
     * automatically performs ExpiredObjectDeleteMarker cleanup when the delete markers are old
     * enough to satisfy the age criteria", S3 User Guide).
     */
    private boolean removeExpiredMarker(String bucket, List<Rule> rules, ObjectVersion marker, Instant at) {
        for (Rule r : rules) {
            Expiration e = r.expiration();
            if (e == null || !r.matches(marker.key(), 0, java.util.Map.of())) {
                continue;
            }
            boolean expired = Boolean.TRUE.equals(e.expiredObjectDeleteMarker())
                    || (e.days() != null && !LifecycleDates.due(marker.lastModified(), e.days()).isAfter(at))
                    || (e.date() != null && !e.date().isAfter(at));
            if (expired) {
                return objects.expire(bucket, marker.key(), marker.versionId(), marker.owner(), WriteCondition.NONE, at) != null;
            }
        }
        return false;
    }

    /**
     * AWS's transition constraints: only down the waterfall; 30 days in STANDARD before an IA
     * class; objects under 128 KiB stay unless the rule names a size, or the bucket's
     * minimum-size setting is varies_by_storage_class and the target is a Glacier class.
     */
    static boolean allowed(LifecycleConfiguration config, Rule rule, ObjectVersion v, String target, Instant created, Instant at) {
        if (!StorageClassOrder.canMove(v.storageClass(), target)) {
            return false;
        }
        if (StorageClassOrder.INFREQUENT_ACCESS.contains(target) && Duration.between(created, at).compareTo(THIRTY_DAYS) < 0) {
            return false;
        }
        if (v.size() < StorageClassOrder.SMALL_OBJECT_BYTES && !rule.hasSizeFilter()) {
            return LifecycleConfiguration.VARIES_BY_CLASS.equals(config.minimumObjectSize())
                    && StorageClassOrder.TAKE_SMALL_OBJECTS.contains(target);
        }
        return true;
    }

    private boolean move(String bucket, ObjectVersion v, String target, Instant at) {
        return objects.changeStorageClass(bucket, v.key(), v.seq(), target,
                moved -> ObjectChange.of(bucket, "LifecycleTransition", moved, null).at(at)) != null;
    }

    // ---- incomplete multipart uploads

    /**
     * Aborts the due uploads, at most a batch in memory at a time: each pass streams the uploads
     * from where the last one stopped and collects up to {@link #BATCH} due ones; once they are
     * aborted they are gone, so the next pass (from the last one's key) always makes progress.
     */
    private void abortUploads(String bucket, List<Rule> rules, Instant at, EvaluationCounts counts) {
        String fromKey = null;
        while (true) {
            List<MultipartUpload> due = new ArrayList<>();
            uploads.scanUploads(bucket, fromKey, u -> {
                if (abortDue(rules, u, at)) {
                    due.add(u);
                }
                return due.size() < BATCH;
            });
            for (MultipartUpload u : due) {
                try {
                    uploads.abort(bucket, u.key(), u.uploadId());
                    counts.aborted++;
                } catch (AwsException gone) {
                    // completed or aborted since the scan
                }
            }
            if (due.size() < BATCH) {
                return;
            }
            fromKey = due.get(due.size() - 1).key();
        }
    }

    private static boolean abortDue(List<Rule> rules, MultipartUpload u, Instant at) {
        for (Rule r : rules) {
            if (r.abortDaysAfterInitiation() != null && u.key().startsWith(r.prefix())
                    && !LifecycleDates.due(u.initiated(), r.abortDaysAfterInitiation()).isAfter(at)) {
                return true;
            }
        }
        return false;
    }
}
