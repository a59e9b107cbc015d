package io.tarn.glue.engine.classifier;

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
import org.apache.avro.generic.GenericDatumReader;

/**
 * The built-in {@code avro} classifier: the writer's schema from an Avro container file's header
 * (read lazily: the data blocks after it are never fetched), with types mapped as Hive's AvroSerDe
 * maps them; the schema is kept whole in {@code avro.schema.literal}, as the crawler writes it.
 */
final class AvroClassifier {

    private static final byte[] MAGIC = {'O', 'b', 'j', 1};

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
                Map.of("avro.schema.literal", literal), -1, -1));
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
