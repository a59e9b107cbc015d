package io.tarn.glue.engine.classifier;

import java.io.IOException;
import java.io.InputStream;

/**
 * One object a crawler classifies: its key, its size and ranged reads of its bytes (as
 * {@code ObjectStorePort.read} offers them), so a classifier reads only what it needs: a Parquet
 * footer, an ORC tail, an Avro header, the first megabyte of a text file.
 */
public interface SampledFile {

    String key();

    long size();

    /** Bytes {@code [offset, offset + length)}, clipped to the size; the caller closes the stream. */
    InputStream read(long offset, long length) throws IOException;

    /** Reads {@code [offset, offset + length)} whole (a footer, a tail): short only at the end of the file. */
    default byte[] readFully(long offset, int length) throws IOException {
        try (InputStream in = read(offset, length)) {
            return in.readNBytes(length);
        }
    }
}
