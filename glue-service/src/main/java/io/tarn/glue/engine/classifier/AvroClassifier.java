package io.tarn.glue.engine.classifier;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.generic.GenericDatumReader;

/**
 * The built-in {@code avro} classifier: the writer's schema from an Avro container file's header
 * (read lazily: the data blocks after it are never fetched), with types mapped as Hive's AvroSerDe
 * maps them; the schema is kept whole in {@code avro.schema.literal}, as the crawler writes it. The
 * record count is read from the blocks' headers, hopping over their data.
 */
final class AvroClassifier {

    private static final byte[] MAGIC = {'O', 'b', 'j', 1};
    private static final int SYNC_LENGTH = 16;
    /** Files of more blocks than this have their record count extrapolated from the first ones. */
    private static final int MAX_BLOCKS = 1000;
    /** A block starts with two zig-zag varints: its record count and its byte size. */
    private static final int BLOCK_HEADER_MAX = 20;

    private AvroClassifier() {}

    static boolean hasMagic(byte[] head) {
        return head.length >= 4 && head[0] == MAGIC[0] && head[1] == MAGIC[1] && head[2] == MAGIC[2] && head[3] == MAGIC[3];
    }

    static Optional<FileSchema> classify(SampledFile file) throws IOException {
        Schema schema;
        try (InputStream in = file.read(0, file.size());
             DataFileStream<Object> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
            schema = stream.getSchema();
        } catch (IOException | RuntimeException corrupt) {
            return Optional.empty();
        }
        if (schema.getType() != Schema.Type.RECORD) {
            return Optional.empty();
        }
        List<FileSchema.Column> columns = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            columns.add(new FileSchema.Column(field.name().toLowerCase(Locale.ROOT), hiveType(field.schema())));
        }
        String literal = schema.toString();
        return Optional.of(new FileSchema("avro", "none", List.copyOf(columns),
                StorageFormats.AVRO_INPUT, StorageFormats.AVRO_OUTPUT, StorageFormats.AVRO_SERDE,
                Map.of("avro.schema.literal", literal, "serialization.format", "1"),
                Map.of("avro.schema.literal", literal), -1, -1)).map(found -> withRecordCount(file, found));
    }

    /**
     * The file's record count from its blocks' headers alone: each block says how many records it
     * holds and how many bytes follow, so a hop from header to header (one small ranged read each)
     * counts the records without reading them.
     */
    private static FileSchema withRecordCount(SampledFile file, FileSchema schema) {
        try {
            long headerEnd = headerLength(file);
            long position = headerEnd;
            long records = 0;
            int blocks = 0;
            while (position < file.size() && blocks < MAX_BLOCKS) {
                byte[] head = file.readFully(position, (int) Math.min(BLOCK_HEADER_MAX, file.size() - position));
                ByteArrayInputStream in = new ByteArrayInputStream(head);
                BinaryDecoder decoder = DecoderFactory.get().directBinaryDecoder(in, null);
                long count = decoder.readLong();
                long bytes = decoder.readLong();
                if (count < 0 || bytes < 0) {
                    return schema;
                }
                records += count;
                position += (head.length - in.available()) + bytes + SYNC_LENGTH;
                blocks++;
            }
            if (position < file.size() && position > headerEnd) {
                records = Math.round(records * ((double) (file.size() - headerEnd) / (position - headerEnd)));
            }
            long average = records > 0 ? Math.max(1, file.size() / records) : -1;
            return new FileSchema(schema.classification(), schema.compressionType(), schema.columns(),
                    schema.inputFormat(), schema.outputFormat(), schema.serializationLibrary(),
                    schema.serdeParameters(), schema.tableParameters(), records, average);
        } catch (IOException | RuntimeException unreadable) {
            return schema; // the schema stands; the count stays unknown
        }
    }

    /** The header's length: magic, the metadata map, the sync marker. */
    private static long headerLength(SampledFile file) throws IOException {
        try (CountingInputStream in = new CountingInputStream(file.read(0, file.size()))) {
            BinaryDecoder decoder = DecoderFactory.get().directBinaryDecoder(in, null);
            decoder.skipFixed(MAGIC.length);
            for (long n = decoder.readMapStart(); n != 0; n = decoder.mapNext()) {
                for (long i = 0; i < n; i++) {
                    decoder.skipString();
                    decoder.skipBytes();
                }
            }
            decoder.skipFixed(SYNC_LENGTH);
            return in.count();
        }
    }

    static String hiveType(Schema s) {
        LogicalType logical = s.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal d) {
            return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
        }
        return switch (s.getType()) {
            case RECORD -> {
                List<String> fields = new ArrayList<>();
                s.getFields().forEach(f -> fields.add(f.name() + ":" + hiveType(f.schema())));
                yield "struct<" + String.join(",", fields) + ">";
            }
            case ARRAY -> "array<" + hiveType(s.getElementType()) + ">";
            case MAP -> "map<string," + hiveType(s.getValueType()) + ">";
            case UNION -> union(s);
            case ENUM, STRING, NULL -> "string";
            case FIXED, BYTES -> "binary";
            case INT -> logical instanceof LogicalTypes.Date ? "date" : "int";
            case LONG -> logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros
                    || logical instanceof LogicalTypes.LocalTimestampMillis
                    || logical instanceof LogicalTypes.LocalTimestampMicros ? "timestamp" : "bigint";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case BOOLEAN -> "boolean";
        };
    }

    /** A nullable type ({@code ["null", T]}) is T; a true union is Hive's {@code uniontype}. */
    private static String union(Schema s) {
        List<Schema> types = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
        if (types.isEmpty()) {
            return "string";
        }
        if (types.size() == 1) {
            return hiveType(types.get(0));
        }
        List<String> names = new ArrayList<>();
        types.forEach(t -> names.add(hiveType(t)));
        return "uniontype<" + String.join(",", names) + ">";
    }
}
