package io.tarn.firehose.engine.convert;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Rows into Parquet with parquet-java's writer, Hadoop-free: the file goes through parquet's own
 * {@link OutputFile} and {@link PlainParquetConfiguration}, pages are compressed by {@link PageCodecs}
 * (Parquet's default codec factory would load Hadoop's codecs).
 */
final class ParquetRowWriter implements RowWriter {

    /** AWS's ParquetSerDe defaults: 256 MiB blocks, 1 MiB pages, SNAPPY, no dictionary, no padding, V1. */
    private static final long DEFAULT_BLOCK_BYTES = 256L << 20;
    private static final int DEFAULT_PAGE_BYTES = 1 << 20;
    /** Julian day number of 1970-01-01, the epoch of INT96 timestamps' day part. */
    private static final int JULIAN_EPOCH_DAY = 2_440_588;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final ParquetWriter<Object[]> writer;

    ParquetRowWriter(HiveType rowType, JsonNode parquetSerDe, OutputStream out) throws IOException {
        MessageType schema = ParquetSchemas.message(rowType);
        CompressionCodecName codec = codec(parquetSerDe.path("Compression").asText("SNAPPY"));
        long blockBytes = parquetSerDe.path("BlockSizeBytes").asLong(DEFAULT_BLOCK_BYTES);
        writer = new Builder(new StreamOutputFile(out, blockBytes), schema, rowType)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new PageCodecs())
                .withCompressionCodec(codec)
                .withRowGroupSize(Math.min(blockBytes, MAX_ROW_GROUP_BYTES))
                .withPageSize(parquetSerDe.path("PageSizeBytes").asInt(DEFAULT_PAGE_BYTES))
                .withDictionaryEncoding(parquetSerDe.path("EnableDictionaryCompression").asBoolean(false))
                .withMaxPaddingSize(parquetSerDe.path("MaxPaddingBytes").asInt(0))
                .withWriterVersion("V2".equals(parquetSerDe.path("WriterVersion").asText("V1"))
                        ? WriterVersion.PARQUET_2_0 : WriterVersion.PARQUET_1_0)
                .build();
    }

    private static CompressionCodecName codec(String name) {
        switch (name) {
            case "UNCOMPRESSED":
                return CompressionCodecName.UNCOMPRESSED;
            case "GZIP":
                return CompressionCodecName.GZIP;
            case "SNAPPY":
                return CompressionCodecName.SNAPPY;
            default:
                throw new InvalidConversionConfigException("Parquet compression " + name + " is not one of UNCOMPRESSED, GZIP, SNAPPY.");
        }
    }

    @Override
    public void write(Object[] row) throws IOException {
        writer.write(row);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final MessageType schema;
        private final HiveType rowType;

        Builder(OutputFile file, MessageType schema, HiveType rowType) {
            super(file);
            this.schema = schema;
            this.rowType = rowType;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new RowWriteSupport(schema, rowType);
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport(schema, rowType);
        }
    }

    /** Walks a row and its nested values into Parquet's record consumer. */
    private static final class RowWriteSupport extends WriteSupport<Object[]> {
        private final MessageType schema;
        private final HiveType rowType;
        private RecordConsumer out;

        RowWriteSupport(MessageType schema, HiveType rowType) {
            this.schema = schema;
            this.rowType = rowType;
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration conf) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public WriteContext init(ParquetConfiguration conf) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            out = recordConsumer;
        }

        @Override
        public void write(Object[] row) {
            out.startMessage();
            fields(row, rowType);
            out.endMessage();
        }

        private void fields(Object[] values, HiveType struct) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    String name = struct.fieldNames().get(i);
                    out.startField(name, i);
                    value(values[i], struct.children().get(i));
                    out.endField(name, i);
                }
            }
        }

        @SuppressWarnings("unchecked")
        private void value(Object v, HiveType t) {
            switch (t.kind()) {
                case BOOLEAN:
                    out.addBoolean((Boolean) v);
                    break;
                case TINYINT:
                case SMALLINT:
                case INT:
                    out.addInteger((int) (long) (Long) v);
                    break;
                case BIGINT:
                    out.addLong((Long) v);
                    break;
                case FLOAT:
                    out.addFloat((Float) v);
                    break;
                case DOUBLE:
                    out.addDouble((Double) v);
                    break;
                case DECIMAL:
                    out.addBinary(Binary.fromConstantByteArray(fixedDecimal((BigDecimal) v, ParquetSchemas.decimalBytes(t.precision()))));
                    break;
                case STRING:
                    out.addBinary(Binary.fromString((String) v));
                    break;
                case BINARY:
                    out.addBinary(Binary.fromConstantByteArray((byte[]) v));
                    break;
                case TIMESTAMP:
                    out.addBinary(int96((LocalDateTime) v));
                    break;
                case DATE:
                    out.addInteger((int) ((LocalDate) v).toEpochDay());
                    break;
                case ARRAY:
                    out.startGroup();
                    List<Object> items = (List<Object>) v;
                    if (!items.isEmpty()) {
                        out.startField(ParquetSchemas.ARRAY_GROUP, 0);
                        for (Object item : items) {
                            out.startGroup();
                            if (item != null) {
                                out.startField(ParquetSchemas.ARRAY_ELEMENT, 0);
                                value(item, t.element());
                                out.endField(ParquetSchemas.ARRAY_ELEMENT, 0);
                            }
                            out.endGroup();
                        }
                        out.endField(ParquetSchemas.ARRAY_GROUP, 0);
                    }
                    out.endGroup();
                    break;
                case MAP:
                    out.startGroup();
                    Map<Object, Object> map = (Map<Object, Object>) v;
                    boolean started = false;
                    for (Map.Entry<Object, Object> e : map.entrySet()) {
                        if (e.getKey() == null) {
                            continue; // a map key is required in Parquet, as in Hive
                        }
                        if (!started) {
                            out.startField(ParquetSchemas.MAP_GROUP, 0);
                            started = true;
                        }
                        out.startGroup();
                        out.startField("key", 0);
                        value(e.getKey(), t.key());
                        out.endField("key", 0);
                        if (e.getValue() != null) {
                            out.startField("value", 1);
                            value(e.getValue(), t.value());
                            out.endField("value", 1);
                        }
                        out.endGroup();
                    }
                    if (started) {
                        out.endField(ParquetSchemas.MAP_GROUP, 0);
                    }
                    out.endGroup();
                    break;
                case STRUCT:
                    out.startGroup();
                    fields((Object[]) v, t);
                    out.endGroup();
                    break;
                default:
                    throw new IllegalStateException(t.kind().name());
            }
        }
    }

    /** Hive's INT96 timestamp: nanoseconds of the day then the Julian day, little-endian. */
    static Binary int96(LocalDateTime t) {
        long epochSecond = t.toEpochSecond(java.time.ZoneOffset.UTC);
        long day = Math.floorDiv(epochSecond, 86_400L);
        long nanosOfDay = Math.floorMod(epochSecond, 86_400L) * NANOS_PER_SECOND + t.getNano();
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(nanosOfDay).putInt((int) (day + JULIAN_EPOCH_DAY));
        return Binary.fromConstantByteArray(b.array());
    }

    /** The unscaled value big-endian, sign-extended to {@code length} bytes. */
    static byte[] fixedDecimal(BigDecimal v, int length) {
        byte[] unscaled = v.unscaledValue().toByteArray();
        byte[] fixed = new byte[length];
        byte pad = (byte) (v.signum() < 0 ? 0xFF : 0);
        int offset = length - unscaled.length;
        for (int i = 0; i < offset; i++) {
            fixed[i] = pad;
        }
        System.arraycopy(unscaled, 0, fixed, offset, unscaled.length);
        return fixed;
    }

    /**
     * Parquet's file over a stream that only goes forward, counting the bytes it has taken. Its block
     * size is the serializer's {@code BlockSizeBytes}: a row group that would end within
     * {@code MaxPaddingBytes} of a block's end is padded up to it, as AWS documents.
     */
    private static final class StreamOutputFile implements OutputFile {
        private final OutputStream out;
        private final long blockBytes;

        StreamOutputFile(OutputStream out, long blockBytes) {
            this.out = out;
            this.blockBytes = blockBytes;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    position++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    position += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() {
                    // the caller owns the stream: closing the Parquet file only completes it
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return true;
        }

        @Override
        public long defaultBlockSize() {
            return blockBytes;
        }
    }
}
