package io.tarn.firehose.engine.delivery;

import io.airlift.compress.snappy.SnappyFramedOutputStream;
import io.airlift.compress.snappy.SnappyHadoopStreams;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The destination's {@code CompressionFormat}: the stream an object's bytes go through and the
 * extension AWS adds to its name (docs: "Configure Amazon S3 object name format"). Snappy is the
 * framing format (stream identifier {@code sNaPpY}, CRC-32C per frame), as snzip reads Firehose's
 * objects; HADOOP_SNAPPY is Hadoop's block stream. The output is deterministic (no time in a GZIP
 * header, a fixed ZIP entry time) so a delivery repeated after a crash writes the same bytes.
 */
public enum Compression {
    UNCOMPRESSED(""),
    GZIP(".gz"),
    ZIP(".zip"),
    SNAPPY(".snappy"),
    HADOOP_SNAPPY(".hsnappy");

    private final String extension;

    Compression(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** {@code Snappy} on the wire is the only mixed-case value. */
    public static Compression of(String format) {
        return "Snappy".equals(format) ? SNAPPY : valueOf(format);
    }

    /** The stream to write an object's uncompressed bytes to; closing it finishes the compressed form. */
    OutputStream wrap(OutputStream out, String entryName, long entryTime) throws IOException {
        switch (this) {
            case GZIP:
                return new GZIPOutputStream(out, 64 * 1024);
            case ZIP: {
                ZipOutputStream zip = new ZipOutputStream(out);
                ZipEntry entry = new ZipEntry(entryName);
                entry.setTime(entryTime);
                zip.putNextEntry(entry);
                return zip;
            }
            case SNAPPY:
                return new SnappyFramedOutputStream(out);
            case HADOOP_SNAPPY:
                return new SnappyHadoopStreams().createOutputStream(out);
            default:
                return out;
        }
    }
}
