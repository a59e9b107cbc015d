package io.tarn.glue.engine.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in JSON and CSV classifiers over uncompressed text. */
class TextFormatsTest {

    private static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    private static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";

    private static FileSchema.Column col(String name, String type) {
        return new FileSchema.Column(name, type);
    }

    @Test
    void jsonLinesMergeTheirRecordsFieldsAndNest() throws IOException {
        String lines = """
                {"id": 1, "Name": "a", "price": 2, "tags": ["x"], "address": {"city": "Paris", "zip": 75001}}
                {"id": 2, "Name": null, "price": 2.5, "tags": [], "address": {"city": "Lyon", "geo": {"lat": 45.7}}}
                {"id": 3000000000, "active": true, "tags": null}
                """;

        FileSchema schema = BytesFile.text("events/1.json", lines).classify();

        assertThat(schema).isEqualTo(new FileSchema("json", "none", List.of(
                col("id", "bigint"), col("name", "string"), col("price", "double"), col("tags", "array<string>"),
                col("address", "struct<city:string,zip:int,geo:struct<lat:double>>"), col("active", "boolean")),
                TEXT_INPUT, TEXT_OUTPUT, "org.openx.data.jsonserde.JsonSerDe",
                Map.of("paths", "active,address,id,name,price,tags"), Map.of(), 3, lines.length() / 3));
    }

    @Test
    void aFileThatIsOneArrayIsOneColumnNamedArray() throws IOException {
        FileSchema schema = BytesFile.text("a.json", "[{\"a\": 1}, {\"a\": 2, \"b\": \"x\"}]").classify();

        assertThat(schema.columns()).containsExactly(col("array", "array<struct<a:int,b:string>>"));
        assertThat(schema.serdeParameters()).isEqualTo(Map.of("paths", "array"));
    }

    @Test
    void csvWithAHeaderNamesItsColumnsAndSkipsTheHeaderLine() throws IOException {
        String csv = "id,name,price,active\n1,apple,1.5,true\n2,pear,2,false\n3,plum,,true\n";

        FileSchema schema = BytesFile.text("fruit/f.csv", csv).classify();

        assertThat(schema).isEqualTo(new FileSchema("csv", "none", List.of(
                col("id", "bigint"), col("name", "string"), col("price", "double"), col("active", "boolean")),
                TEXT_INPUT, TEXT_OUTPUT, "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                Map.of("field.delim", ","),
                Map.of("delimiter", ",", "areColumnsQuoted", "false", "columnsOrdered", "true",
                        "skip.header.line.count", "1"), 3, csv.length() / 3));
    }

    @Test
    void csvWithoutAHeaderGetsNumberedColumns() throws IOException {
        String csv = "1|apple|1.5\n2|pear|2.25\n";

        FileSchema schema = BytesFile.text("fruit/f.psv", csv).classify();

        assertThat(schema.columns()).containsExactly(col("col0", "bigint"), col("col1", "string"), col("col2", "double"));
        assertThat(schema.serdeParameters()).isEqualTo(Map.of("field.delim", "|"));
        assertThat(schema.tableParameters()).doesNotContainKey("skip.header.line.count")
                .containsEntry("delimiter", "|");
        assertThat(schema.recordCount()).isEqualTo(2);
    }

    @Test
    void aFirstRowLikeTheDataIsNoHeader() throws IOException {
        // every column is a string: the first row is not "sufficiently different" from the data
        String csv = "alpha,beta\ngamma,delta\nepsilon,zeta\n";

        FileSchema schema = BytesFile.text("greek.csv", csv).classify();

        assertThat(schema.columns()).containsExactly(col("col0", "string"), col("col1", "string"));
        assertThat(schema.recordCount()).isEqualTo(3);
    }

    @Test
    void quotedValuesMakeAnOpenCsvSerdeTable() throws IOException {
        String csv = "\"id\",\"city\",\"note\"\n\"1\",\"Paris\",\"a, b\"\n\"2\",\"Lyon\",\"c\"\n";

        FileSchema schema = BytesFile.text("q.csv", csv).classify();

        assertThat(schema.serializationLibrary()).isEqualTo("org.apache.hadoop.hive.serde2.OpenCSVSerde");
        assertThat(schema.serdeParameters()).isEqualTo(Map.of("separatorChar", ",", "quoteChar", "\""));
        assertThat(schema.tableParameters()).containsEntry("areColumnsQuoted", "true")
                .containsEntry("skip.header.line.count", "1");
        assertThat(schema.columns()).containsExactly(col("id", "bigint"), col("city", "string"), col("note", "string"));
    }

    @Test
    void everyDocumentedDelimiterIsFound() throws IOException {
        for (String delimiter : List.of(",", "|", "\t", ";", "\u0001")) {
            String csv = String.join("\n", "a" + delimiter + "b" + delimiter + "c", "1" + delimiter + "x" + delimiter + "2",
                    "3" + delimiter + "y" + delimiter + "4") + "\n";

            FileSchema schema = BytesFile.text("d.txt", csv).classify();

            assertThat(schema.tableParameters()).containsEntry("delimiter", delimiter);
            assertThat(schema.columns()).containsExactly(col("a", "bigint"), col("b", "string"), col("c", "bigint"));
        }
    }

    @Test
    void textThatIsNeitherJsonNorCsvIsNotClassified() throws IOException {
        assertThat(BytesFile.text("notes.txt", "just one line of prose\nand another\n").classify(List.of())).isEmpty();
        assertThat(BytesFile.text("one.csv", "a,b\n").classify(List.of())).isEmpty();
        assertThat(BytesFile.text("ragged.csv", "a,b\n1,2,3\n4\n").classify(List.of())).isEmpty();
        assertThat(BytesFile.text("scalars.json", "1\n2\n").classify(List.of())).isEmpty();
        assertThat(BytesFile.text("empty", "").classify(List.of())).isEmpty();
    }

    @Test
    void aLongFileIsSampledFromItsStartAndItsRecordsEstimated() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; lines.length() < 3 * TextSample.SAMPLE_BYTES; i++) {
            lines.append("{\"id\": ").append(i).append(", \"name\": \"n").append(i % 10).append("\"}\n");
        }
        BytesFile file = BytesFile.text("big.json", lines.toString());

        FileSchema schema = file.classify();

        assertThat(schema.columns()).containsExactly(col("id", "int"), col("name", "string"));
        long actual = lines.chars().filter(c -> c == '\n').count();
        assertThat(schema.recordCount()).isBetween(actual * 9 / 10, actual * 11 / 10);
        assertThat(file.bytesRead).isLessThan(2L * TextSample.SAMPLE_BYTES);
    }

    @Test
    void aJsonRecordLongerThanAMegabyteIsReadOnUpToTenMegabytes() throws IOException {
        StringBuilder doc = new StringBuilder("{\n  \"id\": 7,\n  \"items\": [\n");
        while (doc.length() < 5 * TextSample.SAMPLE_BYTES / 2) {
            doc.append("    {\"sku\": \"abc\", \"qty\": 1},\n");
        }
        doc.append("    {\"sku\": \"end\", \"qty\": 2}\n  ]\n}\n");

        FileSchema schema = BytesFile.text("big/one.json", doc.toString()).classify();

        assertThat(schema.columns()).containsExactly(col("id", "int"), col("items", "array<struct<sku:string,qty:int>>"));
        assertThat(schema.recordCount()).isEqualTo(1);
    }

    @Test
    void csvTypesComeFromTheFirstThousandRecordsAndTheCountFromTheWholeSample() throws IOException {
        StringBuilder csv = new StringBuilder("id,amount\n");
        for (int i = 0; i < 5000; i++) {
            csv.append(i).append(',').append(i == 1500 ? "n/a" : String.valueOf(i * 2)).append('\n');
        }

        FileSchema schema = BytesFile.text("t.csv", csv.toString()).classify();

        assertThat(schema.columns()).containsExactly(col("id", "bigint"), col("amount", "bigint"));
        assertThat(schema.recordCount()).isEqualTo(5000);
    }
}
