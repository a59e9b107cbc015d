package io.tarn.glue.engine.crawler.layout;

import static io.tarn.glue.engine.crawler.layout.Fixtures.columns;
import static io.tarn.glue.engine.crawler.layout.Fixtures.file;
import static io.tarn.glue.engine.crawler.layout.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A new crawl compared with the table the catalog holds. */
class SchemaChangeTest {

    private static InferredTable crawl(CrawledFile... files) {
        List<InferredTable> tables = TableLayout.layout(new CrawlTarget("s3://bucket/t/", List.of(files)),
                LayoutOptions.defaults("c"));
        assertThat(tables).hasSize(1);
        return tables.get(0);
    }

    @Test
    void theSameCrawlChangesNothing() {
        InferredTable table = crawl(file("t/day=1/a.json", json("id:int", "name:string")));

        SchemaChange change = SchemaChange.between(table.columns(), table.partitionKeys(), List.of(List.of("1")), table);

        assertThat(change.schemaChanged()).isFalse();
        assertThat(change.columnsChanged()).isFalse();
        assertThat(change.newPartitions()).isEmpty();
        assertThat(change.gonePartitions()).isEmpty();
    }

    @Test
    void addedRemovedAndRetypedColumnsAreTold() {
        InferredTable table = crawl(file("t/day=1/a.json", json("id:bigint", "name:string", "email:string")));

        SchemaChange change = SchemaChange.between(columns("id:int", "name:string", "age:int"), columns("day:string"),
                List.of(List.of("1")), table);

        assertThat(change.columnsChanged()).isTrue();
        assertThat(change.partitionKeysChanged()).isFalse();
        assertThat(change.addedColumns()).isEqualTo(columns("email:string"));
        assertThat(change.removedColumns()).isEqualTo(columns("age:int"));
        assertThat(change.retypedColumns()).isEqualTo(columns("id:bigint"));
        // "Add new columns only": existing columns as they are, new ones after them.
        assertThat(change.mergeNewColumns(columns("id:int", "name:string", "age:int")))
                .isEqualTo(columns("id:int", "name:string", "age:int", "email:string"));
    }

    @Test
    void reorderedColumnsAreAChange() {
        InferredTable table = crawl(file("t/day=1/a.json", json("name:string", "id:int")));

        SchemaChange change = SchemaChange.between(columns("id:int", "name:string"), columns("day:string"), List.of(), table);

        assertThat(change.columnsChanged()).isTrue();
        assertThat(change.addedColumns()).isEmpty();
        assertThat(change.removedColumns()).isEmpty();
        assertThat(change.retypedColumns()).isEmpty();
    }

    @Test
    void newAndGonePartitionsAreTold() {
        InferredTable table = crawl(
                file("t/day=2/a.json", json("id:int")),
                file("t/day=3/a.json", json("id:int")));

        SchemaChange change = SchemaChange.between(columns("id:int"), columns("day:string"),
                List.of(List.of("1"), List.of("2")), table);

        assertThat(change.schemaChanged()).isFalse();
        assertThat(change.newPartitions()).containsExactly(List.of("3"));
        assertThat(change.gonePartitions()).containsExactly(List.of("1"));
    }

    @Test
    void changedPartitionKeysAreASchemaChange() {
        InferredTable table = crawl(file("t/year=2024/month=05/a.json", json("id:int")));

        SchemaChange change = SchemaChange.between(columns("id:int"), columns("year:string"), List.of(List.of("2024")), table);

        assertThat(change.partitionKeysChanged()).isTrue();
        assertThat(change.schemaChanged()).isTrue();
        assertThat(change.newPartitions()).containsExactly(List.of("2024", "05"));
        assertThat(change.gonePartitions()).containsExactly(List.of("2024"));
    }
}
