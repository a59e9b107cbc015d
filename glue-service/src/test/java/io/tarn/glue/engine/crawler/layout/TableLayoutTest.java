package io.tarn.glue.engine.crawler.layout;

import static io.tarn.glue.engine.crawler.layout.Fixtures.columns;
import static io.tarn.glue.engine.crawler.layout.Fixtures.csv;
import static io.tarn.glue.engine.crawler.layout.Fixtures.file;
import static io.tarn.glue.engine.crawler.layout.Fixtures.json;
import static io.tarn.glue.engine.crawler.layout.Fixtures.jsonCompressed;
import static io.tarn.glue.engine.crawler.layout.Fixtures.parquet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.glue.engine.classifier.FileSchema.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tables and partitions a crawl lays out, each expectation from AWS's crawler documentation. */
class TableLayoutTest {

    private static final LayoutOptions DEFAULTS = LayoutOptions.defaults("my-crawler");

    private static List<InferredTable> layout(String includePath, LayoutOptions options, CrawledFile... files) {
        return TableLayout.layout(new CrawlTarget(includePath, List.of(files)), options);
    }

    private static List<InferredTable> layout(String includePath, CrawledFile... files) {
        return layout(includePath, DEFAULTS, files);
    }

    private static InferredTable only(List<InferredTable> tables) {
        assertThat(tables).hasSize(1);
        return tables.get(0);
    }

    private static List<String> names(List<InferredTable> tables) {
        return tables.stream().map(InferredTable::name).toList();
    }

    private static List<List<String>> values(InferredTable table) {
        return table.partitions().stream().map(InferredPartition::values).toList();
    }

    // "How does a crawler determine when to create partitions?": target Sales, four day=n folders of
    // JSON with the same schema -> one table, four partitions, keys year, month and day.
    @Test
    void hiveStyleFoldersArePartitionsOfOneTable() {
        InferredTable table = only(layout("s3://sales",
                file("year=2019/month=Jan/day=1/a.json", json("id:int", "amount:double")),
                file("year=2019/month=Jan/day=2/a.json", json("id:int", "amount:double")),
                file("year=2019/month=Feb/day=1/a.json", json("id:int", "amount:double")),
                file("year=2019/month=Feb/day=1/b.json", json("id:int", "amount:double")),
                file("year=2019/month=Feb/day=2/a.json", json("id:int", "amount:double"))));

        assertThat(table.name()).isEqualTo("sales");
        assertThat(table.location()).isEqualTo("s3://sales/");
        assertThat(table.columns()).isEqualTo(columns("id:int", "amount:double"));
        assertThat(table.partitionKeys()).isEqualTo(columns("year:string", "month:string", "day:string"));
        assertThat(values(table)).containsExactly(List.of("2019", "Feb", "1"), List.of("2019", "Feb", "2"),
                List.of("2019", "Jan", "1"), List.of("2019", "Jan", "2"));
        InferredPartition feb1 = table.partitions().get(0);
        assertThat(feb1.location()).isEqualTo("s3://sales/year=2019/month=Feb/day=1/");
        assertThat(feb1.storageDescriptor().parameters()).containsEntry("objectCount", "2").containsEntry("sizeKey", "200");
        assertThat(table.parameters()).containsEntry("objectCount", "5").containsEntry("sizeKey", "500");
    }

    // Same page: bucket01/folder1/table1/partition1..3 and table2/partition4..5 with similar schemas and
    // include path s3://bucket01/folder1/ -> one table with two (unnamed) partition key columns.
    @Test
    void similarSiblingFoldersMakeOneTableWithUnnamedPartitionKeys() {
        InferredTable table = only(layout("s3://bucket01/folder1/",
                file("folder1/table1/partition1/file.txt", csv("a:bigint", "b:string")),
                file("folder1/table1/partition2/file.txt", csv("a:bigint", "b:string")),
                file("folder1/table1/partition3/file.txt", csv("a:bigint", "b:string")),
                file("folder1/table2/partition4/file.txt", csv("a:bigint", "b:string")),
                file("folder1/table2/partition5/file.txt", csv("a:bigint", "b:string"))));

        assertThat(table.name()).isEqualTo("folder1");
        assertThat(table.location()).isEqualTo("s3://bucket01/folder1/");
        assertThat(table.partitionKeys()).isEqualTo(columns("partition_0:string", "partition_1:string"));
        assertThat(values(table)).containsExactly(List.of("table1", "partition1"), List.of("table1", "partition2"),
                List.of("table1", "partition3"), List.of("table2", "partition4"), List.of("table2", "partition5"));
        assertThat(table.partitions().get(4).location()).isEqualTo("s3://bucket01/folder1/table2/partition5/");
    }

    // Same page, the other way: schemas of table1 and table2 not similar -> a table each.
    @Test
    void dissimilarSiblingFoldersAreSeparateTables() {
        List<InferredTable> tables = layout("s3://bucket01/folder1",
                file("folder1/table1/partition1/file.txt", json("a:int", "b:string")),
                file("folder1/table1/partition2/file.txt", json("a:int", "b:string")),
                file("folder1/table2/partition4/file.txt", json("x:int", "y:string", "z:double")));

        assertThat(names(tables)).containsExactly("table1", "table2");
        InferredTable table1 = tables.get(0);
        assertThat(table1.location()).isEqualTo("s3://bucket01/folder1/table1/");
        assertThat(table1.partitionKeys()).isEqualTo(columns("partition_0:string"));
        assertThat(values(table1)).containsExactly(List.of("partition1"), List.of("partition2"));
        assertThat(tables.get(1).columns()).isEqualTo(columns("x:int", "y:string", "z:double"));
    }

    // "Creating a single schema for each Amazon S3 include path": {A,B} under year=2017 and {C,D} under
    // year=2018 make tables year_2017 and year_2018 by default ...
    @Test
    void schemasBelowSeventyPercentSplitIntoTablesNamedAfterTheirFolders() {
        List<InferredTable> tables = layout("s3://bucket/table1/",
                file("table1/year=2017/data1.json", json("a:int", "b:int")),
                file("table1/year=2018/data2.json", json("c:int", "d:int")));

        assertThat(names(tables)).containsExactly("year_2017", "year_2018");
        assertThat(tables.get(0).location()).isEqualTo("s3://bucket/table1/year=2017/");
        assertThat(tables.get(0).partitionKeys()).isEmpty();
        assertThat(tables.get(0).partitions()).isEmpty();
    }

    // ... and with CombineCompatibleSchemas one table, schema A,B,C,D and partition key year:string.
    @Test
    void combineCompatibleSchemasIgnoresSimilarity() {
        LayoutOptions options = LayoutOptions.of("my-crawler", null,
                "{\"Version\":1.0,\"Grouping\":{\"TableGroupingPolicy\":\"CombineCompatibleSchemas\"}}");
        InferredTable table = only(layout("s3://bucket/table1/", options,
                file("table1/year=2017/data1.json", json("a:int", "b:int")),
                file("table1/year=2018/data2.json", json("c:int", "d:int"))));

        assertThat(table.name()).isEqualTo("table1");
        assertThat(table.columns()).isEqualTo(columns("a:int", "b:int", "c:int", "d:int"));
        assertThat(table.partitionKeys()).isEqualTo(columns("year:string"));
        assertThat(table.storageDescriptor().serdeParameters()).containsEntry("paths", "a,b,c,d");
        // Partitions keep their own schema unless they inherit the table's.
        assertThat(table.partitions().get(1).storageDescriptor().columns()).isEqualTo(columns("c:int", "d:int"));
        assertThat(table.partitions().get(1).storageDescriptor().serdeParameters()).containsEntry("paths", "c,d");
    }

    @Test
    void combineCompatibleSchemasStillSplitsIncompatibleFormats() {
        LayoutOptions options = LayoutOptions.of("my-crawler", null,
                "{\"Version\":1.0,\"Grouping\":{\"TableGroupingPolicy\":\"CombineCompatibleSchemas\"}}");
        List<InferredTable> tables = layout("s3://bucket/t/", options,
                file("t/year=2017/data.json", json("a:int")),
                file("t/year=2018/data.parquet", parquet("a:int")));

        assertThat(names(tables)).containsExactly("year_2017", "year_2018");
        assertThat(tables.stream().map(InferredTable::classification).toList()).containsExactly("json", "parquet");
    }

    // Knowledge center "How does the AWS Glue crawler detect the schema?": partitions of one table when
    // "the partition threshold is higher than 0.7 (70%)" ...
    @Test
    void moreThanSeventyPercentOfSimilarFoldersMakeOneTable() {
        InferredTable table = only(layout("s3://bucket/events/",
                file("events/day=1/a.json", json("id:int", "kind:string", "at:string", "user:string")),
                file("events/day=2/a.json", json("id:int", "kind:string", "at:string", "user:string")),
                file("events/day=3/a.json", json("id:int", "kind:string", "at:string", "user:string")),
                file("events/day=4/a.json", json("other:int"))));

        assertThat(table.columns()).extracting(Column::name).containsExactly("id", "kind", "at", "user", "other");
        assertThat(values(table)).containsExactly(List.of("1"), List.of("2"), List.of("3"), List.of("4"));
        assertThat(table.partitions().get(3).storageDescriptor().columns()).isEqualTo(columns("other:int"));
    }

    @Test
    void seventyPercentOrLessOfSimilarFoldersAreSeparateTables() {
        List<InferredTable> tables = layout("s3://bucket/events/",
                file("events/day=1/a.json", json("id:int", "kind:string")),
                file("events/day=2/a.json", json("id:int", "kind:string")),
                file("events/day=3/a.json", json("other:int")));

        assertThat(names(tables)).containsExactly("day_1", "day_2", "day_3");
    }

    // ... and "the maximum number of different schemas, also referred to as clusters ... doesn't exceed five".
    @Test
    void moreThanFiveDifferentSchemasAreSeparateTables() {
        List<CrawledFile> files = new ArrayList<>();
        for (int day = 1; day <= 20; day++) {
            files.add(file("events/day=" + day + "/a.json", day <= 15 ? json("id:int") : json("odd" + day + ":int")));
        }
        List<InferredTable> tables = TableLayout.layout(new CrawlTarget("s3://bucket/events/", files), DEFAULTS);
        assertThat(tables).hasSize(20);

        files.remove(19);
        assertThat(TableLayout.layout(new CrawlTarget("s3://bucket/events/", files), DEFAULTS)).hasSize(1);
    }

    @Test
    void aNewOptionalColumnInSomePartitionsKeepsOneTable() {
        InferredTable table = only(layout("s3://bucket/events/",
                file("events/day=1/a.json", json("a:int", "b:int", "c:int", "d:int")),
                file("events/day=2/a.json", json("a:int", "b:int", "c:int", "d:int", "e:string"))));

        assertThat(table.columns()).isEqualTo(columns("a:int", "b:int", "c:int", "d:int", "e:string"));
        assertThat(table.partitions().get(0).storageDescriptor().columns()).hasSize(4);
    }

    // Compatibility: "the same format (for example, JSON), the same compression type (for example, GZIP)".
    @Test
    void differentFormatsOrCompressionInSiblingFoldersAreSeparateTables() {
        List<InferredTable> tables = layout("s3://bucket/data/",
                file("data/a/part.json", json("id:int", "v:string")),
                file("data/b/part.json.gz", jsonCompressed("gzip", "id:int", "v:string")),
                file("data/c/part.parquet", parquet("id:int", "v:string")));

        assertThat(names(tables)).containsExactly("a", "b", "c");
        assertThat(tables.get(1).parameters()).containsEntry("compressionType", "gzip");
        assertThat(tables.get(1).storageDescriptor().compressed()).isTrue();
        assertThat(tables.get(0).storageDescriptor().compressed()).isFalse();
    }

    // re:Post "csv crawler tables name": files of a prefix that cannot be merged become tables named
    // after each file.
    @Test
    void mixedFormatsInOneFolderMakeATablePerFile() {
        List<InferredTable> tables = layout("s3://bucket/landing/",
                file("landing/orders.csv", csv("id:bigint", "total:double")),
                file("landing/customers.json", json("id:int", "name:string")));

        assertThat(names(tables)).containsExactly("customers_json", "orders_csv");
        assertThat(tables.get(0).location()).isEqualTo("s3://bucket/landing/customers.json");
        assertThat(tables.get(1).parameters()).containsEntry("classification", "csv").containsEntry("delimiter", ",");
    }

    @Test
    void dissimilarFilesInOneFolderMakeATablePerFile() {
        List<InferredTable> tables = layout("s3://bucket/landing/",
                file("landing/a.json", json("id:int", "name:string")),
                file("landing/b.json", json("sku:string", "price:double", "stock:int")));

        assertThat(names(tables)).containsExactly("a_json", "b_json");
    }

    @Test
    void similarFilesOfTheIncludedFolderAreOneUnpartitionedTable() {
        InferredTable table = only(layout("s3://bucket/logs",
                file("logs/2024-01.csv", 1000, csv("ts:string", "level:string", "msg:string")),
                file("logs/2024-02.csv", 3000, csv("ts:string", "level:string", "msg:string"))));

        assertThat(table.name()).isEqualTo("logs");
        assertThat(table.location()).isEqualTo("s3://bucket/logs/");
        assertThat(table.partitionKeys()).isEmpty();
        assertThat(table.partitions()).isEmpty();
    }

    @Test
    void aTargetThatNamesOneObjectIsATableNamedAfterIt() {
        InferredTable table = only(layout("s3://bucket/data/Sales-2024.csv",
                file("data/Sales-2024.csv", csv("id:bigint")),
                file("data/Sales-2024.csv.bak/x.csv", csv("id:bigint"))));

        assertThat(table.name()).isEqualTo("sales_2024_csv");
        assertThat(table.location()).isEqualTo("s3://bucket/data/Sales-2024.csv");
        assertThat(table.partitionKeys()).isEmpty();
    }

    @Test
    void filesAtTheBucketRootMakeATableNamedAfterTheBucket() {
        InferredTable table = only(layout("s3://my-bucket", file("a.parquet", parquet("id:int"))));

        assertThat(table.name()).isEqualTo("my_bucket");
        assertThat(table.location()).isEqualTo("s3://my-bucket/");
    }

    // crawler-maximum-number-of-tables: "empty files at the same level as a folder ... the crawler
    // creates multiple tables due to files and folders present at the same level".
    @Test
    void filesBesideFoldersAreTablesOfTheirOwn() {
        List<InferredTable> tables = layout("s3://bucket/sales/",
                file("sales/manifest.json", json("files:array<string>")),
                file("sales/year=2024/a.parquet", parquet("id:int")),
                file("sales/year=2025/a.parquet", parquet("id:int")));

        assertThat(names(tables)).containsExactly("manifest_json", "sales");
        assertThat(tables.get(1).partitionKeys()).isEqualTo(columns("year:string"));
    }

    @Test
    void filesAtDifferentDepthsAreNotPartitionsOfOneTable() {
        List<InferredTable> tables = layout("s3://bucket/sales/",
                file("sales/year=2024/month=01/a.parquet", parquet("id:int")),
                file("sales/year=2025/a.parquet", parquet("id:int")));

        assertThat(names(tables)).containsExactly("year_2024", "year_2025");
        assertThat(tables.get(0).partitionKeys()).isEqualTo(columns("month:string"));
        assertThat(values(tables.get(0))).containsExactly(List.of("01"));
    }

    @Test
    void aLevelMixingHiveStyleAndPlainFoldersIsAnUnnamedKey() {
        InferredTable table = only(layout("s3://bucket/t/",
                file("t/year=2024/a.json", json("id:int")),
                file("t/2025/a.json", json("id:int"))));

        assertThat(table.partitionKeys()).isEqualTo(columns("partition_0:string"));
        assertThat(values(table)).containsExactly(List.of("2025"), List.of("year=2024"));
    }

    @Test
    void aKeyNamedAtTwoLevelsIsUnnamedTheSecondTime() {
        InferredTable table = only(layout("s3://bucket/t/", file("t/a=1/a=2/f.json", json("id:int"))));

        assertThat(table.partitionKeys()).isEqualTo(columns("a:string", "partition_1:string"));
        assertThat(values(table)).containsExactly(List.of("1", "a=2"));
    }

    @Test
    void nonDataFilesAreSkipped() {
        InferredTable table = only(layout("s3://bucket/out/",
                file("out/_SUCCESS", 0, json()),
                file("out/_metadata", parquet("id:int", "x:string")),
                file("out/_common_metadata", parquet("id:int", "x:string")),
                file("out/.part-0.parquet.crc", parquet("id:int", "x:string")),
                file("out/part-0.parquet.crc", parquet("id:int", "x:string")),
                file("out/_temporary/0/part-9.parquet", parquet("id:int", "x:string")),
                file("out/.spark-staging/part-8.parquet", parquet("id:int", "x:string")),
                file("out/dt=1_$folder$", 0, json()),
                file("out/dt=1/", 0, json()),
                file("out/dt=1/part-0.parquet", parquet("id:int")),
                file("out/dt=2/part-0.parquet", parquet("id:int"))));

        assertThat(table.name()).isEqualTo("out");
        assertThat(table.parameters()).containsEntry("objectCount", "2");
        assertThat(values(table)).containsExactly(List.of("1"), List.of("2"));
    }

    @Test
    void objectsOutsideTheIncludePathAreIgnored() {
        InferredTable table = only(layout("s3://bucket/a/",
                file("a/x.json", json("id:int")),
                file("ab/y.json", json("other:string"))));

        assertThat(table.name()).isEqualTo("a");
        assertThat(table.columns()).isEqualTo(columns("id:int"));
    }

    // crawler-table-level: "the table is created at that absolute level from the Amazon S3 bucket".
    @Test
    void tableLevelMakesTablesAtThatLevelEvenOfSimilarSchemas() {
        LayoutOptions options = LayoutOptions.of("c", null, "{\"Version\":1.0,\"Grouping\":{\"TableLevelConfiguration\":3}}");
        List<InferredTable> tables = layout("s3://bucket/bronze/", options,
                file("bronze/customers/dt=1/a.json", json("id:int", "name:string")),
                file("bronze/customers/dt=2/a.json", json("id:int", "name:string")),
                file("bronze/orders/dt=1/a.json", json("id:int", "name:string")));

        assertThat(names(tables)).containsExactly("customers", "orders");
        assertThat(tables.get(0).location()).isEqualTo("s3://bucket/bronze/customers/");
        assertThat(tables.get(0).partitionKeys()).isEqualTo(columns("dt:string"));
        assertThat(values(tables.get(0))).containsExactly(List.of("1"), List.of("2"));
    }

    @Test
    void tableLevelMakesOneTableOfDissimilarPartitions() {
        LayoutOptions options = LayoutOptions.of("c", null, "{\"Version\":1.0,\"Grouping\":{\"TableLevelConfiguration\":2}}");
        InferredTable table = only(layout("s3://bucket/table1/", options,
                file("table1/year=2017/data1.json", json("a:int", "b:int")),
                file("table1/year=2018/data2.json", json("c:int", "d:int"))));

        assertThat(table.name()).isEqualTo("table1");
        assertThat(table.partitionKeys()).isEqualTo(columns("year:string"));
    }

    // "mydataset/year/month/day/hour, if the level is set to 3, the table is created at location
    // mydataset/year/month", mydataset being the bucket.
    @Test
    void tableLevelCountsTheBucketAsLevelOne() {
        LayoutOptions options = LayoutOptions.of("c", null, "{\"Version\":1.0,\"Grouping\":{\"TableLevelConfiguration\":3}}");
        InferredTable table = only(layout("s3://mydataset/", options,
                file("2024/05/01/00/a.json", json("id:int")),
                file("2024/05/01/01/a.json", json("id:int")),
                file("2024/05/02/00/a.json", json("id:int"))));

        assertThat(table.name()).isEqualTo("05");
        assertThat(table.location()).isEqualTo("s3://mydataset/2024/05/");
        assertThat(table.partitionKeys()).isEqualTo(columns("partition_0:string", "partition_1:string"));
        assertThat(values(table)).containsExactly(List.of("01", "00"), List.of("01", "01"), List.of("02", "00"));
    }

    @Test
    void tableLevelAboveTheIncludePathMakesTheIncludePathTheTable() {
        LayoutOptions options = LayoutOptions.of("c", null, "{\"Version\":1.0,\"Grouping\":{\"TableLevelConfiguration\":1}}");
        InferredTable table = only(layout("s3://bucket/a/b/", options,
                file("a/b/x=1/f.json", json("id:int")),
                file("a/b/x=2/f.json", json("other:string"))));

        assertThat(table.name()).isEqualTo("b");
        assertThat(table.partitionKeys()).isEqualTo(columns("x:string"));
    }

    @Test
    void partitionsInheritFromTableTakeTheTableSchema() {
        LayoutOptions options = LayoutOptions.of("c", null,
                "{\"Version\":1.0,\"CrawlerOutput\":{\"Partitions\":{\"AddOrUpdateBehavior\":\"InheritFromTable\"}}}");
        InferredTable table = only(layout("s3://bucket/t/", options,
                file("t/day=1/a.json", json("a:int", "b:int", "c:int", "d:int")),
                file("t/day=2/a.json", json("a:bigint", "b:int", "c:int", "d:int", "e:string"))));

        assertThat(table.columns()).isEqualTo(columns("a:bigint", "b:int", "c:int", "d:int", "e:string"));
        assertThat(table.partitions()).allSatisfy(p -> assertThat(p.storageDescriptor().columns()).isEqualTo(table.columns()));
    }

    @Test
    void columnsAreMergedAndWidenedAcrossTheTablesFiles() {
        InferredTable table = only(layout("s3://bucket/t/",
                file("t/1.json", json("id:int", "score:int", "flag:boolean", "tags:array<int>",
                        "address:struct<city:string,zip:int>")),
                file("t/2.json", json("id:bigint", "score:double", "flag:string", "tags:array<bigint>",
                        "address:struct<zip:bigint,street:string>")),
                file("t/3.json", json("id:int", "score:int", "flag:boolean", "tags:array<int>",
                        "address:struct<city:string,zip:int>", "extra:map<string,int>"))));

        assertThat(table.columns()).isEqualTo(columns("id:bigint", "score:double", "flag:string", "tags:array<bigint>",
                "address:struct<city:string,zip:bigint,street:string>", "extra:map<string,int>"));
    }

    // The table Parameters AWS's crawler writes (see a crawled table's GetTable).
    @Test
    void tableParametersAreTheCrawlersOwn() {
        InferredTable table = only(layout("s3://bucket/orders/",
                file("orders/a.csv", 100, csv("id:bigint", "total:double")),
                file("orders/b.csv", 300, csv("id:bigint", "total:double"))));

        assertThat(table.parameters()).isEqualTo(Map.ofEntries(
                Map.entry("classification", "csv"), Map.entry("compressionType", "none"), Map.entry("typeOfData", "file"),
                Map.entry("recordCount", "8"), Map.entry("averageRecordSize", "25"), Map.entry("objectCount", "2"),
                Map.entry("sizeKey", "400"), Map.entry("UPDATED_BY_CRAWLER", "my-crawler"),
                Map.entry("CrawlerSchemaSerializerVersion", "1.0"), Map.entry("CrawlerSchemaDeserializerVersion", "1.0"),
                Map.entry("delimiter", ","), Map.entry("areColumnsQuoted", "false"),
                Map.entry("skip.header.line.count", "1"), Map.entry("columnsOrdered", "true")));
        assertThat(table.storageDescriptor().parameters()).isEqualTo(table.parameters());
        StorageDescriptor sd = table.storageDescriptor();
        assertThat(sd.inputFormat()).isEqualTo(Fixtures.TEXT_INPUT);
        assertThat(sd.outputFormat()).isEqualTo(Fixtures.TEXT_OUTPUT);
        assertThat(sd.serializationLibrary()).isEqualTo(Fixtures.LAZY_SIMPLE_SERDE);
        assertThat(sd.serdeParameters()).isEqualTo(Map.of("field.delim", ","));
        assertThat(table.classification()).isEqualTo("csv");
    }

    @Test
    void tablePrefixIsAppliedAndNamesAreSanitised() {
        List<InferredTable> tables = layout("s3://bucket/in/",
                LayoutOptions.of("c", "Raw-", null),
                file("in/My Folder.v2/a.json", json("id:int")),
                file("in/other-data/a.json", json("zz:string", "yy:string", "xx:string")));

        assertThat(names(tables)).containsExactly("raw_my_folder_v2", "raw_other_data");
    }

    @Test
    void namesTwoTablesWouldShareGetAHashOfTheirLocation() {
        List<InferredTable> tables = TableLayout.layout(List.of(
                new CrawlTarget("s3://bucket-a/data/", List.of(file("data/a.json", json("id:int")))),
                new CrawlTarget("s3://bucket-b/data/", List.of(file("data/a.json", json("id:int")))),
                new CrawlTarget("s3://bucket-c/other/", List.of(file("other/a.json", json("id:int"))))), DEFAULTS);

        assertThat(tables.get(0).name()).matches("data_[0-9a-f]{32}");
        assertThat(tables.get(1).name()).matches("data_[0-9a-f]{32}");
        assertThat(tables.get(0).name()).isNotEqualTo(tables.get(1).name());
        assertThat(tables.get(2).name()).isEqualTo("other");
    }

    @Test
    void noDataFilesNoTables() {
        assertThat(layout("s3://bucket/empty/", file("empty/_SUCCESS", 0, json()))).isEmpty();
        assertThat(layout("s3://bucket/empty/")).isEmpty();
    }

    @Test
    void anIncludePathThatIsNotS3IsRefused() {
        assertThatThrownBy(() -> layout("bucket/data")).isInstanceOf(IllegalArgumentException.class);
    }
}
