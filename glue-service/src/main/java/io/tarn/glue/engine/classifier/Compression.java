package io.tarn.glue.engine.classifier;

import io.airlift.compress.snappy.SnappyFramedInputStream;
import io.airlift.compress.snappy.SnappyHadoopStreams;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;

/**
 * The compressions AWS's crawler reads text files through ("Built-in classifiers": ZIP of a single
 * file, BZIP2, GZIP, LZ4, Snappy both framed and Hadoop's block format), recognised by their magic
 * bytes; Hadoop's block Snappy has none, so it is recognised by the {@code .snappy} extension and a
 * plausible first block header. Snappy is aircompressor's (pure Java), bzip2 and LZ4 commons-compress's.
 * {@link #typeName} is what the crawler writes as {@code compressionType}.
 */
enum Compression {
    NONE("none"),
    GZIP("gzip"),
    BZIP2("bzip2"),
    ZIP("zip"),
    LZ4("lz4"),
    SNAPPY_FRAMED("snappy"),
    SNAPPY_HADOOP("snappy");

    /** Enough of a file's start to tell every codec above. */
    static final int HEAD_BYTES = 16;

    private static final byte[] SNAPPY_FRAME_MAGIC = {(byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'};

    /** Hadoop's writers use 256 KiB blocks; a larger "length" is not a block header. */
    private static final int MAX_HADOOP_BLOCK = 64 * 1024 * 1024;

    final String typeName;

    Compression(String typeName) {
        this.typeName = typeName;
    }

    static Compression detect(String key, byte[] head) {
        if (startsWith(head, 0x1f, 0x8b)) {
            return GZIP;
        }
        if (startsWith(head, 'B', 'Z', 'h') && head.length > 3 && head[3] >= '1' && head[3] <= '9') {
            return BZIP2;
        }
        if (startsWith(head, 'P', 'K', 3, 4)) {
            return ZIP;
        }
        if (startsWith(head, 0x04, 0x22, 0x4d, 0x18)) {
            return LZ4;
        }
        if (head.length >= SNAPPY_FRAME_MAGIC.length
                && Arrays.equals(head, 0, SNAPPY_FRAME_MAGIC.length, SNAPPY_FRAME_MAGIC, 0, SNAPPY_FRAME_MAGIC.length)) {
            return SNAPPY_FRAMED;
        }
        if (key.toLowerCase(Locale.ROOT).endsWith(".snappy") && plausibleHadoopBlock(head)) {
            return SNAPPY_HADOOP;
        }
        return NONE;
    }

    /** The decompressed bytes of {@code raw}. */
    InputStream decompress(InputStream raw) throws IOException {
        return switch (this) {
            case NONE -> raw;
            case GZIP -> new GZIPInputStream(raw, 64 * 1024);
            case BZIP2 -> new BZip2CompressorInputStream(raw, true);
            case LZ4 -> new FramedLZ4CompressorInputStream(raw, true);
            case SNAPPY_FRAMED -> new SnappyFramedInputStream(raw);
            case SNAPPY_HADOOP -> new SnappyHadoopStreams().createInputStream(raw);
            case ZIP -> firstEntry(new ZipInputStream(raw));
        };
    }

    /** Hadoop's block stream starts with a block's length and then its first chunk's, both sane. */
    private static boolean plausibleHadoopBlock(byte[] head) {
        if (head.length < 8) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(head);
        int blockLength = b.getInt();
        int chunkLength = b.getInt();
        return blockLength > 0 && blockLength <= MAX_HADOOP_BLOCK && chunkLength > 0 && chunkLength <= MAX_HADOOP_BLOCK;
    }

    private static InputStream firstEntry(ZipInputStream zip) throws IOException {
        if (zip.getNextEntry() == null) {
            throw new IOException("empty zip archive");
        }
        return zip;
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
