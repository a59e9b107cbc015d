package io.tarn.glue.engine.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parquet, ORC and Avro: files written by real writers (pyarrow's fixtures for Parquet and ORC,
 * Apache Avro here), read from their footers, tails and headers only.
 */
class BinaryFormatsTest {

    private static List<FileSchema.Column> columns(String... nameTypePairs) {
        FileSchema.Column[] out = new FileSchema.Column[nameTypePairs.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = new FileSchema.Column(nameTypePairs[2 * i], nameTypePairs[2 * i + 1]);
        }
        return List.of(out);
    }

    @Test
    void parquetSchemaComesFromTheFooterAlone() throws IOException {
        BytesFile file = BytesFile.resource("nested.parquet");

        FileSchema schema = file.classify();

        assertThat(schema).isEqualTo(new FileSchema("parquet", "none", columns(
                "id", "bigint", "name", "string", "score", "double", "ratio", "float", "active", "boolean",
                "small", "smallint", "count", "int", "day", "date", "ts", "timestamp", "price", "decimal(10,2)",
                "tags", "array<string>", "address", "struct<city:string,zip:int>", "attrs", "map<string,bigint>",
                "raw", "binary"),
                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                Map.of("serialization.format", "1"), Map.of(), 3, file.size() / 3));
        // the head (for the magic), the footer's length and the footer: never a column chunk
        byte[] tail = file.read(file.size() - 8, 8).readAllBytes();
        int footerLength = java.nio.ByteBuffer.wrap(tail).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        assertThat(file.bytesRead).isEqualTo(Compression.HEAD_BYTES + 8 + footerLength);
    }

    @Test
    void parquetInt96TimestampsUnsignedIntsAndListsOfStructs() throws IOException {
        // pyarrow with use_deprecated_int96_timestamps (as Spark and Hive write) and lists of structs of lists
        FileSchema schema = BytesFile.resource("legacy.parquet").classify();

        assertThat(schema.columns()).isEqualTo(columns("tiny", "tinyint", "u16", "int", "u32", "bigint", "ts", "timestamp",
                "events", "array<struct<kind:string,at:array<bigint>>>"));
        assertThat(schema.recordCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nested.orc", "nested-zlib.orc", "nested-snappy.orc", "nested-lz4.orc", "nested-zstd.orc"})
    void orcSchemaComesFromTheTail(String fixture) throws IOException {
        BytesFile file = BytesFile.resource(fixture);

        FileSchema schema = file.classify();

        assertThat(schema).isEqualTo(new FileSchema("orc", "none", columns(
                "id", "bigint", "name", "string", "score", "double", "ratio", "float", "active", "boolean",
                "small", "smallint", "count", "int", "day", "date", "ts", "timestamp", "price", "decimal(10,2)",
                "tags", "array<string>", "address", "struct<city:string,zip:int>", "attrs", "map<string,bigint>",
                "raw", "binary"),
                "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
                "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat",
                "org.apache.hadoop.hive.ql.io.orc.OrcSerde",
                Map.of("serialization.format", "1"), Map.of(), 3, file.size() / 3));
    }

    @Test
    void avroSchemaComesFromTheHeader() throws IOException {
        Schema address = SchemaBuilder.record("Address").fields()
                .requiredString("city").optionalInt("zip").endRecord();
        Schema schema = SchemaBuilder.record("Order").namespace("shop").fields()
                .requiredLong("Id")
                .optionalString("note")
                .requiredDouble("total")
                .requiredBoolean("paid")
                .name("placed").type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
                .name("day").type(LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT))).noDefault()
                .name("amount").type(LogicalTypes.decimal(12, 3).addToSchema(Schema.create(Schema.Type.BYTES))).noDefault()
                .name("tags").type().array().items().stringType().noDefault()
                .name("attrs").type().map().values().longType().noDefault()
                .name("address").type(address).noDefault()
                .name("status").type().enumeration("Status").symbols("NEW", "DONE").noDefault()
                .endRecord();
        byte[] bytes = writeAvro(schema, 5_000);
        BytesFile file = new BytesFile("orders/part-0.avro", bytes);

        FileSchema found = file.classify();

        assertThat(found.classification()).isEqualTo("avro");
        assertThat(found.columns()).isEqualTo(columns(
                "id", "bigint", "note", "string", "total", "double", "paid", "boolean", "placed", "timestamp",
                "day", "date", "amount", "decimal(12,3)", "tags", "array<string>", "attrs", "map<string,bigint>",
                "address", "struct<city:string,zip:int>", "status", "string"));
        assertThat(found.serializationLibrary()).isEqualTo("org.apache.hadoop.hive.serde2.avro.AvroSerDe");
        assertThat(found.inputFormat()).isEqualTo("org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat");
        assertThat(found.outputFormat()).isEqualTo("org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat");
        assertThat(new Schema.Parser().parse(found.serdeParameters().get("avro.schema.literal"))).isEqualTo(schema);
        assertThat(found.tableParameters()).containsEntry("avro.schema.literal", schema.toString());
        // counted from the blocks' headers, hopping over their data
        assertThat(found.recordCount()).isEqualTo(5_000);
        assertThat(found.averageRecordSize()).isEqualTo(bytes.length / 5_000);
        // the header and at most one buffer-full after it, of a file of ~200 KB
        assertThat(file.bytesRead).isLessThan(16 * 1024);
    }

    @Test
    void corruptFootersAndTailsAreNotClassifiedNorThrown() throws IOException {
        byte[] parquet = BytesFile.resource("nested.parquet").read(0, Long.MAX_VALUE).readAllBytes();
        byte[] badParquet = Arrays.copyOf(parquet, parquet.length);
        Arrays.fill(badParquet, parquet.length - 200, parquet.length - 8, (byte) 0x7f);
        byte[] orc = BytesFile.resource("nested-zlib.orc").read(0, Long.MAX_VALUE).readAllBytes();
        byte[] badOrc = Arrays.copyOf(orc, orc.length);
        Arrays.fill(badOrc, orc.length - 300, orc.length - 30, (byte) 0x55);

        assertThat(new BytesFile("x.parquet", badParquet).classify(List.of())).isEmpty();
        assertThat(new BytesFile("x.orc", badOrc).classify(List.of())).isEmpty();
        assertThat(new BytesFile("x.avro", new byte[] {'O', 'b', 'j', 1, 9, 9}).classify(List.of())).isEmpty();
    }

    private static byte[] writeAvro(Schema schema, int records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
            writer.setCodec(CodecFactory.nullCodec());
            writer.create(schema, out);
            Schema address = schema.getField("address").schema();
            for (int i = 0; i < records; i++) {
                GenericRecord a = new GenericData.Record(address);
                a.put("city", "Paris");
                a.put("zip", i);
                GenericRecord r = new GenericData.Record(schema);
                r.put("Id", (long) i);
                r.put("note", "n" + i);
                r.put("total", i * 1.5);
                r.put("paid", i % 2 == 0);
                r.put("placed", 1_700_000_000_000L + i);
                r.put("day", 19_000 + i);
                r.put("amount", java.nio.ByteBuffer.wrap(new byte[] {1, 2}));
                r.put("tags", List.of("a", "b"));
                r.put("attrs", Map.of("k", (long) i));
                r.put("address", a);
                r.put("status", new GenericData.EnumSymbol(schema.getField("status").schema(), "NEW"));
                writer.append(r);
            }
        }
        return out.toByteArray();
    }
}
