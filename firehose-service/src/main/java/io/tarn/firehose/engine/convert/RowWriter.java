package io.tarn.firehose.engine.convert;

import java.io.IOException;

/** Rows of the table's columns into one Parquet or ORC object. */
interface RowWriter extends AutoCloseable {

    /**
     * The most bytes of one Parquet row group or ORC stripe, whatever the serializer's settings: both
     * formats hold a row group (stripe) in memory until it is written, and a 128 MiB buffer would
     * otherwise be one. A file of several row groups holds the same rows, read the same way; AWS's
     * {@code BlockSizeBytes} is the HDFS block size padding is computed against, kept as such.
     */
    long MAX_ROW_GROUP_BYTES = 32L << 20;

    /** One row, its values as {@link JsonDeserializer} reads them (null for a missing column). */
    void write(Object[] row) throws IOException;

    /** Writes the file's footer: the object is complete. */
    @Override
    void close() throws IOException;
}
