package io.tarn.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.core.store.AccessPattern;
import io.tarn.core.store.Keyspace;
import io.tarn.core.store.MasterKey;
import io.tarn.core.store.StateStore;
import io.tarn.core.store.blob.BlobStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.s3.engine.ObjectEngine.ObjectAttributes;
import io.tarn.s3.engine.ObjectEngine.WriteCondition;
import io.tarn.s3.model.AccessControl;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.StoredPart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real RocksDB store and blob store in a temp dir, a manual clock, an ephemeral master key, and
 * the S3 engines over them; {@link #reopen} closes and reopens everything as a restart does.
 */
abstract class EngineFixture {

    static final String OWNER = "000000000000";
    static final String OTHER = "111111111111";
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    static final int MIB = 1 << 20;
    static final int SEGMENT = 64 * 1024;

    @TempDir
    Path dir;

    EmulatorClock clock;
    MasterKey masterKey;
    /** KMS as S3 sees it through its port: real envelope encryption, keys that can be disabled, calls counted. */
    TestKeyService kms = new TestKeyService();
    StateStore store;
    Keyspace keyspace;
    BlobStore blobs;
    BucketEngine buckets;
    ObjectEngine objects;
    MultipartEngine uploads;
    ListingEngine listings;
    /** Objects of at most this many bytes are kept in RocksDB rather than in files (the server keeps up to 16 KiB). */
    int inlineThreshold;

    @BeforeEach
    void open() {
        clock = EmulatorClock.manual(START);
        masterKey = MasterKey.ephemeral();
        openEngines();
    }

    void openEngines() {
        store = StateStore.open(dir.resolve("db"), false, Map.of("s3", AccessPattern.POINT_READS_LARGE_VALUES));
        blobs = BlobStore.open(blobDir(), false, inlineThreshold);
        keyspace = store.keyspace("s3");
        buckets = new BucketEngine(keyspace, clock);
        objects = new ObjectEngine(keyspace, blobs, new ObjectEncryption(masterKey, () -> kms, clock, new io.tarn.s3.engine.encryption.BucketEncryptions(keyspace)), clock, buckets);
        uploads = new MultipartEngine(keyspace, objects, buckets);
        listings = new ListingEngine(keyspace, buckets);
    }

    /** Reopens with objects of up to 16 KiB kept in RocksDB, as the server keeps them. */
    void keepSmallObjectsInTheStore() {
        inlineThreshold = 16 << 10;
        reopen();
    }

    /** Closes the stores and opens them and new engines again, as a restart does (same clock, same master key). */
    void reopen() {
        closeEngines();
        openEngines();
    }

    void closeEngines() {
        blobs.close();
        store.close();
    }

    @AfterEach
    void close() {
        closeEngines();
    }

    Path blobDir() {
        return dir.resolve("blobs");
    }

    // ---- buckets

    void bucket(String name) {
        buckets.create(name, OWNER, "us-east-1", null, acl());
    }

    void versionedBucket(String name) {
        bucket(name);
        versioning(name, "Enabled");
    }

    void versioning(String name, String status) {
        buckets.update(name, b -> b.withVersioning(status));
    }

    static AccessControl acl() {
        return new AccessControl("owner-id", List.of(new AccessControl.Grant("CanonicalUser", "owner-id", "FULL_CONTROL")));
    }

    static ObjectAttributes attrs() {
        return new ObjectAttributes(OWNER, "STANDARD", Map.of("content-type", "binary/octet-stream"), Map.of(), Map.of(), null);
    }

    // ---- objects

    ObjectVersion put(String bucket, String key, byte[] data) {
        return put(bucket, key, data, Integrity.NONE, WriteCondition.NONE);
    }

    ObjectVersion put(String bucket, String key, byte[] data, Integrity integrity, WriteCondition condition) {
        ObjectEngine.PendingPut put = objects.beginPut(bucket, key, attrs(), condition, integrity);
        writeInChunks(data, put::write);
        try {
            return put.commit(null);
        } catch (RuntimeException e) {
            put.abort(); // as the router does when the sink's finish fails
            throw e;
        }
    }

    MultipartEngine.CompletedPart uploadPart(String bucket, String key, String uploadId, int number, byte[] data) {
        MultipartEngine.PendingPart part = uploads.beginPart(bucket, key, uploadId, number, Integrity.NONE);
        writeInChunks(data, part::write);
        try {
            return new MultipartEngine.CompletedPart(number, '"' + part.commit(null).stored().etag() + '"', null);
        } catch (RuntimeException e) {
            part.abort();
            throw e;
        }
    }

    /** Feeds {@code data} in uneven chunks, as a network body arrives. */
    /** The version a completed upload became. */
    ObjectVersion completed(io.tarn.s3.model.CompletedUpload done) {
        return objects.resolve(done.bucket(), done.key(), done.versionId());
    }

    static void writeInChunks(byte[] data, java.util.function.Consumer<ByteBuffer> sink) {
        int[] sizes = {1000, 8192, 65536, 100_000, 7};
        int at = 0;
        int i = 0;
        while (at < data.length) {
            int n = Math.min(sizes[i++ % sizes.length], data.length - at);
            sink.accept(ByteBuffer.wrap(data, at, n));
            at += n;
        }
    }

    byte[] read(ObjectVersion v) {
        return read(v, 0, v.size());
    }

    byte[] read(ObjectVersion v, long offset, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectReader reader = objects.open(v, offset, length)) {
            assertThat(reader.length()).isEqualTo(length);
            for (ByteBuffer chunk = reader.next(); chunk != null; chunk = reader.next()) {
                byte[] b = new byte[chunk.remaining()];
                chunk.get(b);
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }

    /** Files in the blob store other than its lock file: committed blobs and blobs being written. */
    List<Path> blobFiles() {
        try (Stream<Path> all = Files.walk(blobDir())) {
            return all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("lock")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files holding a version's bytes (inline and detached blobs have none). */
    List<Path> filesOf(ObjectVersion v) {
        List<Path> files = new ArrayList<>();
        for (StoredPart p : v.parts()) {
            if (!p.blob().inlined() && !p.blob().detached()) {
                files.add(blobDir().resolve(p.blob().id().substring(0, 2)).resolve(p.blob().id()));
            }
        }
        return files;
    }

    // ---- data and digests

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] md5(byte[] data) {
        return digest("MD5", data);
    }

    static String md5Hex(byte[] data) {
        return HexFormat.of().formatHex(md5(data));
    }

    static String md5Base64(byte[] data) {
        return Base64.getEncoder().encodeToString(md5(data));
    }

    static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(digest("SHA-256", data));
    }

    static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertAws(ThrowableAssert.ThrowingCallable call, String code, int status) {
        assertThatThrownBy(call).isInstanceOf(AwsException.class).satisfies(e -> {
            assertThat(((AwsException) e).code()).isEqualTo(code);
            assertThat(((AwsException) e).status()).isEqualTo(status);
        });
    }
}
