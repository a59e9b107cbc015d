package io.tarn.glue.engine.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Custom classifiers: tried first, in the crawler's order, the first certain one winning. */
class CustomClassifiersTest {

    private static final String LOG = """
            2024-05-01T10:00:00Z 10.0.0.1 GET /index.html 200 512
            2024-05-01T10:00:01Z 10.0.0.2 POST /api 201 17
            """;
    private static final String GROK = "%{TIMESTAMP_ISO8601:ts} %{IP:client} %{WORD:method} %{URIPATHPARAM:path} "
            + "%{NUMBER:status:int} %{NUMBER:bytes:long}";

    private static FileSchema.Column col(String name, String type) {
        return new FileSchema.Column(name, type);
    }

    @Test
    void grokFieldsBecomeTypedColumnsOfAGrokSerdeTable() throws IOException {
        var grok = new CustomClassifierDefinition.Grok("web", "weblog", GROK, null);

        FileSchema schema = BytesFile.text("logs/a.log", LOG).classify(List.of(grok)).orElseThrow();

        assertThat(schema).isEqualTo(new FileSchema("weblog", "none", List.of(
                col("ts", "string"), col("client", "string"), col("method", "string"), col("path", "string"),
                col("status", "int"), col("bytes", "bigint")),
                "org.apache.hadoop.mapred.TextInputFormat", "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                "com.amazonaws.glue.serde.GrokSerDe", Map.of("input.format", GROK), Map.of(), 2, LOG.length() / 2));
    }

    @Test
    void grokCustomPatternsAreUsedAndKept() throws IOException {
        var grok = new CustomClassifierDefinition.Grok("app", "applog", "%{LEVEL:level} %{GREEDYDATA:message}",
                "LEVEL (?:DEBUG|INFO|WARN|ERROR)");

        FileSchema schema = BytesFile.text("logs/app.log", "INFO started\nWARN slow disk\n")
                .classify(List.of(grok)).orElseThrow();

        assertThat(schema.columns()).containsExactly(col("level", "string"), col("message", "string"));
        assertThat(schema.serdeParameters()).containsEntry("input.grokCustomPatterns", "LEVEL (?:DEBUG|INFO|WARN|ERROR)");
    }

    @Test
    void anUncertainCustomClassifierLosesToACertainBuiltIn() throws IOException {
        // the grok pattern matches one line of two (certainty 0.5); the built-in JSON one is certain
        var grok = new CustomClassifierDefinition.Grok("half", "half", "%{INT:n:int}", null);

        FileSchema schema = BytesFile.text("x.json", "{\"n\": 1}\n{\"m\": \"x\"}\n").classify(List.of(grok)).orElseThrow();

        assertThat(schema.classification()).isEqualTo("json");
    }

    @Test
    void anUncertainCustomClassifierWinsWhenNothingElseIsCertain() throws IOException {
        var grok = new CustomClassifierDefinition.Grok("half", "numbers", "^%{INT:n:int}$", null);

        FileSchema schema = BytesFile.text("x.txt", "12\nnot a number\n").classify(List.of(grok)).orElseThrow();

        assertThat(schema.classification()).isEqualTo("numbers");
        assertThat(schema.columns()).containsExactly(col("n", "int"));
    }

    @Test
    void theFirstCertainCustomClassifierWins() throws IOException {
        var never = new CustomClassifierDefinition.Grok("never", "never", "^NEVER %{INT:n}$", null);
        var csv = new CustomClassifierDefinition.Csv("semi", ";", "'", "PRESENT", null, null, null, null);
        var json = new CustomClassifierDefinition.Json("all", "$");

        FileSchema schema = BytesFile.text("x.txt", "a;b\n'1;2';3\n").classify(List.of(never, csv, json)).orElseThrow();

        assertThat(schema.classification()).isEqualTo("csv");
        assertThat(schema.columns()).containsExactly(col("a", "string"), col("b", "bigint"));
        assertThat(schema.serializationLibrary()).isEqualTo("org.apache.hadoop.hive.serde2.OpenCSVSerde");
        assertThat(schema.serdeParameters()).isEqualTo(Map.of("separatorChar", ";", "quoteChar", "'"));
    }

    @Test
    void aCustomCsvClassifierNamesColumnsAndAllowsASingleOne() throws IOException {
        var csv = new CustomClassifierDefinition.Csv("one", ",", null, "ABSENT", List.of("Amount"), null, true,
                "LazySimpleSerDe");

        FileSchema schema = BytesFile.text("x.csv", "1\n2\n3\n").classify(List.of(csv)).orElseThrow();

        assertThat(schema.columns()).containsExactly(col("amount", "bigint"));
        assertThat(schema.serializationLibrary()).isEqualTo("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe");
        assertThat(schema.recordCount()).isEqualTo(3);
    }

    @Test
    void aJsonPathMakesTheArraysElementsTheRecords() throws IOException {
        var json = new CustomClassifierDefinition.Json("records", "$.records[*]");
        String text = "{\"records\": [{\"id\": 1, \"user\": {\"name\": \"a\"}}, {\"id\": 2, \"extra\": true}]}";

        FileSchema schema = BytesFile.text("x.json", text).classify(List.of(json)).orElseThrow();

        assertThat(schema.classification()).isEqualTo("json");
        assertThat(schema.columns()).containsExactly(col("id", "int"), col("user", "struct<name:string>"),
                col("extra", "boolean"));
        assertThat(schema.tableParameters()).isEqualTo(Map.of("jsonPath", "$.records[*]"));
        assertThat(schema.recordCount()).isEqualTo(2);
    }

    @Test
    void aJsonPathThatSelectsNothingDoesNotMatch() throws IOException {
        var json = new CustomClassifierDefinition.Json("records", "$.missing[*]");

        FileSchema schema = BytesFile.text("x.json", "{\"a\": 1}").classify(List.of(json)).orElseThrow();

        assertThat(schema.tableParameters()).doesNotContainKey("jsonPath");
        assertThat(schema.columns()).containsExactly(col("a", "int"));
    }

    @Test
    void xmlRowTagElementsAreTheRecords() throws IOException {
        var xml = new CustomClassifierDefinition.Xml("books", "xml", "book");
        String text = """
                <catalog>
                  <book id="1"><title>A</title><price>9.5</price><author>x</author><author>y</author></book>
                  <book id="2"><title>B</title><price>12</price><publisher><name>P</name></publisher></book>
                </catalog>
                """;

        FileSchema schema = BytesFile.text("books.xml", text).classify(List.of(xml)).orElseThrow();

        assertThat(schema.classification()).isEqualTo("xml");
        assertThat(schema.columns()).containsExactly(col("id", "bigint"), col("title", "string"), col("price", "double"),
                col("author", "array<string>"), col("publisher", "struct<name:string>"));
        assertThat(schema.tableParameters()).isEqualTo(Map.of("rowTag", "book"));
        assertThat(schema.recordCount()).isEqualTo(2);
    }

    @Test
    void anInvalidGrokPatternDoesNotMatchAnything() throws IOException {
        var grok = new CustomClassifierDefinition.Grok("bad", "bad", "%{NO_SUCH_PATTERN:x}", null);

        assertThat(BytesFile.text("x.txt", "just prose\n").classify(List.of(grok))).isEmpty();
    }
}
