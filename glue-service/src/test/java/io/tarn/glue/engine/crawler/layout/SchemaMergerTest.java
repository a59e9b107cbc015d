package io.tarn.glue.engine.crawler.layout;

import static io.tarn.glue.engine.crawler.layout.Fixtures.columns;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Column merging and type widening across a table's files. */
class SchemaMergerTest {

    @Test
    void integersWidenToTheWiderInteger() {
        assertThat(SchemaMerger.mergeTypes("int", "bigint")).isEqualTo("bigint");
        assertThat(SchemaMerger.mergeTypes("bigint", "tinyint")).isEqualTo("bigint");
        assertThat(SchemaMerger.mergeTypes("smallint", "int")).isEqualTo("int");
    }

    @Test
    void anIntegerAndAFloatingTypeWidenToDouble() {
        assertThat(SchemaMerger.mergeTypes("int", "double")).isEqualTo("double");
        assertThat(SchemaMerger.mergeTypes("bigint", "float")).isEqualTo("double");
        assertThat(SchemaMerger.mergeTypes("float", "double")).isEqualTo("double");
    }

    @Test
    void otherConflictsBecomeString() {
        assertThat(SchemaMerger.mergeTypes("int", "boolean")).isEqualTo("string");
        assertThat(SchemaMerger.mergeTypes("timestamp", "date")).isEqualTo("string");
        assertThat(SchemaMerger.mergeTypes("struct<a:int>", "int")).isEqualTo("string");
        assertThat(SchemaMerger.mergeTypes("array<int>", "map<string,int>")).isEqualTo("string");
        assertThat(SchemaMerger.mergeTypes("decimal(10,2)", "double")).isEqualTo("string");
    }

    @Test
    void decimalsWidenToHoldBoth() {
        assertThat(SchemaMerger.mergeTypes("decimal(10,2)", "decimal(5,4)")).isEqualTo("decimal(12,4)");
        assertThat(SchemaMerger.mergeTypes("decimal(38,0)", "decimal(38,10)")).isEqualTo("decimal(38,10)");
    }

    @Test
    void structsMergeFieldByFieldAtEveryDepth() {
        assertThat(SchemaMerger.mergeTypes(
                "struct<id:int,address:struct<city:string,geo:struct<lat:double>>>",
                "struct<id:bigint,address:struct<geo:struct<lat:double,lon:double>,zip:string>,tags:array<string>>"))
                .isEqualTo("struct<id:bigint,address:struct<city:string,geo:struct<lat:double,lon:double>,zip:string>,"
                        + "tags:array<string>>");
    }

    @Test
    void arraysAndMapsMergeTheirElementTypes() {
        assertThat(SchemaMerger.mergeTypes("array<struct<a:int>>", "array<struct<b:string>>"))
                .isEqualTo("array<struct<a:int,b:string>>");
        assertThat(SchemaMerger.mergeTypes("map<string,int>", "map<string,bigint>")).isEqualTo("map<string,bigint>");
    }

    @Test
    void fieldNamesAndParametersSurviveParsing() {
        assertThat(SchemaMerger.mergeTypes("struct<first name:string,d:decimal(10, 2)>", "struct<first name:string,e:int>"))
                .isEqualTo("struct<first name:string,d:decimal(10,2),e:int>");
        assertThat(SchemaMerger.mergeTypes("struct<>", "struct<a:int>")).isEqualTo("struct<a:int>");
    }

    @Test
    void unparsableTypesAreKeptAsTheyAre() {
        assertThat(SchemaMerger.mergeTypes("struct<a:int", "struct<a:int")).isEqualTo("struct<a:int");
        assertThat(SchemaMerger.mergeTypes("struct<a:int", "int")).isEqualTo("string");
    }

    @Test
    void columnsAreTheUnionInTheOrderFirstMet() {
        assertThat(SchemaMerger.merge(List.of(columns("b:int", "a:string"), columns("c:double", "b:bigint"), List.of())))
                .isEqualTo(columns("b:bigint", "a:string", "c:double"));
    }
}
