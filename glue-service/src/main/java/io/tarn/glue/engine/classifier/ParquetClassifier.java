package io.tarn.glue.engine.classifier;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;

/**
 * The built-in {@code parquet} classifier: the schema from the footer alone (the last 8 bytes give
 * its length, then the footer is read; never the data), parsed with parquet-format's Thrift
 * structures, which need no Hadoop. Types map as Hive's Parquet SerDe reads them.
 */
final class ParquetClassifier {

    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};
    /** A footer larger than this is not read (a corrupt length, or a file no crawl should load). */
    private static final int MAX_FOOTER = 64 * 1024 * 1024;

    private ParquetClassifier() {}

    static boolean hasMagic(byte[] head) {
        return head.length >= 4 && Arrays.equals(head, 0, 4, MAGIC, 0, 4);
    }

    static Optional<FileSchema> classify(SampledFile file) throws IOException {
        if (file.size() < 12) {
            return Optional.empty();
        }
        byte[] tail = file.readFully(file.size() - 8, 8);
        if (tail.length < 8 || !Arrays.equals(tail, 4, 8, MAGIC, 0, 4)) {
            return Optional.empty();
        }
        int footerLength = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (footerLength <= 0 || footerLength > MAX_FOOTER || footerLength > file.size() - 12) {
            return Optional.empty();
        }
        FileMetaData footer;
        try {
            byte[] bytes = file.readFully(file.size() - 8 - footerLength, footerLength);
            footer = Util.readFileMetaData(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException corrupt) {
            return Optional.empty();
        }
        List<SchemaElement> elements = footer.getSchema();
        if (elements == null || elements.isEmpty()) {
            return Optional.empty();
        }
        SchemaTree tree = new SchemaTree(elements);
        List<FileSchema.Column> columns = new ArrayList<>();
        int next = 1;
        for (int i = 0; i < elements.get(0).getNum_children(); i++) {
            SchemaElement field = elements.get(next);
            columns.add(new FileSchema.Column(field.getName().toLowerCase(Locale.ROOT), tree.typeOf(next)));
            next = tree.after(next);
        }
        long rows = footer.getNum_rows();
        return Optional.of(new FileSchema("parquet", "none", List.copyOf(columns),
                StorageFormats.PARQUET_INPUT, StorageFormats.PARQUET_OUTPUT, StorageFormats.PARQUET_SERDE,
                Map.of("serialization.format", "1"), Map.of(),
                rows, rows > 0 ? Math.max(1, file.size() / rows) : -1));
    }

    /** The footer's depth-first list of schema elements, read as the tree it flattens. */
    private record SchemaTree(List<SchemaElement> elements) {

        /** The index just past element {@code i} and all its descendants. */
        int after(int i) {
            int next = i + 1;
            for (int c = 0; c < children(i); c++) {
                next = after(next);
            }
            return next;
        }

        private int children(int i) {
            SchemaElement e = elements.get(i);
            return e.isSetNum_children() ? e.getNum_children() : 0;
        }

        private List<Integer> childIndexes(int i) {
            List<Integer> out = new ArrayList<>();
            int next = i + 1;
            for (int c = 0; c < children(i); c++) {
                out.add(next);
                next = after(next);
            }
            return out;
        }

        /** The Hive type of element {@code i}, including its repetition. */
        String typeOf(int i) {
            String type = valueTypeOf(i);
            return elements.get(i).getRepetition_type() == FieldRepetitionType.REPEATED ? "array<" + type + ">" : type;
        }

        private String valueTypeOf(int i) {
            SchemaElement e = elements.get(i);
            if (e.isSetType()) {
                return primitive(e);
            }
            List<Integer> children = childIndexes(i);
            if (isAnnotated(e, ConvertedType.LIST) && children.size() == 1) {
                return "array<" + listElement(i, children.get(0)) + ">";
            }
            if ((isAnnotated(e, ConvertedType.MAP) || isAnnotated(e, ConvertedType.MAP_KEY_VALUE))
                    && children.size() == 1 && childIndexes(children.get(0)).size() == 2) {
                List<Integer> kv = childIndexes(children.get(0));
                return "map<" + valueTypeOf(kv.get(0)) + "," + typeOf(kv.get(1)) + ">";
            }
            List<String> fields = new ArrayList<>();
            for (int c : children) {
                fields.add(elements.get(c).getName() + ":" + typeOf(c));
            }
            return "struct<" + String.join(",", fields) + ">";
        }

        /**
         * A LIST's element type under Parquet's backward-compatibility rules: the repeated child is
         * the element itself when it is a primitive, a group of several fields, or named
         * {@code array} or {@code <list>_tuple} (two-level lists); else its one field is (three-level).
         */
        private String listElement(int list, int repeated) {
            SchemaElement r = elements.get(repeated);
            List<Integer> inner = childIndexes(repeated);
            boolean twoLevel = inner.size() != 1 || r.getName().equals("array")
                    || r.getName().equals(elements.get(list).getName() + "_tuple");
            return twoLevel ? valueTypeOf(repeated) : typeOf(inner.get(0));
        }

        private static boolean isAnnotated(SchemaElement e, ConvertedType converted) {
            if (e.isSetConverted_type() && e.getConverted_type() == converted) {
                return true;
            }
            if (!e.isSetLogicalType()) {
                return false;
            }
            LogicalType l = e.getLogicalType();
            return converted == ConvertedType.LIST ? l.isSetLIST() : converted == ConvertedType.MAP && l.isSetMAP();
        }

        private static String primitive(SchemaElement e) {
            LogicalType logical = e.isSetLogicalType() ? e.getLogicalType() : null;
            ConvertedType converted = e.isSetConverted_type() ? e.getConverted_type() : null;
            if ((logical != null && logical.isSetDECIMAL()) || converted == ConvertedType.DECIMAL) {
                int precision = logical != null && logical.isSetDECIMAL() ? logical.getDECIMAL().getPrecision() : e.getPrecision();
                int scale = logical != null && logical.isSetDECIMAL() ? logical.getDECIMAL().getScale() : e.getScale();
                return "decimal(" + precision + "," + scale + ")";
            }
            if (!e.isSetType()) {
                return "string";
            }
            return switch (e.getType()) {
                case BOOLEAN -> "boolean";
                case INT32 -> int32(logical, converted);
                case INT64 -> (logical != null && logical.isSetTIMESTAMP())
                        || converted == ConvertedType.TIMESTAMP_MILLIS || converted == ConvertedType.TIMESTAMP_MICROS
                        ? "timestamp" : "bigint";
                case INT96 -> "timestamp";
                case FLOAT -> "float";
                case DOUBLE -> "double";
                case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> isText(logical, converted) ? "string" : "binary";
            };
        }

        private static String int32(LogicalType logical, ConvertedType converted) {
            if ((logical != null && logical.isSetDATE()) || converted == ConvertedType.DATE) {
                return "date";
            }
            int bits = logical != null && logical.isSetINTEGER() ? logical.getINTEGER().getBitWidth() : 32;
            boolean signed = logical == null || !logical.isSetINTEGER() || logical.getINTEGER().isIsSigned();
            if (converted == ConvertedType.INT_8 || (bits == 8 && signed)) {
                return "tinyint";
            }
            if (converted == ConvertedType.INT_16 || (bits == 16 && signed) || converted == ConvertedType.UINT_8 || bits == 8) {
                return "smallint";
            }
            if (converted == ConvertedType.UINT_32 || (bits == 32 && !signed)) {
                return "bigint";
            }
            return "int";
        }

        private static boolean isText(LogicalType logical, ConvertedType converted) {
            if (logical != null && (logical.isSetSTRING() || logical.isSetENUM() || logical.isSetJSON())) {
                return true;
            }
            return converted == ConvertedType.UTF8 || converted == ConvertedType.ENUM || converted == ConvertedType.JSON;
        }
    }
}
