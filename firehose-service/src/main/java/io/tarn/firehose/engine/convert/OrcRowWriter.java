package io.tarn.firehose.engine.convert;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ListColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.MapColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.StructColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.CompressionKind;
import org.apache.orc.OrcConf;
import org.apache.orc.OrcFile;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.apache.orc.impl.PhysicalFsWriter;
import org.apache.orc.impl.WriterImpl;
import org.apache.orc.impl.writer.WriterEncryptionVariant;

/**
 * Rows into ORC with orc-core's writer. ORC cannot be written without Hadoop's {@code Configuration}
 * and stream classes (hadoop-client-api), but no Hadoop file system: the file goes to the caller's
 * stream through {@link PhysicalFsWriter} over an {@link FSDataOutputStream} wrapper.
 */
final class OrcRowWriter implements RowWriter {

    /**
     * ORC's writer loads zstd's native library when first used, and writes Snappy with snappy-java's,
     * unless these system properties choose its pure-Java codecs; neither native library is in Tarn.
     */
    private static final String ZSTD_IMPL = "orc.compression.zstd.impl";
    private static final String SNAPPY_IMPL = "orc.compress.snappy.impl";
    /** AWS's OrcSerDe defaults. */
    private static final long DEFAULT_STRIPE_BYTES = 64L << 20;
    private static final long DEFAULT_BLOCK_BYTES = 256L << 20;
    private static final int DEFAULT_ROW_INDEX_STRIDE = 10_000;
    private static final double DEFAULT_BLOOM_FPP = 0.05;
    private static final double DEFAULT_PADDING_TOLERANCE = 0.05;
    /** ORC's own default: AWS documents no default of its own. */
    private static final double DEFAULT_DICTIONARY_THRESHOLD = 0.8;

    private final HiveType rowType;
    private final Writer writer;
    private final VectorizedRowBatch batch;

    OrcRowWriter(HiveType rowType, JsonNode orcSerDe, OutputStream out) throws IOException {
        System.setProperty(ZSTD_IMPL, System.getProperty(ZSTD_IMPL, "java"));
        System.setProperty(SNAPPY_IMPL, System.getProperty(SNAPPY_IMPL, "aircompressor"));
        this.rowType = rowType;
        TypeDescription schema = description(rowType);
        Configuration conf = new Configuration(false);
        OrcConf.DICTIONARY_KEY_SIZE_THRESHOLD.setDouble(conf,
                orcSerDe.path("DictionaryKeyThreshold").asDouble(DEFAULT_DICTIONARY_THRESHOLD));
        List<String> bloomColumns = new ArrayList<>();
        orcSerDe.path("BloomFilterColumns").forEach(c -> bloomColumns.add(c.asText().toLowerCase(java.util.Locale.ROOT)));
        OrcFile.WriterOptions options = OrcFile.writerOptions(conf)
                .setSchema(schema)
                .compress(compression(orcSerDe.path("Compression").asText("SNAPPY")))
                .stripeSize(Math.min(orcSerDe.path("StripeSizeBytes").asLong(DEFAULT_STRIPE_BYTES), MAX_ROW_GROUP_BYTES))
                .blockSize(orcSerDe.path("BlockSizeBytes").asLong(DEFAULT_BLOCK_BYTES))
                .rowIndexStride(orcSerDe.path("RowIndexStride").asInt(DEFAULT_ROW_INDEX_STRIDE))
                .blockPadding(orcSerDe.path("EnablePadding").asBoolean(false))
                .paddingTolerance(orcSerDe.path("PaddingTolerance").asDouble(DEFAULT_PADDING_TOLERANCE))
                .bloomFilterColumns(String.join(",", bloomColumns))
                .bloomFilterFpp(orcSerDe.path("BloomFilterFalsePositiveProbability").asDouble(DEFAULT_BLOOM_FPP))
                .version("V0_11".equals(orcSerDe.path("FormatVersion").asText("V0_12")) ? OrcFile.Version.V_0_11 : OrcFile.Version.V_0_12)
                .useUTCTimestamp(true);
        options.physicalWriter(new PhysicalFsWriter(new FSDataOutputStream(new KeepOpen(out), null), options,
                new WriterEncryptionVariant[0]));
        // the path only names the file in ORC's messages: with a physical writer given, no file system is asked for it
        writer = new WriterImpl(null, new Path("firehose.orc"), options);
        batch = schema.createRowBatch();
    }

    private static CompressionKind compression(String name) {
        switch (name) {
            case "NONE":
                return CompressionKind.NONE;
            case "ZLIB":
                return CompressionKind.ZLIB;
            case "SNAPPY":
                return CompressionKind.SNAPPY;
            default:
                throw new InvalidConversionConfigException("ORC compression " + name + " is not one of NONE, ZLIB, SNAPPY.");
        }
    }

    static TypeDescription description(HiveType t) {
        switch (t.kind()) {
            case BOOLEAN:
                return TypeDescription.createBoolean();
            case TINYINT:
                return TypeDescription.createByte();
            case SMALLINT:
                return TypeDescription.createShort();
            case INT:
                return TypeDescription.createInt();
            case BIGINT:
                return TypeDescription.createLong();
            case FLOAT:
                return TypeDescription.createFloat();
            case DOUBLE:
                return TypeDescription.createDouble();
            case DECIMAL:
                return TypeDescription.createDecimal().withPrecision(t.precision()).withScale(t.scale());
            case STRING:
                return TypeDescription.createString();
            case BINARY:
                return TypeDescription.createBinary();
            case TIMESTAMP:
                return TypeDescription.createTimestamp();
            case DATE:
                return TypeDescription.createDate();
            case ARRAY:
                return TypeDescription.createList(description(t.element()));
            case MAP:
                return TypeDescription.createMap(description(t.key()), description(t.value()));
            case STRUCT:
                TypeDescription struct = TypeDescription.createStruct();
                for (int i = 0; i < t.children().size(); i++) {
                    struct.addField(t.fieldNames().get(i), description(t.children().get(i)));
                }
                return struct;
            default:
                throw new IllegalStateException(t.kind().name());
        }
    }

    @Override
    public void write(Object[] row) throws IOException {
        int r = batch.size++;
        for (int c = 0; c < row.length; c++) {
            set(batch.cols[c], r, rowType.children().get(c), row[c]);
        }
        if (batch.size == batch.getMaxSize()) {
            flushBatch();
        }
    }

    private void flushBatch() throws IOException {
        writer.addRowBatch(batch);
        batch.reset();
    }

    @Override
    public void close() throws IOException {
        if (batch.size > 0) {
            flushBatch();
        }
        writer.close();
    }

    @SuppressWarnings("unchecked")
    private static void set(ColumnVector cv, int r, HiveType t, Object v) {
        if (v == null) {
            cv.noNulls = false;
            cv.isNull[r] = true;
            return;
        }
        cv.isNull[r] = false;
        switch (t.kind()) {
            case BOOLEAN:
                ((LongColumnVector) cv).vector[r] = (Boolean) v ? 1 : 0;
                break;
            case TINYINT:
            case SMALLINT:
            case INT:
            case BIGINT:
                ((LongColumnVector) cv).vector[r] = (Long) v;
                break;
            case FLOAT:
                ((DoubleColumnVector) cv).vector[r] = (Float) v;
                break;
            case DOUBLE:
                ((DoubleColumnVector) cv).vector[r] = (Double) v;
                break;
            case DECIMAL:
                ((DecimalColumnVector) cv).set(r, HiveDecimal.create((BigDecimal) v));
                break;
            case STRING:
                ((BytesColumnVector) cv).setVal(r, ((String) v).getBytes(StandardCharsets.UTF_8));
                break;
            case BINARY:
                ((BytesColumnVector) cv).setVal(r, (byte[]) v);
                break;
            case TIMESTAMP:
                LocalDateTime ts = (LocalDateTime) v;
                Timestamp utc = new Timestamp(ts.toEpochSecond(ZoneOffset.UTC) * 1000L);
                utc.setNanos(ts.getNano());
                ((TimestampColumnVector) cv).set(r, utc);
                break;
            case DATE:
                ((LongColumnVector) cv).vector[r] = ((LocalDate) v).toEpochDay();
                break;
            case ARRAY:
                ListColumnVector list = (ListColumnVector) cv;
                List<Object> items = (List<Object>) v;
                int start = list.childCount;
                list.offsets[r] = start;
                list.lengths[r] = items.size();
                list.childCount += items.size();
                list.child.ensureSize(list.childCount, true);
                for (int i = 0; i < items.size(); i++) {
                    set(list.child, start + i, t.element(), items.get(i));
                }
                break;
            case MAP:
                MapColumnVector map = (MapColumnVector) cv;
                Map<Object, Object> entries = (Map<Object, Object>) v;
                entries.remove(null); // ORC map keys cannot be null, as Hive drops them
                int first = map.childCount;
                map.offsets[r] = first;
                map.lengths[r] = entries.size();
                map.childCount += entries.size();
                map.keys.ensureSize(map.childCount, true);
                map.values.ensureSize(map.childCount, true);
                int i = first;
                for (Map.Entry<Object, Object> e : entries.entrySet()) {
                    set(map.keys, i, t.key(), e.getKey());
                    set(map.values, i, t.value(), e.getValue());
                    i++;
                }
                break;
            case STRUCT:
                StructColumnVector struct = (StructColumnVector) cv;
                Object[] fields = (Object[]) v;
                for (int f = 0; f < fields.length; f++) {
                    set(struct.fields[f], r, t.children().get(f), fields[f]);
                }
                break;
            default:
                throw new IllegalStateException(t.kind().name());
        }
    }

    /** The caller's stream, left open when ORC closes its writer: the caller owns it. */
    private static final class KeepOpen extends java.io.FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
