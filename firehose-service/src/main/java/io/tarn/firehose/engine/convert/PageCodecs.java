package io.tarn.firehose.engine.convert;

import io.airlift.compress.snappy.SnappyCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet page compression without Hadoop's codec classes: SNAPPY as raw Snappy blocks
 * (aircompressor, pure Java), GZIP with the JDK, UNCOMPRESSED as is; the three codecs Firehose offers.
 */
final class PageCodecs implements CompressionCodecFactory {

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                byte[] raw = bytes.toByteArray();
                switch (codec) {
                    case UNCOMPRESSED:
                        return BytesInput.from(raw);
                    case SNAPPY:
                        SnappyCompressor snappy = new SnappyCompressor();
                        byte[] compressed = new byte[snappy.maxCompressedLength(raw.length)];
                        int n = snappy.compress(raw, 0, raw.length, compressed, 0, compressed.length);
                        return BytesInput.from(compressed, 0, n);
                    case GZIP:
                        ByteArrayOutputStream gz = new ByteArrayOutputStream(raw.length / 2 + 64);
                        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                            out.write(raw);
                        }
                        return BytesInput.from(gz.toByteArray());
                    default:
                        throw new IOException("Parquet codec " + codec + " is not offered by Firehose");
                }
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {}
        };
    }

    /** The converter only writes. */
    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("the format converter only writes Parquet");
    }

    @Override
    public void release() {}
}
