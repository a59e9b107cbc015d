package io.tarn.glue.engine.crawler.layout;

import static io.tarn.glue.engine.crawler.layout.Fixtures.file;
import static io.tarn.glue.engine.crawler.layout.Fixtures.parquet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.glue.model.TableDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An inferred table as the catalog's TableInput, shaped as AWS's crawler writes it (see a crawled GetTable). */
class InferredTableTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static InferredTable crawled() {
        List<InferredTable> tables = TableLayout.layout(new CrawlTarget("s3://bucket/flights/", List.of(
                file("flights/year=2019/a.parquet", 4000, parquet("yr:int", "origin:string")),
                file("flights/year=2020/a.parquet", 6000, parquet("yr:int", "origin:string")))),
                LayoutOptions.defaults("flights-crawler"));
        assertThat(tables).hasSize(1);
        return tables.get(0);
    }

    @Test
    void theTableDefinitionIsWhatTheCrawlerWrites() throws Exception {
        TableDefinition definition = crawled().toTableDefinition();

        assertThat(definition.name()).isEqualTo("flights");
        assertThat(definition.owner()).isEqualTo("owner");
        assertThat(definition.retention()).isZero();
        assertThat(definition.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(definition.partitionKeys()).isEqualTo(JSON.readTree("[{\"Name\":\"year\",\"Type\":\"string\"}]"));
        assertThat(definition.parameters()).containsEntry("UPDATED_BY_CRAWLER", "flights-crawler")
                .containsEntry("objectCount", "2").containsEntry("sizeKey", "10000").containsEntry("recordCount", "200");
        assertThat(definition.storageDescriptor()).isEqualTo(JSON.readTree("""
                {"Columns": [{"Name": "yr", "Type": "int"}, {"Name": "origin", "Type": "string"}],
                 "Location": "s3://bucket/flights/",
                 "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                 "OutputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                 "Compressed": false,
                 "NumberOfBuckets": -1,
                 "SerdeInfo": {"SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                               "Parameters": {"serialization.format": "1"}},
                 "BucketColumns": [],
                 "SortColumns": [],
                 "Parameters": {"CrawlerSchemaDeserializerVersion": "1.0", "CrawlerSchemaSerializerVersion": "1.0",
                                "UPDATED_BY_CRAWLER": "flights-crawler", "averageRecordSize": "20",
                                "classification": "parquet", "compressionType": "none", "objectCount": "2",
                                "recordCount": "200", "sizeKey": "10000", "typeOfData": "file"},
                 "StoredAsSubDirectories": false}"""));
    }

    @Test
    void parametersAreListedInKeyOrder() {
        assertThat(crawled().parameters().keySet()).startsWith("CrawlerSchemaDeserializerVersion",
                "CrawlerSchemaSerializerVersion", "UPDATED_BY_CRAWLER", "averageRecordSize");
    }

    @Test
    void aPartitionsDescriptorHasItsOwnLocationAndFigures() throws Exception {
        InferredPartition partition = crawled().partitions().get(1);

        assertThat(partition.values()).containsExactly("2020");
        assertThat(partition.storageDescriptor().toJson().get("Location").asText()).isEqualTo("s3://bucket/flights/year=2020/");
        assertThat(partition.storageDescriptor().toJson().get("Parameters").get("sizeKey").asText()).isEqualTo("6000");
    }
}
