package io.tarn.glue.engine.classifier;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.xerial.snappy.Snappy;

/**
 * Hadoop's {@code SnappyCodec} stream (what Hive, Spark and Firehose's Hadoop writers produce): blocks
 * of a 4-byte big-endian uncompressed length followed by 4-byte length-prefixed raw Snappy chunks
 * until that length is reached. snappy-java decompresses the chunks but has no reader for this framing.
 */
final class HadoopSnappyInputStream extends InputStream {

    /** Hadoop's writers use 256 KiB blocks; anything past this is not a block header. */
    private static final int MAX_BLOCK = 64 * 1024 * 1024;

    private final DataInputStream in;
    private byte[] block = new byte[0];
    private int position;
    private int limit;

    HadoopSnappyInputStream(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /** A file that starts with a sane block header: a block length, then a chunk length. */
    static boolean plausibleStart(byte[] head) {
        if (head.length < 8) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(head);
        int blockLength = b.getInt();
        int chunkLength = b.getInt();
        return blockLength > 0 && blockLength <= MAX_BLOCK && chunkLength > 0 && chunkLength <= MAX_BLOCK;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position == limit && !nextBlock()) {
            return -1;
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(block, position, b, off, n);
        position += n;
        return n;
    }

    private boolean nextBlock() throws IOException {
        int blockLength;
        try {
            blockLength = in.readInt();
        } catch (EOFException end) {
            return false;
        }
        checkLength(blockLength);
        if (block.length < blockLength) {
            block = new byte[blockLength];
        }
        int produced = 0;
        while (produced < blockLength) {
            int chunkLength = in.readInt();
            checkLength(chunkLength);
            byte[] chunk = in.readNBytes(chunkLength);
            if (chunk.length < chunkLength) {
                throw new EOFException("truncated Snappy chunk");
            }
            int size = Snappy.uncompressedLength(chunk);
            if (size > blockLength - produced) {
                throw new IOException("Snappy chunk larger than its block");
            }
            produced += Snappy.uncompress(chunk, 0, chunkLength, block, produced);
        }
        position = 0;
        limit = blockLength;
        return true;
    }

    private static void checkLength(int length) throws IOException {
        if (length < 0 || length > MAX_BLOCK) {
            throw new IOException("not a Hadoop Snappy block: length " + length);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
