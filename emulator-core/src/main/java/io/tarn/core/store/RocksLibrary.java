package io.tarn.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads RocksDB's native library from a cache outside the jar. RocksDB's own loader copies the
 * library (16 MiB) out of the jar at every start, which costs about 200 ms; here it is copied once
 * per version into {@code ~/.cache/tarn/native} (or {@code TARN_NATIVE_CACHE}) and loaded from
 * there. Any problem falls back to RocksDB's own loader.
 */
final class RocksLibrary {

    private RocksLibrary() {}

    /** Not a static field: the library loads first thing at start, before logging is set up. */
    private static Logger log() {
        return LoggerFactory.getLogger(RocksLibrary.class);
    }

    static void load() {
        presetLibc();
        try {
            String file = Environment.getJniLibraryFileName("rocksdb");
            URL resource = RocksDB.class.getClassLoader().getResource(file);
            if (resource == null) {
                RocksDB.loadLibrary();
                return;
            }
            URLConnection connection = resource.openConnection();
            long size = connection.getContentLengthLong();
            // The library's size and CRC-32 (from the jar's directory, no reading) tell one RocksDB build from another.
            String crc = connection instanceof JarURLConnection
                    ? Long.toHexString(((JarURLConnection) connection).getJarEntry().getCrc()) : "file";
            Path dir = cacheRoot().resolve("rocksdbjni-" + size + "-" + crc);
            // RocksDB.loadLibrary(paths) looks for the file under the name its own method gives for
            // "rocksdbjni" (librocksdbjnijni-linux64.so today), so the cached copy takes that name.
            Path cached = dir.resolve(Environment.getJniLibraryFileName("rocksdbjni"));
            if (!Files.isRegularFile(cached) || Files.size(cached) != size) {
                Files.createDirectories(dir);
                Path temp = Files.createTempFile(dir, "rocksdbjni", ".tmp");
                try (InputStream in = connection.getInputStream()) {
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(temp, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            RocksDB.loadLibrary(List.of(dir.toString()));
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            log().debug("cannot load RocksDB from the cache ({}); using its own loader", e.toString());
            RocksDB.loadLibrary();
        }
    }

    /**
     * RocksDB decides between its glibc and musl builds by running {@code ldd} in a shell (about
     * 150 ms) unless {@code ROCKSDB_MUSL_LIBC} is set. The musl loader's file answers the same
     * question at once, so its answer is handed to RocksDB; if that fails, RocksDB asks {@code ldd}.
     */
    private static void presetLibc() {
        if (System.getenv("ROCKSDB_MUSL_LIBC") != null || !System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return;
        }
        boolean musl;
        try (java.util.stream.Stream<Path> lib = Files.list(Path.of("/lib"))) {
            musl = lib.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl-"));
        } catch (IOException | RuntimeException e) {
            return;
        }
        try {
            java.lang.reflect.Field field = Environment.class.getDeclaredField("MUSL_LIBC");
            field.setAccessible(true);
            field.set(null, musl);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log().debug("cannot preset RocksDB's libc choice: {}", e.toString());
        }
    }

    private static Path cacheRoot() {
        String configured = System.getenv("TARN_NATIVE_CACHE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "tarn", "native");
    }
}
