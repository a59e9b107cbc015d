package io.tarn.firehose.engine.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.core.spi.ports.CatalogPort;
import io.tarn.core.spi.ports.CatalogPort.Column;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ListColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.MapColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.StructColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JSON records into Parquet and ORC, read back with the formats' own readers. */
class RecordFormatConverterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant ARRIVAL = Instant.parse("2024-05-01T10:00:00Z");
    /** One column of every Hive type Firehose converts. */
    static final CatalogPort.TableSchema ALL_TYPES = new CatalogPort.TableSchema("web", "events", "0", List.of(
            new Column("b", "boolean"), new Column("ti", "tinyint"), new Column("si", "smallint"), new Column("i", "int"),
            new Column("bi", "bigint"), new Column("f", "float"), new Column("d", "double"), new Column("dec", "decimal(10,2)"),
            new Column("s", "string"), new Column("vc", "varchar(10)"), new Column("ts", "timestamp"), new Column("dt", "date"),
            new Column("arr", "array<int>"), new Column("m", "map<string,bigint>"),
            new Column("st", "struct<name:string,tags:array<string>>")),
            List.of(new Column("year", "string")));
    static final String FULL_RECORD = "{\"b\":true,\"ti\":-5,\"si\":300,\"i\":70000,\"bi\":5000000000,\"f\":1.5,\"d\":2.25,"
            + "\"dec\":\"12.345\",\"s\":\"héllo\",\"vc\":\"short\",\"ts\":\"2024-05-01 10:11:12.5\",\"dt\":\"2024-05-01\","
            + "\"arr\":[1,null,3],\"m\":{\"a\":1,\"b\":null},\"st\":{\"name\":\"n\",\"tags\":[\"x\"]}}";

    @TempDir
    Path dir;

    static JsonNode config(String input, String output) throws IOException {
        return JSON.readTree("{\"SchemaConfiguration\":{\"DatabaseName\":\"web\",\"TableName\":\"events\",\"Region\":\"us-east-1\"},"
                + "\"InputFormatConfiguration\":{\"Deserializer\":" + input + "},"
                + "\"OutputFormatConfiguration\":{\"Serializer\":" + output + "},\"Enabled\":true}");
    }

    static List<SourceRecord> records(String... json) {
        List<SourceRecord> records = new ArrayList<>();
        for (String j : json) {
            records.add(SourceRecord.direct(j.getBytes(StandardCharsets.UTF_8), ARRIVAL));
        }
        return records;
    }

    private Path convert(JsonNode config, CatalogPort.TableSchema schema, List<SourceRecord> records, long rows, int failed)
            throws IOException {
        RecordFormatConverter converter = RecordFormatConverter.of(config, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConversionResult result = converter.convert(records, out);
        assertThat(result.rowsWritten()).isEqualTo(rows);
        assertThat(result.failed()).hasSize(failed);
        Path file = dir.resolve("out" + converter.fileExtension());
        Files.write(file, out.toByteArray());
        return file;
    }

    private static List<Group> parquetRows(Path file) throws IOException {
        List<Group> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri())).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                rows.add(g);
            }
        }
        return rows;
    }

    @ParameterizedTest
    @ValueSource(strings = {"SNAPPY", "GZIP", "UNCOMPRESSED"})
    void everyTypeToParquetInHivesLayout(String compression) throws IOException {
        Path file = convert(config("{\"OpenXJsonSerDe\":{}}", "{\"ParquetSerDe\":{\"Compression\":\"" + compression + "\"}}"),
                ALL_TYPES, records(FULL_RECORD, "{}"), 2, 0);
        assertThat(file.getFileName().toString()).endsWith(".parquet");
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            assertThat(schema.getName()).isEqualTo("hive_schema");
            assertThat(schema.getFields()).extracting(f -> f.getName()).containsExactly("b", "ti", "si", "i", "bi", "f", "d", "dec",
                    "s", "vc", "ts", "dt", "arr", "m", "st"); // the partition key is not a column of the file
            assertThat(schema.getType("ts").asPrimitiveType().getPrimitiveTypeName().name()).isEqualTo("INT96");
            assertThat(schema.getType("dec").toString()).isEqualTo("optional fixed_len_byte_array(5) dec (DECIMAL(10,2))");
            assertThat(schema.getType("arr").toString()).contains("repeated group bag").contains("optional int32 array_element");
            assertThat(schema.getType("m").toString()).contains("repeated group key_value").contains("required binary key (STRING)");
            assertThat(reader.getFooter().getBlocks().get(0).getColumns().get(0).getCodec())
                    .isEqualTo(CompressionCodecName.valueOf(compression));
        }
        List<Group> rows = parquetRows(file);
        Group row = rows.get(0);
        assertThat(row.getBoolean("b", 0)).isTrue();
        assertThat(row.getInteger("ti", 0)).isEqualTo(-5);
        assertThat(row.getInteger("si", 0)).isEqualTo(300);
        assertThat(row.getInteger("i", 0)).isEqualTo(70000);
        assertThat(row.getLong("bi", 0)).isEqualTo(5_000_000_000L);
        assertThat(row.getFloat("f", 0)).isEqualTo(1.5f);
        assertThat(row.getDouble("d", 0)).isEqualTo(2.25);
        assertThat(new BigDecimal(new java.math.BigInteger(row.getBinary("dec", 0).getBytes()), 2)).isEqualTo(new BigDecimal("12.35"));
        assertThat(row.getString("s", 0)).isEqualTo("héllo");
        assertThat(row.getString("vc", 0)).isEqualTo("short");
        assertThat(row.getInteger("dt", 0)).isEqualTo((int) java.time.LocalDate.parse("2024-05-01").toEpochDay());
        assertThat(row.getInt96("ts", 0)).isEqualTo(ParquetRowWriter.int96(java.time.LocalDateTime.parse("2024-05-01T10:11:12.5")));
        Group arr = row.getGroup("arr", 0);
        assertThat(arr.getFieldRepetitionCount("bag")).isEqualTo(3);
        assertThat(arr.getGroup("bag", 1).getFieldRepetitionCount("array_element")).isZero(); // the null element
        assertThat(arr.getGroup("bag", 2).getInteger("array_element", 0)).isEqualTo(3);
        Group map = row.getGroup("m", 0);
        assertThat(map.getFieldRepetitionCount("key_value")).isEqualTo(2);
        assertThat(map.getGroup("key_value", 0).getString("key", 0)).isEqualTo("a");
        assertThat(map.getGroup("key_value", 0).getLong("value", 0)).isEqualTo(1L);
        Group st = row.getGroup("st", 0);
        assertThat(st.getString("name", 0)).isEqualTo("n");
        Group empty = rows.get(1);
        assertThat(empty.getFieldRepetitionCount("b")).isZero(); // missing keys are nulls
    }

    @ParameterizedTest
    @ValueSource(strings = {"SNAPPY", "ZLIB", "NONE"})
    void everyTypeToOrc(String compression) throws IOException {
        Path file = convert(config("{\"OpenXJsonSerDe\":{}}", "{\"OrcSerDe\":{\"Compression\":\"" + compression + "\"}}"),
                ALL_TYPES, records(FULL_RECORD, "{\"i\":1}"), 2, 0);
        assertThat(file.getFileName().toString()).endsWith(".orc");
        Reader reader = OrcFile.createReader(new org.apache.hadoop.fs.Path(file.toUri()), OrcFile.readerOptions(new Configuration()));
        assertThat(reader.getCompressionKind().name()).isEqualTo(compression);
        assertThat(reader.getSchema().toString()).isEqualTo("struct<b:boolean,ti:tinyint,si:smallint,i:int,bi:bigint,f:float,"
                + "d:double,dec:decimal(10,2),s:string,vc:string,ts:timestamp,dt:date,arr:array<int>,m:map<string,bigint>,"
                + "st:struct<name:string,tags:array<string>>>");
        assertThat(reader.getNumberOfRows()).isEqualTo(2);
        VectorizedRowBatch batch = reader.getSchema().createRowBatch();
        try (RecordReader rows = reader.rows()) {
            assertThat(rows.nextBatch(batch)).isTrue();
        }
        assertThat(((LongColumnVector) batch.cols[0]).vector[0]).isEqualTo(1);
        assertThat(((LongColumnVector) batch.cols[4]).vector[0]).isEqualTo(5_000_000_000L);
        assertThat(((DecimalColumnVector) batch.cols[7]).vector[0].getHiveDecimal().bigDecimalValue()).isEqualByComparingTo("12.35");
        assertThat(((BytesColumnVector) batch.cols[8]).toString(0)).isEqualTo("héllo");
        assertThat(((TimestampColumnVector) batch.cols[10]).asScratchTimestamp(0).toInstant())
                .isEqualTo(Instant.parse("2024-05-01T10:11:12.5Z"));
        ListColumnVector arr = (ListColumnVector) batch.cols[12];
        assertThat(arr.lengths[0]).isEqualTo(3);
        assertThat(arr.child.isNull[1]).isTrue();
        assertThat(((MapColumnVector) batch.cols[13]).lengths[0]).isEqualTo(2);
        assertThat(((BytesColumnVector) ((StructColumnVector) batch.cols[14]).fields[0]).toString(0)).isEqualTo("n");
        assertThat(batch.cols[0].isNull[1]).isTrue();
        assertThat(((LongColumnVector) batch.cols[3]).vector[1]).isEqualTo(1);
    }

    @Test
    void openXOptionsMapKeysIgnoreCaseAndTurnDotsIntoUnderscores() throws IOException {
        CatalogPort.TableSchema schema = new CatalogPort.TableSchema("web", "events", "0",
                List.of(new Column("event_time", "timestamp"), new Column("user_id", "int"), new Column("page", "string")), List.of());
        Path file = convert(config("{\"OpenXJsonSerDe\":{\"ConvertDotsInJsonKeysToUnderscores\":true,"
                        + "\"ColumnToJsonKeyMappings\":{\"event_time\":\"time\"}}}", "{\"ParquetSerDe\":{}}"), schema,
                records("{\"time\":1714557600,\"USER.ID\":\"42\",\"Page\":\"/\"}",
                        "{\"time\":1714557600123,\"user.id\":7}", "{\"time\":\"2024-05-01T10:00:00.25Z\"}",
                        "{\"time\":1714557600.5}"), 4, 0);
        List<Group> rows = parquetRows(file);
        assertThat(rows.get(0).getInteger("user_id", 0)).isEqualTo(42); // OpenX reads a number given as a string
        assertThat(rows.get(0).getString("page", 0)).isEqualTo("/");
        assertThat(rows.get(0).getInt96("event_time", 0)).isEqualTo(ParquetRowWriter.int96(java.time.LocalDateTime.parse("2024-05-01T10:00")));
        assertThat(rows.get(1).getInt96("event_time", 0))
                .isEqualTo(ParquetRowWriter.int96(java.time.LocalDateTime.parse("2024-05-01T10:00:00.123")));
        assertThat(rows.get(2).getInt96("event_time", 0))
                .isEqualTo(ParquetRowWriter.int96(java.time.LocalDateTime.parse("2024-05-01T10:00:00.25")));
        assertThat(rows.get(3).getInt96("event_time", 0))
                .isEqualTo(ParquetRowWriter.int96(java.time.LocalDateTime.parse("2024-05-01T10:00:00.5")));
    }

    @Test
    void caseSensitiveOpenXMissesKeysOfAnotherCase() throws IOException {
        CatalogPort.TableSchema schema = new CatalogPort.TableSchema("web", "events", "0", List.of(new Column("page", "string")), List.of());
        Path file = convert(config("{\"OpenXJsonSerDe\":{\"CaseInsensitive\":false}}", "{\"ParquetSerDe\":{}}"), schema,
                records("{\"Page\":\"/a\"}", "{\"page\":\"/b\"}"), 2, 0);
        List<Group> rows = parquetRows(file);
        assertThat(rows.get(0).getFieldRepetitionCount("page")).isZero();
        assertThat(rows.get(1).getString("page", 0)).isEqualTo("/b");
    }

    @Test
    void hiveSerDeReadsItsTimestampFormatsAndRefusesStringsForNumbers() throws IOException {
        CatalogPort.TableSchema schema = new CatalogPort.TableSchema("web", "events", "0",
                List.of(new Column("ts", "timestamp"), new Column("n", "int")), List.of());
        JsonNode config = config("{\"HiveJsonSerDe\":{\"TimestampFormats\":[\"dd/MM/yyyy HH:mm\",\"millis\"]}}", "{\"ParquetSerDe\":{}}");
        RecordFormatConverter converter = RecordFormatConverter.of(config, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConversionResult result = converter.convert(records("{\"ts\":\"01/05/2024 10:30\",\"n\":1}", "{\"ts\":1714557600000}",
                "{\"ts\":\"2024-05-01 10:00:00\"}", "{\"n\":\"1\"}", "{\"ts\":\"May 1st\"}"), out);
        assertThat(result.rowsWritten()).isEqualTo(3);
        assertThat(result.failed()).extracting(FailedRecord::errorCode).containsOnly("DataFormatConversion.MalformedData");
        assertThat(result.failed()).extracting(FailedRecord::errorMessage).containsExactly(
                "The value \"1\" of column n cannot be read as int.", "The value \"May 1st\" of column ts cannot be read as timestamp.");
        Path file = dir.resolve("hive.parquet");
        Files.write(file, out.toByteArray());
        List<Group> rows = parquetRows(file);
        assertThat(rows.get(0).getInt96("ts", 0)).isEqualTo(ParquetRowWriter.int96(java.time.LocalDateTime.parse("2024-05-01T10:30")));
        assertThat(rows.get(1).getInt96("ts", 0)).isEqualTo(ParquetRowWriter.int96(java.time.LocalDateTime.parse("2024-05-01T10:00")));
        assertThat(rows.get(2).getInt96("ts", 0)).isEqualTo(ParquetRowWriter.int96(java.time.LocalDateTime.parse("2024-05-01T10:00")));
    }

    @Test
    void badRecordsGoToTheErrorOutputInAwsFormatAndGoodOnesStillConvert() throws IOException {
        JsonNode config = config("{\"OpenXJsonSerDe\":{}}", "{\"ParquetSerDe\":{}}");
        List<SourceRecord> input = new ArrayList<>(records("not json", "[1,2]", "{\"i\":\"x\"}", "{\"ti\":1000}"));
        input.add(new SourceRecord("{\"i\":1}\n{\"i\":2}\n".getBytes(StandardCharsets.UTF_8), ARRIVAL, "4960", 3L));
        RecordFormatConverter converter = RecordFormatConverter.of(config, ALL_TYPES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConversionResult result = converter.convert(input, out);
        assertThat(result.rowsWritten()).isEqualTo(2); // one record of two JSON objects
        assertThat(result.failed()).hasSize(4);
        assertThat(result.failed().get(3).errorMessage()).isEqualTo("The value 1000 of column ti is out of range for tinyint.");

        Instant end = ARRIVAL.plusSeconds(60);
        String lines = new String(ConversionErrors.jsonLines(result.failed(), config.get("SchemaConfiguration"),
                "arn:aws:glue:us-east-1:000000000000:catalog", end),
                StandardCharsets.UTF_8);
        assertThat(lines.lines()).hasSize(4);
        JsonNode first = JSON.readTree(lines.lines().findFirst().orElseThrow());
        assertThat(first.get("attemptsMade").asInt()).isEqualTo(1);
        assertThat(first.get("arrivalTimestamp").asLong()).isEqualTo(ARRIVAL.toEpochMilli());
        assertThat(first.get("attemptEndingTimestamp").asLong()).isEqualTo(end.toEpochMilli());
        assertThat(first.get("ErrorCode").asText()).isEqualTo("DataFormatConversion.MalformedData");
        assertThat(first.get("ErrorMessage").asText()).startsWith("The record is not valid JSON");
        assertThat(new String(Base64.getDecoder().decode(first.get("rawData").asText()), StandardCharsets.UTF_8)).isEqualTo("not json");
        assertThat(first.get("dataCatalogTable").get("databaseName").asText()).isEqualTo("web");
        assertThat(first.get("dataCatalogTable").get("tableName").asText()).isEqualTo("events");
        assertThat(first.get("dataCatalogTable").get("versionId").asText()).isEqualTo("LATEST");
        assertThat(first.get("dataCatalogTable").get("catalogArn").asText()).isEqualTo("arn:aws:glue:us-east-1:000000000000:catalog");
        assertThat(first.get("dataCatalogTable").fieldNames()).toIterable().containsExactly("catalogId", "databaseName", "tableName",
                "region", "versionId", "catalogArn");
    }

    @Test
    void anEmptyOrBlankRecordFailsInAwsWords() throws IOException {
        RecordFormatConverter converter = RecordFormatConverter.of(config("{\"OpenXJsonSerDe\":{}}", "{\"ParquetSerDe\":{}}"), ALL_TYPES);
        ConversionResult result = converter.convert(records("", " \n\t", "{\"i\":1}"), new ByteArrayOutputStream());
        assertThat(result.rowsWritten()).isEqualTo(1);
        assertThat(result.failed()).extracting(FailedRecord::errorCode, FailedRecord::errorMessage).containsOnly(
                org.assertj.core.groups.Tuple.tuple("DataFormatConversion.MalformedData", "The record was empty or contained only whitespace."));
        assertThat(result.failed()).hasSize(2);
    }

    @Test
    void aBatchWithNoConvertibleRecordWritesNothing() throws IOException {
        RecordFormatConverter converter = RecordFormatConverter.of(config("{\"OpenXJsonSerDe\":{}}", "{\"OrcSerDe\":{}}"), ALL_TYPES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConversionResult result = converter.convert(records("nope"), out);
        assertThat(result.rowsWritten()).isZero();
        assertThat(out.size()).isZero();
    }

    /** 48 MiB of rows: more than one row group or stripe can hold. */
    private Path convertLarge(String serializer) throws IOException {
        CatalogPort.TableSchema schema = new CatalogPort.TableSchema("web", "events", "0",
                List.of(new Column("id", "bigint"), new Column("payload", "string")), List.of());
        RecordFormatConverter converter = RecordFormatConverter.of(config("{\"OpenXJsonSerDe\":{}}", serializer), schema);
        java.util.Random random = new java.util.Random(7);
        char[] payload = new char[1000];
        Path file = dir.resolve("large" + converter.fileExtension());
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            RecordFormatConverter.Conversion conversion = converter.start(out);
            for (int id = 0; id < LARGE_ROWS; id++) {
                for (int c = 0; c < payload.length; c++) {
                    payload[c] = (char) ('a' + random.nextInt(26));
                }
                conversion.add(SourceRecord.direct(("{\"id\":" + id + ",\"payload\":\"" + new String(payload) + "\"}")
                        .getBytes(StandardCharsets.UTF_8), ARRIVAL));
            }
            conversion.finish();
            assertThat(conversion.result().rowsWritten()).isEqualTo(LARGE_ROWS);
        }
        return file;
    }

    private static final int LARGE_ROWS = 48 * 1024;

    @Test
    void parquetRowGroupsStayBoundedAndPadToTheBlockSize() throws IOException {
        // 64 MiB blocks (AWS's minimum) and up to 40 MiB of padding: the first row group ends near 32 MiB, so the next starts at 64 MiB
        Path file = convertLarge("{\"ParquetSerDe\":{\"Compression\":\"UNCOMPRESSED\",\"BlockSizeBytes\":67108864,"
                + "\"MaxPaddingBytes\":41943040}}");
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            List<org.apache.parquet.hadoop.metadata.BlockMetaData> groups = reader.getFooter().getBlocks();
            assertThat(groups).hasSizeGreaterThan(1);
            assertThat(groups).allSatisfy(g -> assertThat(g.getCompressedSize()).isLessThanOrEqualTo(RowWriter.MAX_ROW_GROUP_BYTES + (4 << 20)));
            assertThat(groups.get(1).getStartingPos()).isEqualTo(64L << 20);
            assertThat(groups.stream().mapToLong(g -> g.getRowCount()).sum()).isEqualTo(LARGE_ROWS);
        }
        List<Group> rows = parquetRows(file);
        assertThat(rows).hasSize(LARGE_ROWS);
        assertThat(rows.get(LARGE_ROWS - 1).getLong("id", 0)).isEqualTo(LARGE_ROWS - 1);
    }

    @Test
    void orcStripesStayBounded() throws IOException {
        Path file = convertLarge("{\"OrcSerDe\":{\"Compression\":\"NONE\",\"StripeSizeBytes\":134217728}}");
        Reader reader = OrcFile.createReader(new org.apache.hadoop.fs.Path(file.toUri()), OrcFile.readerOptions(new Configuration()));
        assertThat(reader.getStripes()).hasSizeGreaterThan(1);
        assertThat(reader.getStripes()).allSatisfy(s -> assertThat(s.getLength()).isLessThanOrEqualTo(RowWriter.MAX_ROW_GROUP_BYTES + (4 << 20)));
        assertThat(reader.getNumberOfRows()).isEqualTo(LARGE_ROWS);
    }

    @Test
    void aColumnTypeFirehoseCannotWriteIsAnInvalidSchema() {
        CatalogPort.TableSchema schema = new CatalogPort.TableSchema("web", "events", "0",
                List.of(new Column("u", "uniontype<int,string>")), List.of());
        assertThatThrownBy(() -> RecordFormatConverter.of(config("{\"OpenXJsonSerDe\":{}}", "{\"ParquetSerDe\":{}}"), schema))
                .isInstanceOfSatisfying(InvalidConversionConfigException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("DataFormatConversion.InvalidSchema");
                    assertThat(e.getMessage()).isEqualTo("The column u has the type uniontype<int,string>, which cannot be converted.");
                });
    }
}
