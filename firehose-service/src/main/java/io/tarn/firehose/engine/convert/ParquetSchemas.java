package io.tarn.firehose.engine.convert;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of a table as Hive's ParquetHiveSerDe (which Firehose converts with) writes it:
 * message {@code hive_schema}, every column optional, timestamps as INT96, decimals as fixed-length
 * byte arrays, arrays as {@code bag}/{@code array_element} and maps as {@code key_value} groups.
 */
final class ParquetSchemas {

    static final String ARRAY_GROUP = "bag";
    static final String ARRAY_ELEMENT = "array_element";
    static final String MAP_GROUP = "key_value";

    private ParquetSchemas() {}

    static MessageType message(HiveType row) {
        return new MessageType("hive_schema", fields(row));
    }

    private static List<Type> fields(HiveType struct) {
        List<Type> fields = new ArrayList<>();
        for (int i = 0; i < struct.children().size(); i++) {
            fields.add(type(struct.fieldNames().get(i), struct.children().get(i), Repetition.OPTIONAL));
        }
        return fields;
    }

    private static Type type(String name, HiveType t, Repetition repetition) {
        switch (t.kind()) {
            case BOOLEAN:
                return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case TINYINT:
                return Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(8, true)).named(name);
            case SMALLINT:
                return Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.intType(16, true)).named(name);
            case INT:
                return Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
            case BIGINT:
                return Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
            case FLOAT:
                return Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
            case DOUBLE:
                return Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            case DECIMAL:
                return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(decimalBytes(t.precision()))
                        .as(LogicalTypeAnnotation.decimalType(t.scale(), t.precision())).named(name);
            case STRING:
                return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(name);
            case BINARY:
                return Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
            case TIMESTAMP:
                return Types.primitive(PrimitiveTypeName.INT96, repetition).named(name);
            case DATE:
                return Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType()).named(name);
            case ARRAY:
                return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                        .addField(new GroupType(Repetition.REPEATED, ARRAY_GROUP, type(ARRAY_ELEMENT, t.element(), Repetition.OPTIONAL)))
                        .named(name);
            case MAP:
                return Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                        .addField(new GroupType(Repetition.REPEATED, MAP_GROUP, type("key", t.key(), Repetition.REQUIRED),
                                type("value", t.value(), Repetition.OPTIONAL)))
                        .named(name);
            case STRUCT:
                return new GroupType(repetition, name, fields(t));
            default:
                throw new IllegalStateException(t.kind().name());
        }
    }

    /** The fewest bytes whose two's complement holds every unscaled value of {@code precision} digits, as Hive sizes them. */
    static int decimalBytes(int precision) {
        int bytes = 1;
        while (Math.pow(2, 8 * bytes - 1) < Math.pow(10, precision)) {
            bytes++;
        }
        return bytes;
    }
}
