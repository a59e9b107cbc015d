package io.tarn.s3.engine;

import io.tarn.core.store.Batch;
import io.tarn.core.store.Entry;
import io.tarn.core.store.Keyspace;
import io.tarn.core.store.ModelCodec;
import io.tarn.core.store.StripedLocks;
import io.tarn.core.store.blob.BlobRef;
import io.tarn.core.store.blob.BlobStore;
import io.tarn.core.store.blob.DataKey;
import io.tarn.core.time.EmulatorClock;
import io.tarn.s3.S3Errors;
import io.tarn.s3.S3Limits;
import io.tarn.s3.engine.notifications.ObjectChange;
import io.tarn.s3.engine.encryption.CustomerKey;
import io.tarn.s3.engine.encryption.EncryptionRequest;
import io.tarn.s3.engine.notifications.ObjectChangeHook;
import io.tarn.s3.engine.report.StorageLedger;
import io.tarn.s3.model.AccessControl;
import io.tarn.s3.engine.lock.ObjectLockEngine;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.MultipartUpload;
import io.tarn.s3.model.ObjectLockState;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.S3Keys;
import io.tarn.s3.model.StoredChecksum;
import io.tarn.s3.model.StoredPart;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Objects and their versions: writes that stream into the blob store and then commit one
 * metadata batch, reads by version, deletes with delete markers, copies, tags. Writes to one key
 * are serialised, so the null version, the version list and the current pointer move together.
 */
public final class ObjectEngine {

    /** What a PutObject (or a copy, or a completed upload) stores besides the bytes. */
    public record ObjectAttributes(
            String owner,
            String storageClass,
            Map<String, String> headers,
            Map<String, String> metadata,
            Map<String, String> tags,
            @Nullable AccessControl acl,
            @Nullable ObjectLockState lock,
            @Nullable EncryptionRequest encryption) {

        /** A write that names no encryption: the bucket's default applies. */
        public ObjectAttributes(String owner, String storageClass, Map<String, String> headers, Map<String, String> metadata,
                Map<String, String> tags, @Nullable AccessControl acl, @Nullable ObjectLockState lock) {
            this(owner, storageClass, headers, metadata, tags, acl, lock, null);
        }

        /** A write that asks for no Object Lock settings (the bucket's default retention still applies). */
        public ObjectAttributes(String owner, String storageClass, Map<String, String> headers, Map<String, String> metadata,
                Map<String, String> tags, @Nullable AccessControl acl) {
            this(owner, storageClass, headers, metadata, tags, acl, null);
        }
    }

    /**
     * Conditional write headers.
     *
     * @param ifMatch the ETag the current object must have, or null
     * @param ifNoneMatch {@code *}: there must be no current object; or null
     */
    public record WriteCondition(@Nullable String ifMatch, @Nullable String ifNoneMatch) {
        public static final WriteCondition NONE = new WriteCondition(null, null);
    }

    /** The outcome of a DeleteObject. */
    public record Deleted(@Nullable String versionId, boolean deleteMarker) {}

    private final Keyspace keyspace;
    private final BlobStore blobs;
    private final ObjectEncryption encryption;
    private final EmulatorClock clock;
    private final BucketEngine buckets;
    private final VersionSequence sequence;
    private final ObjectLockEngine objectLock;
    /** Counts, in each change's batch, what the storage report shows: early deletions, transitions (engine/report). */
    private final StorageLedger ledger;
    /** Serialises writes to one object key: its versions, null version and current pointer change together. */
    private final StripedLocks locks = new StripedLocks(1024);
    /** Checked before any read of a version's bytes: archived objects refuse them until restored (engine.restore, engine.tiering). */
    private volatile java.util.function.Consumer<ObjectVersion> beforeRead = v -> {};
    /** Told of every change inside its batch: event notifications (engine/notifications). */
    private volatile ObjectChangeHook changes = ObjectChangeHook.NONE;

    public ObjectEngine(Keyspace keyspace, BlobStore blobs, ObjectEncryption encryption, EmulatorClock clock, BucketEngine buckets) {
        this.keyspace = keyspace;
        this.blobs = blobs;
        this.encryption = encryption;
        this.clock = clock;
        this.buckets = buckets;
        this.sequence = new VersionSequence(keyspace);
        this.objectLock = new ObjectLockEngine(keyspace, clock, buckets);
        this.ledger = new StorageLedger(keyspace, buckets, sequence::next);
    }

    /** The storage report's counts, which the engines that transition, delete or restore write to. */
    public StorageLedger ledger() {
        return ledger;
    }

    /** Object Lock: the lock of new versions, and which versions may not be deleted. */
    public ObjectLockEngine objectLock() {
        return objectLock;
    }

    /** Sets what is told of each change, in the change's batch. */
    public void onChange(ObjectChangeHook hook) {
        this.changes = hook;
    }

    /** What other engines that change objects (restores, lifecycle) tell of their changes, in their batches. */
    public ObjectChangeHook changes() {
        return changes;
    }

    public static void checkKey(String key) {
        if (key.isEmpty()) {
            throw S3Errors.INVALID_REQUEST.exception("A key must be specified");
        }
        if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > S3Limits.MAX_KEY_BYTES) {
            throw S3Errors.KEY_TOO_LONG.exception("Your key is too long").with("MaxSizeAllowed", "1024")
                    .with("Size", Integer.toString(key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        }
    }

    /** An object upload in progress: bytes stream in, {@link #commit} makes it the new version. */
    public final class PendingPut implements PendingBody {
        private final String bucket;
        private final String key;
        private final ObjectAttributes attributes;
        private final WriteCondition condition;
        private final ObjectEncryption.Sealed sealed;
        private final BodyWriter body;
        private final @Nullable String checksumAlgorithm;
        /** The event this write is: a PUT's unless it is a copy. */
        private String createdEvent = "ObjectCreated:Put";

        private PendingPut(String bucket, String key, ObjectAttributes attributes, WriteCondition condition, Integrity integrity) {
            this.bucket = bucket;
            this.key = key;
            this.attributes = attributes;
            this.condition = condition;
            this.sealed = encryption.seal(buckets.require(bucket), key, attributes.encryption());
            this.body = new BodyWriter(blobs.create(sealed.dataKey()), integrity, S3Limits.MAX_PUT_BYTES);
            this.checksumAlgorithm = integrity.algorithm() != null ? integrity.algorithm().name() : null;
        }

        /** Tells this write as {@code eventName} rather than a PUT: a browser POST is ObjectCreated:Post. */
        public PendingPut reportedAs(String eventName) {
            this.createdEvent = eventName;
            return this;
        }

        @Override
        public void write(ByteBuffer data) {
            body.write(data);
        }

        /** Verifies the body ({@code trailerChecksum}: a checksum sent after it) and commits the new version. */
        public ObjectVersion commit(@Nullable String trailerChecksum) {
            BodyWriter.Written written = body.finish(trailerChecksum);
            BlobRef blob = written.blob();
            // A small object's sealed bytes are kept once, beside the version and current records
            // that point at them, rather than in each: half the bytes to log, flush and compact.
            StoredPart part = new StoredPart(blob.inlined() ? blob.detach() : blob, written.size(), written.md5Hex(),
                    written.checksum());
            StoredChecksum checksum = checksumAlgorithm == null ? null
                    : new StoredChecksum(checksumAlgorithm, written.checksum(), "FULL_OBJECT");
            try {
                return commitVersion(bucket, key, condition, (seq, versionId) -> new ObjectVersion(ObjectVersion.SCHEMA, key,
                        versionId, seq, false, clock.instant(), written.size(), '"' + written.md5Hex() + '"', attributes.owner(),
                        attributes.storageClass(), attributes.headers(), attributes.metadata(), attributes.tags(), List.of(part),
                        sealed.wrappedKey(), checksum, attributes.acl(),
                        objectLock.forNewVersion(bucket, attributes.lock(), clock.instant()), sealed.sse()),
                        batch -> {
                            if (blob.inlined()) {
                                batch.put(S3Keys.blobBytes(blob.id()), blob.inline());
                            }
                        }, createdEvent);
            } catch (RuntimeException e) {
                blobs.delete(written.blob());
                throw e;
            }
        }

        @Override
        public void abort() {
            body.abort();
        }
    }

    /** Starts a PutObject; the bucket and an {@code If-None-Match: *} are checked before any byte is taken. */
    public PendingPut beginPut(String bucket, String key, ObjectAttributes attributes, WriteCondition condition, Integrity integrity) {
        buckets.require(bucket);
        checkKey(key);
        checkCondition(bucket, key, condition);
        objectLock.checkRequested(bucket, attributes.lock());
        return new PendingPut(bucket, key, attributes, condition, integrity);
    }

    /** Builds a version once its sequence number and version id are known. */
    @FunctionalInterface
    interface VersionFactory {
        ObjectVersion create(long seq, String versionId);
    }

    /**
     * Adds a version of {@code key} (an object or a delete marker), as the bucket's versioning
     * state says: a new version id when Enabled, else the null version, replacing the old null
     * version (whose bytes are then deleted).
     */
    ObjectVersion commitVersion(String bucket, String key, WriteCondition condition, VersionFactory factory) {
        return commitVersion(bucket, key, condition, factory, batch -> {});
    }

    /** As above, with more writes ({@code alsoWrite}) in the same atomic batch. */
    ObjectVersion commitVersion(String bucket, String key, WriteCondition condition, VersionFactory factory,
            java.util.function.Consumer<Batch> alsoWrite) {
        return commitVersion(bucket, key, condition, factory, alsoWrite, "ObjectCreated:Put");
    }

    /** As above, telling {@code createdEvent} (a delete marker is always DeleteMarkerCreated). */
    ObjectVersion commitVersion(String bucket, String key, WriteCondition condition, VersionFactory factory,
            java.util.function.Consumer<Batch> alsoWrite, String createdEvent) {
        return commitVersion(bucket, key, condition, factory, alsoWrite, v -> ObjectChange.of(bucket,
                v.deleteMarker() ? "ObjectRemoved:DeleteMarkerCreated" : createdEvent, v, v::seq));
    }

    /** As above, telling the change {@code told} makes of the new version. */
    private ObjectVersion commitVersion(String bucket, String key, WriteCondition condition, VersionFactory factory,
            java.util.function.Consumer<Batch> alsoWrite, Function<ObjectVersion, ObjectChange> told) {
        ReentrantLock lock = locks.of(bucket, key);
        lock.lock();
        List<StoredPart> garbage = new ArrayList<>();
        ObjectVersion version;
        try {
            BucketMeta b = buckets.require(bucket);
            checkCondition(bucket, key, condition);
            long seq = sequence.next();
            version = factory.create(seq, b.keepsVersions() ? VersionIds.of(seq) : ObjectVersion.NULL_VERSION);
            ObjectVersion v = version;
            keyspace.write(batch -> {
                if (v.isNullVersion()) {
                    ObjectVersion old = nullVersion(bucket, key);
                    if (old != null) {
                        batch.delete(S3Keys.version(bucket, key, old.seq()));
                        ledger.removed(batch, bucket, old, clock.instant()); // an overwrite ends the old version's billing
                        garbage.addAll(deleteKeptBytes(batch, old.parts()));
                        changes.versionReplaced(batch, bucket, old);
                    }
                    batch.put(S3Keys.nullVersion(bucket, key), seq);
                }
                byte[] encoded = ModelCodec.encode(v); // the version and the current pointer hold the same record
                batch.put(S3Keys.version(bucket, key, seq), encoded);
                if (v.deleteMarker()) {
                    batch.delete(S3Keys.current(bucket, key));
                } else {
                    batch.put(S3Keys.current(bucket, key), encoded);
                }
                alsoWrite.accept(batch);
                changes.changed(batch, told.apply(v));
            });
            changes.committed();
        } finally {
            lock.unlock();
        }
        deleteBytes(garbage);
        return version;
    }

    private void checkCondition(String bucket, String key, WriteCondition condition) {
        if (condition.ifNoneMatch() == null && condition.ifMatch() == null) {
            return;
        }
        ObjectVersion current = keyspace.get(S3Keys.current(bucket, key), ObjectVersion.class).orElse(null);
        if (condition.ifNoneMatch() != null && current != null) {
            throw S3Errors.PRECONDITION_FAILED.exception("At least one of the pre-conditions you specified did not hold")
                    .with("Condition", "If-None-Match");
        }
        if (condition.ifMatch() != null) {
            if (current == null) {
                throw S3Errors.NO_SUCH_KEY.exception("The specified key does not exist.").with("Key", key);
            }
            if (!Preconditions.etagMatches(condition.ifMatch(), current.etag())) {
                throw S3Errors.PRECONDITION_FAILED.exception("At least one of the pre-conditions you specified did not hold")
                        .with("Condition", "If-Match");
            }
        }
    }

    /**
     * The latest version of {@code key} ({@code versionId} null) or the given one. The result may
     * be a delete marker: the caller answers for it (404 or 405 with the marker's headers).
     */
    public ObjectVersion resolve(String bucket, String key, @Nullable String versionId) {
        buckets.require(bucket);
        ObjectVersion found;
        if (versionId == null) {
            ObjectVersion current = keyspace.get(S3Keys.current(bucket, key), ObjectVersion.class).orElse(null);
            if (current != null) {
                return current; // one point read; only a missing or deleted key needs the scan below
            }
            List<Entry> latest = keyspace.scan(S3Keys.versionsOf(bucket, key), null, 1);
            found = latest.isEmpty() ? null : latest.get(0).value(ObjectVersion.class);
            if (found == null) {
                throw S3Errors.NO_SUCH_KEY.exception("The specified key does not exist.").with("Key", key);
            }
            return found;
        }
        found = version(bucket, key, versionId);
        if (found == null) {
            throw S3Errors.NO_SUCH_VERSION.exception("The specified version does not exist.")
                    .with("Key", key).with("VersionId", versionId);
        }
        return found;
    }

    private @Nullable ObjectVersion version(String bucket, String key, String versionId) {
        if (ObjectVersion.NULL_VERSION.equals(versionId)) {
            return nullVersion(bucket, key);
        }
        Long seq = VersionIds.seqOf(versionId);
        if (seq == null) {
            throw S3Errors.INVALID_ARGUMENT.exception("Invalid version id specified")
                    .with("ArgumentName", "versionId").with("ArgumentValue", versionId);
        }
        ObjectVersion v = keyspace.get(S3Keys.version(bucket, key, seq), ObjectVersion.class).orElse(null);
        return v != null && v.versionId().equals(versionId) ? v : null;
    }

    private @Nullable ObjectVersion nullVersion(String bucket, String key) {
        return keyspace.get(S3Keys.nullVersion(bucket, key), Long.class)
                .flatMap(seq -> keyspace.get(S3Keys.version(bucket, key, seq), ObjectVersion.class))
                .orElse(null);
    }

    /** Adds a check every read of bytes passes first (GET, copies, the object store port), after those added before. */
    public void beforeRead(java.util.function.Consumer<ObjectVersion> check) {
        this.beforeRead = this.beforeRead.andThen(check);
    }

    /** Reads {@code [offset, offset + length)} of a version's bytes (an SSE-C object refuses: it needs its key). */
    public ObjectReader open(ObjectVersion version, long offset, long length) {
        return open(version, offset, length, null);
    }

    /** As above, with the SSE-C key the request gave, if any (checked against the object's). */
    public ObjectReader open(ObjectVersion version, long offset, long length, @Nullable CustomerKey customerKey) {
        if (version.deleteMarker() || version.wrappedKey() == null) {
            throw new IllegalArgumentException("a delete marker has no bytes");
        }
        ObjectEncryption.checkCustomerKey(version.sse(), customerKey);
        beforeRead.accept(version);
        DataKey key = encryption.open(version.wrappedKey(), version.sse(), customerKey);
        return new ObjectReader(blobs, key, attached(version.parts()), offset, length);
    }

    /** The parts with the sealed bytes of detached (small) blobs read back from the keyspace. */
    private List<StoredPart> attached(List<StoredPart> parts) {
        List<StoredPart> out = new ArrayList<>(parts.size());
        for (StoredPart p : parts) {
            if (p.blob().detached()) {
                byte[] sealed = keyspace.get(S3Keys.blobBytes(p.blob().id()));
                if (sealed == null) {
                    throw new IllegalStateException("blob " + p.blob().id() + " does not exist");
                }
                p = new StoredPart(p.blob().attach(sealed), p.size(), p.etag(), p.checksum());
            }
            out.add(p);
        }
        return out;
    }

    /**
     * DeleteObject: with a version id, that version goes for good; without one, an unversioned
     * bucket drops the object, a versioned one gets a delete marker (the null version under
     * Suspended).
     */
    public Deleted delete(String bucket, String key, @Nullable String versionId, String owner) {
        return delete(bucket, key, versionId, owner, WriteCondition.NONE);
    }

    /**
     * As above, only if {@code condition} (If-Match) holds for the current version, checked under
     * the key's lock: 412 PreconditionFailed when its ETag differs, NoSuchKey when there is no
     * current object ("How to perform conditional deletes", S3 User Guide: conditions apply to the
     * current version only).
     */
    public Deleted delete(String bucket, String key, @Nullable String versionId, String owner, WriteCondition condition) {
        return delete(bucket, key, versionId, owner, condition, false);
    }

    /**
     * As above; a version protected by Object Lock is refused (AccessDenied), unless its
     * retention is GOVERNANCE and {@code bypassGovernance}. A delete marker is always allowed.
     */
    public Deleted delete(String bucket, String key, @Nullable String versionId, String owner, WriteCondition condition,
            boolean bypassGovernance) {
        return java.util.Objects.requireNonNull(delete(bucket, key, versionId, owner, condition, new Removal(bypassGovernance, null)));
    }

    /**
     * A lifecycle expiration as of the evaluation at {@code at} (a midnight UTC): a delete as
     * above, told as {@code LifecycleExpiration:Delete} or {@code :DeleteMarkerCreated} at
     * {@code at} (S3 sends no ObjectRemoved events for lifecycle deletes), its delete marker dated
     * {@code at} as S3 Lifecycle dates them. Null when Object Lock protects the version: S3 Lifecycle
     * skips it, and tries again at the next evaluation.
     */
    public @Nullable Deleted expire(String bucket, String key, @Nullable String versionId, String owner, WriteCondition condition,
            Instant at) {
        return delete(bucket, key, versionId, owner, condition, new Removal(false, at));
    }

    /** Who deletes: a request (which may bypass GOVERNANCE retention), or a lifecycle rule as of {@code lifecycleAt}. */
    private record Removal(boolean bypassGovernance, @Nullable Instant lifecycleAt) {

        ObjectChange told(String bucket, String requestEvent, String lifecycleEvent, ObjectVersion v, LongSupplier sequencer) {
            return lifecycleAt == null ? ObjectChange.of(bucket, requestEvent, v, sequencer)
                    : ObjectChange.of(bucket, lifecycleEvent, v, sequencer).at(lifecycleAt);
        }
    }

    /** When {@code change} counts as made: now, unless S3 makes it by itself as of an earlier instant. */
    private Instant madeAt(ObjectChange change) {
        return change.at() != null ? change.at() : clock.instant();
    }

    private @Nullable Deleted delete(String bucket, String key, @Nullable String versionId, String owner, WriteCondition condition,
            Removal removal) {
        BucketMeta b = buckets.require(bucket);
        if (versionId != null) {
            return deleteVersion(bucket, key, versionId, condition, removal);
        }
        if (b.versioning() == null) {
            Deleted gone = deleteVersion(bucket, key, ObjectVersion.NULL_VERSION, condition, removal); // nothing to do when there is none
            return gone == null ? null : new Deleted(null, false);
        }
        Instant created = removal.lifecycleAt() != null ? removal.lifecycleAt() : clock.instant();
        ObjectVersion marker = commitVersion(bucket, key, condition, (seq, id) -> new ObjectVersion(ObjectVersion.SCHEMA,
                key, id, seq, true, created, 0, "", owner, "STANDARD", null, null, null, null, null, null, null), batch -> {},
                v -> removal.told(bucket, "ObjectRemoved:DeleteMarkerCreated", "LifecycleExpiration:DeleteMarkerCreated", v, v::seq));
        return new Deleted(marker.versionId(), true);
    }

    /** Null when the version is protected by Object Lock and a lifecycle rule would delete it (a request is refused). */
    private @Nullable Deleted deleteVersion(String bucket, String key, String versionId, WriteCondition condition, Removal removal) {
        ReentrantLock lock = locks.of(bucket, key);
        lock.lock();
        ObjectVersion gone;
        List<StoredPart> garbage = new ArrayList<>();
        try {
            checkCondition(bucket, key, condition);
            gone = version(bucket, key, versionId);
            if (gone == null) {
                return new Deleted(versionId, false); // deleting what is not there succeeds, as on AWS
            }
            if (removal.lifecycleAt() != null && objectLock.protects(gone, false, removal.lifecycleAt())) {
                return null;
            }
            objectLock.checkDeletable(gone, removal.bypassGovernance());
            List<Entry> newest = keyspace.scan(S3Keys.versionsOf(bucket, key), null, 2);
            boolean wasLatest = newest.get(0).value(ObjectVersion.class).seq() == gone.seq();
            ObjectVersion next = null;
            if (wasLatest && newest.size() > 1) {
                next = newest.get(1).value(ObjectVersion.class);
            }
            ObjectVersion successor = next;
            ObjectVersion deleted = gone;
            keyspace.write(batch -> {
                batch.delete(S3Keys.version(bucket, key, deleted.seq()));
                if (deleted.isNullVersion()) {
                    batch.delete(S3Keys.nullVersion(bucket, key));
                }
                if (wasLatest) {
                    putCurrent(batch, bucket, key, successor);
                }
                garbage.addAll(deleteKeptBytes(batch, deleted.parts()));
                ObjectChange change = removal.told(bucket, "ObjectRemoved:Delete", "LifecycleExpiration:Delete", deleted, sequence::next);
                ledger.removed(batch, bucket, deleted, madeAt(change));
                changes.changed(batch, change);
            });
            changes.committed();
        } finally {
            lock.unlock();
        }
        deleteBytes(garbage);
        return new Deleted(gone.versionId(), gone.deleteMarker());
    }

    private static void putCurrent(Batch batch, String bucket, String key, @Nullable ObjectVersion latest) {
        if (latest == null || latest.deleteMarker()) {
            batch.delete(S3Keys.current(bucket, key));
        } else {
            batch.put(S3Keys.current(bucket, key), latest);
        }
    }

    /** Rewrites one version's record in place (tags, ACL): no new version, as on AWS. */
    public ObjectVersion update(String bucket, String key, @Nullable String versionId, UnaryOperator<ObjectVersion> change) {
        return update(bucket, key, versionId, change, null);
    }

    /** As above, telling {@code event} ({@code ObjectTagging:Put}...) when it is not null. */
    public ObjectVersion update(String bucket, String key, @Nullable String versionId, UnaryOperator<ObjectVersion> change,
            @Nullable String event) {
        ReentrantLock lock = locks.of(bucket, key);
        lock.lock();
        try {
            ObjectVersion v = resolve(bucket, key, versionId);
            if (v.deleteMarker()) {
                throw S3Errors.METHOD_NOT_ALLOWED.exception("The specified method is not allowed against this resource.")
                        .with("Method", "PUT").with("ResourceType", "DeleteMarker");
            }
            ObjectVersion updated = change.apply(v);
            List<Entry> latest = keyspace.scan(S3Keys.versionsOf(bucket, key), null, 1);
            boolean isLatest = latest.get(0).value(ObjectVersion.class).seq() == v.seq();
            keyspace.write(batch -> {
                batch.put(S3Keys.version(bucket, key, v.seq()), updated);
                if (isLatest) {
                    batch.put(S3Keys.current(bucket, key), updated);
                }
                if (event != null) {
                    changes.changed(batch, bucket, event, updated, sequence::next);
                }
            });
            changes.committed();
            return updated;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Rewrites the storage class of the version {@code seq} of {@code key} in its record (and the
     * current pointer when it is the latest): a lifecycle transition, which never rewrites bytes.
     * Null when that version is gone or is a delete marker. {@code told} gives the change to tell
     * of the version as it now is ({@code LifecycleTransition}), in the same batch.
     */
    public @Nullable ObjectVersion changeStorageClass(String bucket, String key, long seq, String storageClass,
            Function<ObjectVersion, ObjectChange> told) {
        ReentrantLock lock = locks.of(bucket, key);
        lock.lock();
        try {
            byte[] stored = keyspace.get(S3Keys.version(bucket, key, seq));
            ObjectVersion v = stored == null ? null : ModelCodec.decode(stored, ObjectVersion.class);
            if (v == null || v.deleteMarker()) {
                return null;
            }
            ObjectVersion updated = v.withStorageClass(storageClass);
            // the current pointer (absent under a delete marker) usually holds the very bytes of the
            // latest version: one point read, no scan; a record re-encoded since is told by its seq
            byte[] current = keyspace.get(S3Keys.current(bucket, key));
            boolean isLatest = current != null
                    && (java.util.Arrays.equals(current, stored) || ModelCodec.decode(current, ObjectVersion.class).seq() == seq);
            byte[] encoded = ModelCodec.encode(updated);
            keyspace.write(batch -> {
                batch.put(S3Keys.version(bucket, key, seq), encoded);
                if (isLatest) {
                    batch.put(S3Keys.current(bucket, key), encoded);
                }
                ObjectChange change = told.apply(updated);
                ledger.transitioned(batch, bucket, v, storageClass, madeAt(change));
                changes.changed(batch, change);
            });
            changes.committed();
            return updated;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Copies a range of {@code source}'s bytes into a new version of {@code key}, re-encrypted
     * under a new data key (copies never share bytes, so deleting either leaves the other whole).
     */
    public ObjectVersion copy(ObjectVersion source, String bucket, String key, ObjectAttributes attributes,
            @Nullable String checksumAlgorithm, WriteCondition condition) {
        return copy(source, null, bucket, key, attributes, checksumAlgorithm, condition);
    }

    /** As above; {@code sourceKey} is the source's SSE-C key, if it has one. */
    public ObjectVersion copy(ObjectVersion source, @Nullable CustomerKey sourceKey, String bucket, String key,
            ObjectAttributes attributes, @Nullable String checksumAlgorithm, WriteCondition condition) {
        buckets.require(bucket);
        checkKey(key);
        objectLock.checkRequested(bucket, attributes.lock());
        Integrity integrity = new Integrity(null,
                checksumAlgorithm != null ? io.tarn.s3.engine.checksum.ChecksumAlgorithm.valueOf(checksumAlgorithm) : null, null, null);
        PendingPut put = new PendingPut(bucket, key, attributes, condition, integrity);
        put.createdEvent = "ObjectCreated:Copy";
        try (ObjectReader reader = open(source, 0, source.size(), sourceKey)) {
            for (ByteBuffer chunk = reader.next(); chunk != null; chunk = reader.next()) {
                put.write(chunk);
            }
            return put.commit(null);
        } catch (RuntimeException e) {
            put.abort();
            throw e;
        }
    }

    /** The account that owns {@code bucket}; NoSuchBucket when there is none. */
    public String bucketOwner(String bucket) {
        return buckets.require(bucket).owner();
    }

    long nextSeq() {
        return sequence.next();
    }

    /** The store-wide sequence, for engines whose records must order with object changes (event sequencers). */
    public java.util.function.LongSupplier sequence() {
        return sequence::next;
    }

    /** The data key of a new multipart upload, encrypted as its creation asks. */
    ObjectEncryption.Sealed sealUpload(String bucket, String key, @Nullable EncryptionRequest request) {
        return encryption.seal(buckets.require(bucket), key, request);
    }

    /** The data key of a multipart upload's parts. */
    DataKey openUpload(MultipartUpload upload, @Nullable CustomerKey customerKey) {
        return encryption.open(upload.wrappedKey(), upload.sse(), customerKey);
    }

    /** Server-side encryption: buckets' defaults, bucket keys. */
    public ObjectEncryption encryption() {
        return encryption;
    }

    BlobStore blobs() {
        return blobs;
    }

    Instant now() {
        return clock.instant();
    }

    /** Deletes the bytes of {@code parts}, in files or kept in the keyspace. */
    void deleteBytes(List<StoredPart> parts) {
        List<StoredPart> inFiles = new ArrayList<>();
        if (parts.stream().anyMatch(p -> p.blob().detached())) {
            keyspace.write(batch -> inFiles.addAll(deleteKeptBytes(batch, parts)));
        } else {
            inFiles.addAll(parts);
        }
        for (StoredPart p : inFiles) {
            blobs.delete(p.blob());
        }
    }

    /** Deletes, in {@code batch}, the kept bytes of the detached parts; returns the others, whose files go after the commit. */
    private static List<StoredPart> deleteKeptBytes(Batch batch, List<StoredPart> parts) {
        List<StoredPart> inFiles = new ArrayList<>(parts.size());
        for (StoredPart p : parts) {
            if (p.blob().detached()) {
                batch.delete(S3Keys.blobBytes(p.blob().id()));
            } else {
                inFiles.add(p);
            }
        }
        return inFiles;
    }
}
