package io.tarn.benchmark;

import java.io.IOException;

/**
 * The row count of a Parquet file, read from its footer: the footer is a Thrift compact-protocol
 * {@code FileMetaData} whose field 3 is {@code num_rows} (i64), after the version (1) and the schema
 * (2), which are skipped. Enough Thrift to skip any value, so the benchmark needs no Parquet library
 * to check that every record put arrived as a row.
 */
final class ParquetFooterRows {

    private static final int STOP = 0;
    private static final int BOOLEAN_TRUE = 1;
    private static final int BOOLEAN_FALSE = 2;
    private static final int BYTE = 3;
    private static final int I16 = 4;
    private static final int I32 = 5;
    private static final int I64 = 6;
    private static final int DOUBLE = 7;
    private static final int BINARY = 8;
    private static final int LIST = 9;
    private static final int SET = 10;
    private static final int MAP = 11;
    private static final int STRUCT = 12;

    private final byte[] in;
    private int pos;

    private ParquetFooterRows(byte[] footer) {
        this.in = footer;
    }

    /** {@code num_rows} of a serialized {@code FileMetaData} (the footer without its length and magic). */
    static long numRows(byte[] footer) throws IOException {
        ParquetFooterRows r = new ParquetFooterRows(footer);
        int fieldId = 0;
        while (true) {
            int header = r.readByte();
            int type = header & 0x0f;
            if (type == STOP) {
                throw new IOException("no num_rows in the Parquet footer");
            }
            int delta = (header >> 4) & 0x0f;
            fieldId = delta != 0 ? fieldId + delta : (int) zigzag(r.varint());
            if (fieldId == 3 && type == I64) {
                return zigzag(r.varint());
            }
            r.skip(type);
        }
    }

    private void skip(int type) throws IOException {
        switch (type) {
            case BOOLEAN_TRUE, BOOLEAN_FALSE -> { } // a struct field's boolean is its type
            case BYTE -> pos++;
            case I16, I32, I64 -> varint();
            case DOUBLE -> pos += 8;
            case BINARY -> {
                int length = (int) varint(); // read first: "pos += varint()" would add to pos as it was before the varint
                pos += length;
            }
            case LIST, SET -> {
                int header = readByte();
                long size = (header >> 4) & 0x0f;
                if (size == 15) {
                    size = varint();
                }
                int element = header & 0x0f;
                for (long i = 0; i < size; i++) {
                    skipElement(element);
                }
            }
            case MAP -> {
                long size = varint();
                if (size > 0) {
                    int kinds = readByte();
                    for (long i = 0; i < size; i++) {
                        skipElement((kinds >> 4) & 0x0f);
                        skipElement(kinds & 0x0f);
                    }
                }
            }
            case STRUCT -> skipStruct();
            default -> throw new IOException("unknown Thrift compact type " + type + " at " + pos);
        }
        if (pos > in.length) {
            throw new IOException("Parquet footer ends early");
        }
    }

    /** A list's, set's or map's element: a boolean there takes a byte. */
    private void skipElement(int type) throws IOException {
        if (type == BOOLEAN_TRUE || type == BOOLEAN_FALSE) {
            pos++;
        } else {
            skip(type);
        }
    }

    private void skipStruct() throws IOException {
        while (true) {
            int header = readByte();
            int type = header & 0x0f;
            if (type == STOP) {
                return;
            }
            if (((header >> 4) & 0x0f) == 0) {
                varint(); // a field id given in full
            }
            skip(type);
        }
    }

    private int readByte() throws IOException {
        if (pos >= in.length) {
            throw new IOException("Parquet footer ends early");
        }
        return in[pos++] & 0xff;
    }

    private long varint() throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("varint too long");
    }

    private static long zigzag(long n) {
        return (n >>> 1) ^ -(n & 1);
    }
}
