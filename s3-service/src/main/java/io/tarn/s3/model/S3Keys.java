package io.tarn.s3.model;

import io.tarn.core.store.Key;

/**
 * Where S3's records live in its keyspace. Bucket names are global, so keys start with the
 * bucket, not the account. Versions of a key sort newest first ({@code Long.MAX_VALUE - seq}), so
 * "the latest version" is the first entry of a scan; the current versions of a bucket are kept
 * apart so that listings walk one entry per key.
 */
public final class S3Keys {

    private S3Keys() {}

    public static Key bucket(String bucket) {
        return Key.of("b", bucket);
    }

    public static Key buckets() {
        return Key.of("b");
    }

    /** The latest version of a key, when it is not a delete marker: what listings and plain GETs see. */
    public static Key current(String bucket, String key) {
        return Key.of("c", bucket, key);
    }

    public static Key currents(String bucket) {
        return Key.of("c", bucket);
    }

    /**
     * The sealed bytes of a small object, kept once under its blob's id however many records (the
     * version, the current pointer) point at them; see {@link io.tarn.core.store.blob.BlobRef#detach}.
     */
    public static Key blobBytes(String blobId) {
        return Key.of("d", blobId);
    }

    public static Key version(String bucket, String key, long seq) {
        return Key.of("v", bucket, key, Long.MAX_VALUE - seq);
    }

    public static Key versionsOf(String bucket, String key) {
        return Key.of("v", bucket, key);
    }

    public static Key versions(String bucket) {
        return Key.of("v", bucket);
    }

    /** The sequence number of a key's null version, if it has one. */
    public static Key nullVersion(String bucket, String key) {
        return Key.of("n", bucket, key);
    }

    public static Key upload(String bucket, String key, String uploadId) {
        return Key.of("u", bucket, key, uploadId);
    }

    public static Key uploads(String bucket) {
        return Key.of("u", bucket);
    }

    /** A completed upload's answer, kept for retries; upload ids start with their creation sequence, so the oldest sort first. */
    public static Key completedUpload(String uploadId) {
        return Key.of("uc", uploadId);
    }

    public static Key completedUploads() {
        return Key.of("uc");
    }

    public static Key part(String uploadId, int partNumber) {
        return Key.of("p", uploadId, (long) partNumber);
    }

    public static Key parts(String uploadId) {
        return Key.of("p", uploadId);
    }

    /** A bucket's Object Lock configuration ({@link BucketObjectLock}); absent while Object Lock is not enabled. */
    public static Key objectLock(String bucket) {
        return Key.of("ol", bucket);
    }

    /** A bucket's lifecycle configuration (engine/lifecycle): kept apart from the bucket record, one per bucket. */
    public static Key lifecycle(String bucket) {
        return Key.of("lc", bucket);
    }

    public static Key lifecycles() {
        return Key.of("lc");
    }

    /** When the next daily lifecycle evaluation is due (epoch millis): the timer re-armed at start. */
    public static Key lifecycleNextRun() {
        return Key.of("lcrun");
    }

    /** The high-water mark of handed-out sequence numbers. */
    public static Key sequence() {
        return Key.of("seq");
    }

    /**
     * The restore of one object version (seq is store-wide unique, so it alone names the version):
     * a {@code RestoreRecord} of {@code engine.restore}.
     */
    public static Key restore(long seq) {
        return Key.of("rs", seq);
    }

    /** A restore's due change (completion, expiry), ordered by due time so that a sweep reads what is due first. */
    public static Key restoreTimer(long dueMillis, long seq, String kind) {
        return Key.of("rt", dueMillis, seq, kind);
    }

    public static Key restoreTimers() {
        return Key.of("rt");
    }

    /** A bucket's notification configuration ({@link NotificationConfig}). */
    public static Key notificationConfig(String bucket) {
        return Key.of("nc", bucket);
    }

    /**
     * An event waiting for delivery ({@link OutboxEntry}): the change's sequencer first, so the
     * outbox is read in the order the changes were made; {@code n} tells apart the destinations
     * of one change.
     */
    public static Key outbox(long sequencer, long n) {
        return Key.of("ob", sequencer, n);
    }

    public static Key outbox() {
        return Key.of("ob");
    }
    /** A storage-report count not yet folded into its totals ({@code engine.report.LedgerDelta}), under a fresh sequence number. */
    public static Key storageLedgerDelta(long seq) {
        return Key.of("sr", "d", seq);
    }

    public static Key storageLedgerDeltas() {
        return Key.of("sr", "d");
    }

    /** A bucket's storage-report totals for one class ({@code engine.report.StorageCounters}); the bucket's creation tells namesakes apart. */
    public static Key storageTotal(String bucket, long bucketCreatedMillis, String storageClass) {
        return Key.of("sr", "t", bucket, bucketCreatedMillis, storageClass);
    }

    public static Key storageTotals(String bucket, long bucketCreatedMillis) {
        return Key.of("sr", "t", bucket, bucketCreatedMillis);
    }

    /** When a version entered its storage class by a transition (epoch millis); absent: at its creation. */
    public static Key storageClassSince(long seq) {
        return Key.of("sr", "in", seq);
    }

    /** A bucket's storage class analysis configuration ({@code engine.analytics.AnalyticsConfiguration}). */
    public static Key analytics(String bucket, String id) {
        return Key.of("sa", bucket, id);
    }

    public static Key analyticsOf(String bucket) {
        return Key.of("sa", bucket);
    }

    public static Key analyticsAll() {
        return Key.of("sa");
    }

    /** What GETs retrieved on one day (epoch day) from one age group, for one analysis configuration, until exported. */
    public static Key analyticsAccess(String bucket, String id, long epochDay, long ageGroup) {
        return Key.of("sd", bucket, id, epochDay, ageGroup);
    }

    public static Key analyticsAccess(String bucket, String id) {
        return Key.of("sd", bucket, id);
    }

    /** What GETs retrieved from one age group since the analysis began, as of its last export. */
    public static Key analyticsCumulative(String bucket, String id, long ageGroup) {
        return Key.of("sc", bucket, id, ageGroup);
    }

    public static Key analyticsCumulative(String bucket, String id) {
        return Key.of("sc", bucket, id);
    }

    /** When the next daily storage class analysis export is due (epoch millis). */
    public static Key analyticsNextExport() {
        return Key.of("sx");
    }

    /**
     * Where one monitored INTELLIGENT_TIERING version is ({@code TierState} of engine.tiering): by
     * seq alone, store-wide unique, so a read that knows only the version finds it, and the daily
     * evaluation walks every bucket's monitored objects in one scan.
     */
    public static Key tier(long seq) {
        return Key.of("it", seq);
    }

    public static Key tiers() {
        return Key.of("it");
    }

    /** One of a bucket's Intelligent-Tiering configurations, by id. */
    public static Key tieringConfiguration(String bucket, String id) {
        return Key.of("ic", bucket, id);
    }

    public static Key tieringConfigurations(String bucket) {
        return Key.of("ic", bucket);
    }

    /** When the next daily Intelligent-Tiering evaluation is due (epoch millis): the timer re-armed at start. */
    public static Key tieringNextRun() {
        return Key.of("ir");
    }

    /** An account's Block Public Access settings ({@link PublicAccessBlock}, S3 Control's PutPublicAccessBlock). */
    public static Key accountPublicAccessBlock(String account) {
        return Key.of("ap", account);
    }

    /** A bucket's default encryption ({@code BucketEncryption}), absent for S3's default SSE-S3. */
    public static Key bucketEncryption(String bucket) {
        return Key.of("se", bucket);
    }

    /** A bucket's policy ({@link BucketPolicy}): the document as put, compiled again only when it changes. */
    public static Key bucketPolicy(String bucket) {
        return Key.of("bp", bucket);
    }
}
