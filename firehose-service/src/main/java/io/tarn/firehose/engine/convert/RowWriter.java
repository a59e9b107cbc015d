package io.tarn.firehose.engine.convert;

import java.io.IOException;

/** Rows of the table's columns into one Parquet or ORC object. */
interface RowWriter extends AutoCloseable {

    /** One row, its values as {@link JsonDeserializer} reads them (null for a missing column). */
    void write(Object[] row) throws IOException;

    /** Writes the file's footer: the object is complete. */
    @Override
    void close() throws IOException;
}
