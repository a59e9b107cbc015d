package io.tarn.core.store;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.rocksdb.AbstractEventListener;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.CompactionJobInfo;
import org.rocksdb.FlushJobInfo;
import org.rocksdb.MutableColumnFamilyOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reclaims the space of overwritten and deleted values in the blob files of the keyspaces that
 * keep their values there ({@link AccessPattern#POINT_READS_LARGE_VALUES}). RocksDB counts each
 * blob file's garbage as compaction drops the keys of its values, but deletes a file only once
 * all of it is garbage. After each flush or compaction of such a keyspace this looks at the
 * count, and when at least half of the keyspace's blob bytes (and {@code minGarbageBytes}) are
 * garbage, it compacts the whole keyspace once with RocksDB's garbage collection switched on: the
 * live values move into new files and the old files go. A value is so copied about once for each
 * value that became garbage, where RocksDB's own collection, left on, copies the oldest quarter
 * of the values at every compaction.
 */
final class BlobGarbageCollector extends AbstractEventListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BlobGarbageCollector.class);

    private final long minGarbageBytes;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tarn-blob-gc");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final CompactRangeOptions compactOptions = new CompactRangeOptions()
            .setExclusiveManualCompaction(false)
            // the bottommost level too, or the values its tables point at would never move
            .setBottommostLevelCompaction(CompactRangeOptions.BottommostLevelCompaction.kForce);
    private volatile StateStore store;
    private volatile boolean stopped;

    BlobGarbageCollector(long minGarbageBytes) {
        super(EnabledEventCallback.ON_FLUSH_COMPLETED, EnabledEventCallback.ON_COMPACTION_COMPLETED);
        this.minGarbageBytes = minGarbageBytes;
    }

    /** Starts watching {@code store}'s keyspaces (the listener is registered before the database opens). */
    void attach(StateStore store) {
        this.store = store;
    }

    @Override
    public void onFlushCompleted(RocksDB db, FlushJobInfo info) {
        consider(info.getColumnFamilyName());
    }

    @Override
    public void onCompactionCompleted(RocksDB db, CompactionJobInfo info) {
        consider(new String(info.columnFamilyName(), StandardCharsets.UTF_8));
    }

    // On RocksDB's background thread: hand the look over to our own thread, once per keyspace.
    private void consider(String keyspace) {
        StateStore s = store;
        if (s == null || !s.separatesValues(keyspace) || !queued.add(keyspace)) {
            return;
        }
        try {
            worker.execute(() -> {
                queued.remove(keyspace);
                collectIfWorthIt(s.keyspace(keyspace));
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            queued.remove(keyspace);
        }
    }

    /** Collects {@code keyspace}'s blob garbage if it is worth a pass; returns whether it did. */
    boolean collectIfWorthIt(Keyspace keyspace) {
        RocksDB db = store.db();
        try {
            long garbage = db.getLongProperty(keyspace.handle(), "rocksdb.live-blob-file-garbage-size");
            long total = db.getLongProperty(keyspace.handle(), "rocksdb.live-blob-file-size");
            if (garbage < minGarbageBytes || garbage * 2 < total) {
                return false;
            }
            LOG.debug("collecting {} MiB of garbage in {} MiB of blob files of {}", garbage >> 20, total >> 20, keyspace.name());
            setGarbageCollection(db, keyspace, true);
            try {
                db.compactRange(keyspace.handle(), null, null, compactOptions);
            } finally {
                setGarbageCollection(db, keyspace, false);
            }
            return true;
        } catch (RocksDBException | IllegalStateException e) {
            if (!compactOptions.canceled()) {
                LOG.warn("blob garbage collection of {} failed: {}", keyspace.name(), e.getMessage());
            }
            return false;
        }
    }

    private static void setGarbageCollection(RocksDB db, Keyspace keyspace, boolean on) throws RocksDBException {
        db.setOptions(keyspace.handle(), MutableColumnFamilyOptions.builder()
                .setEnableBlobGarbageCollection(on)
                .setBlobGarbageCollectionAgeCutoff(1.0)
                .build());
    }

    /** Cancels a pass in progress and waits for it to stop; called before the database closes. */
    void stop() {
        compactOptions.setCanceled(true);
        worker.shutdownNow();
        try {
            stopped = worker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Frees the native listener; called after the database closed, which may call it until then. */
    @Override
    public void close() {
        if (!stopped) {
            stop();
        }
        if (stopped) { // else a pass still holds the options: leaving them is the lesser harm
            compactOptions.close();
        }
        super.close();
    }
}
