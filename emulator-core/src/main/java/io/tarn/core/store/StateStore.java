package io.tarn.core.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The one RocksDB every service shares: a column family ({@link Keyspace}) per service, one
 * atomic write batch per operation. Writes go through the WAL before they are acknowledged, so
 * they survive a crash of the process; with {@code fsync} the WAL is also synced (RocksDB groups
 * the syncs of concurrent writers into one), so they survive a crash of the machine.
 */
public final class StateStore implements AutoCloseable {

    static {
        RocksLibrary.load();
    }

    /** Loads RocksDB's native library now rather than at the first open. */
    public static void loadLibrary() {
        // the class's static initializer does it
    }

    private final RocksDB db;
    private final DBOptions dbOptions;
    private final Map<AccessPattern, ColumnFamilyOptions> cfOptions = new EnumMap<>(AccessPattern.class);
    private final WriteOptions writeOptions;
    private final Map<String, Keyspace> keyspaces = new ConcurrentHashMap<>();
    private final Map<String, AccessPattern> patterns = new ConcurrentHashMap<>();
    private final BlobGarbageCollector blobGarbage = new BlobGarbageCollector(64L << 20);
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private volatile boolean closed;

    private StateStore(Path dir, boolean fsync, Map<String, AccessPattern> known) throws RocksDBException, IOException {
        Files.createDirectories(dir);
        dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setKeepLogFileNum(3)
                .setMaxTotalWalSize(64L << 20)
                // By default RocksDB opens each column family's table files on 16 threads of its
                // own, created and joined at every open even when there are no files: about 60
                // threads per open with Tarn's keyspaces, and a reopen took half as long again.
                .setMaxFileOpeningThreads(1)
                .setInfoLogLevel(org.rocksdb.InfoLogLevel.WARN_LEVEL)
                .setListeners(List.of(blobGarbage));
        for (AccessPattern pattern : AccessPattern.values()) {
            cfOptions.put(pattern, columnFamilyOptions(pattern));
        }
        writeOptions = new WriteOptions().setSync(fsync);
        // The keyspaces the caller will ask for are opened, or created, with the database: creating
        // them one by one afterwards rewrites RocksDB's options file each time (~15 ms apiece).
        Map<String, AccessPattern> names = new LinkedHashMap<>();
        try (Options probe = new Options()) {
            if (Files.exists(dir.resolve("CURRENT"))) {
                for (byte[] name : RocksDB.listColumnFamilies(probe, dir.toString())) {
                    names.put(new String(name, StandardCharsets.UTF_8), AccessPattern.POINT_READS);
                }
            } else {
                names.put(new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8), AccessPattern.POINT_READS);
            }
        }
        names.putAll(known);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        names.forEach((name, pattern) -> descriptors.add(
                new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), cfOptions.get(pattern))));
        db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
        int i = 0;
        for (String name : names.keySet()) {
            keyspaces.put(name, new Keyspace(this, name, handles.get(i++)));
        }
        patterns.putAll(names);
        blobGarbage.attach(this);
    }

    private static ColumnFamilyOptions columnFamilyOptions(AccessPattern pattern) {
        // Bloom filters (on disk and in the memtable): most point reads are of keys that do not
        // exist yet (a new object's null version, a new key's current version), and without a
        // filter each of them searches every level-0 file.
        // No compression: most of what the services store is encrypted or random (objects, key
        // material, records), and Snappy trying to shrink it cost ~8% of the CPU of a Kinesis put.
        // Blob files, where the pattern wants them, without RocksDB's own garbage collection: that
        // relocates the live values of the oldest quarter of the blob files at every compaction
        // that meets them, garbage or not, and under a stream of new objects it cost as much as
        // the compaction it was meant to spare. BlobGarbageCollector runs it when there is garbage.
        ColumnFamilyOptions options = new ColumnFamilyOptions();
        if (pattern.separatesValues()) {
            options.setEnableBlobFiles(true)
                    .setMinBlobSize(pattern.blobFromBytes())
                    .setBlobFileSize(256L << 20)
                    .setEnableBlobGarbageCollection(false);
        }
        return options
                .setWriteBufferSize(pattern.memtableBytes())
                .setMaxWriteBufferNumber(pattern.maxMemtables())
                .setCompressionType(org.rocksdb.CompressionType.NO_COMPRESSION)
                .setTableFormatConfig(new BlockBasedTableConfig()
                        .setFilterPolicy(new BloomFilter(10, false))
                        .setBlockSize(pattern.blockBytes()))
                .setMemtablePrefixBloomSizeRatio(0.05)
                .setMemtableWholeKeyFiltering(true);
    }

    /** Opens (or creates) the store in {@code dir}. */
    public static StateStore open(Path dir, boolean fsync) {
        return open(dir, fsync, Map.of());
    }

    /**
     * Opens (or creates) the store in {@code dir} with the keyspaces {@code known} ready, created
     * if they are missing, each with the table settings of its access pattern. Other keyspaces are
     * created on first use, for point reads.
     */
    public static StateStore open(Path dir, boolean fsync, Map<String, AccessPattern> known) {
        try {
            return new StateStore(dir, fsync, known);
        } catch (RocksDBException | IOException e) {
            throw new StoreException("cannot open the state store in " + dir + ": " + e.getMessage(), e);
        }
    }

    RocksDB db() {
        if (closed) {
            throw new IllegalStateException("the state store is closed");
        }
        return db;
    }

    /** The keyspace {@code name}, created on first use. */
    public Keyspace keyspace(String name) {
        Keyspace ks = keyspaces.get(name);
        if (ks != null) {
            return ks;
        }
        synchronized (this) {
            return keyspaces.computeIfAbsent(name, n -> {
                try {
                    ColumnFamilyHandle h = db().createColumnFamily(new ColumnFamilyDescriptor(
                            n.getBytes(StandardCharsets.UTF_8), cfOptions.get(AccessPattern.POINT_READS)));
                    handles.add(h);
                    patterns.put(n, AccessPattern.POINT_READS);
                    return new Keyspace(this, n, h);
                } catch (RocksDBException e) {
                    throw new StoreException("create keyspace " + n, e);
                }
            });
        }
    }

    /** Whether the keyspace {@code name} keeps its larger values in blob files. */
    boolean separatesValues(String name) {
        AccessPattern pattern = patterns.get(name);
        return pattern != null && pattern.separatesValues();
    }

    /** Commits the writes of one operation atomically; {@code writes} puts into {@code home} by default. */
    public void write(Keyspace home, Consumer<Batch> writes) {
        try (WriteBatch batch = new WriteBatch()) {
            writes.accept(new RocksBatch(batch, home));
            if (batch.count() > 0) {
                db().write(writeOptions, batch);
            }
        } catch (RocksDBException e) {
            throw new StoreException("write " + home.name(), e);
        }
    }

    void clear(Keyspace keyspace) {
        try {
            // Every encoded key starts with a type byte below 0xFF.
            db().deleteRange(keyspace.handle(), writeOptions, new byte[0], new byte[] {(byte) 0xFF});
        } catch (RocksDBException e) {
            throw new StoreException("clear " + keyspace.name(), e);
        }
    }

    /** Flushes the memtables and WAL so that a later open starts fast. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            db.flushWal(true);
        } catch (RocksDBException ignored) {
            // closing anyway: the WAL is replayed at the next open
        }
        blobGarbage.stop();
        closed = true;
        for (ColumnFamilyHandle h : handles) {
            h.close();
        }
        db.close();
        blobGarbage.close();
        writeOptions.close();
        cfOptions.values().forEach(ColumnFamilyOptions::close);
        dbOptions.close();
    }

    private static final class RocksBatch implements Batch {
        private final WriteBatch batch;
        private final Keyspace home;

        RocksBatch(WriteBatch batch, Keyspace home) {
            this.batch = batch;
            this.home = home;
        }

        @Override
        public Batch put(Key key, byte[] value) {
            return put(home, key, value);
        }

        @Override
        public Batch delete(Key key) {
            return delete(home, key);
        }

        @Override
        public Batch deleteRange(Key from, Key to) {
            try {
                batch.deleteRange(home.handle(), from.raw(), to.raw());
            } catch (RocksDBException e) {
                throw new StoreException("batch delete range", e);
            }
            return this;
        }

        @Override
        public Batch put(Keyspace keyspace, Key key, byte[] value) {
            try {
                batch.put(keyspace.handle(), key.raw(), value);
            } catch (RocksDBException e) {
                throw new StoreException("batch put", e);
            }
            return this;
        }

        @Override
        public Batch delete(Keyspace keyspace, Key key) {
            try {
                batch.delete(keyspace.handle(), key.raw());
            } catch (RocksDBException e) {
                throw new StoreException("batch delete", e);
            }
            return this;
        }
    }
}
