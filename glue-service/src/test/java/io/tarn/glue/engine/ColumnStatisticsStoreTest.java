package io.tarn.glue.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tarn.glue.engine.ColumnStatisticsStore.Found;
import io.tarn.glue.engine.ColumnStatisticsStore.Rejected;
import io.tarn.glue.model.ColumnStatistics;
import io.tarn.glue.model.PartitionDefinition;
import io.tarn.glue.model.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ColumnStatisticsStoreTest extends CatalogFixture {

    private static ColumnStatistics longs(String column, String type) {
        return new ColumnStatistics(column, type, START, json("{\"Type\":\"LONG\",\"LongColumnStatisticsData\":"
                + "{\"MinimumValue\":1,\"MaximumValue\":9,\"NumberOfNulls\":0,\"NumberOfDistinctValues\":9}}"));
    }

    private static ColumnStatistics strings(String column) {
        return new ColumnStatistics(column, "string", START, json("{\"Type\":\"STRING\",\"StringColumnStatisticsData\":"
                + "{\"MaximumLength\":10,\"AverageLength\":4.5,\"NumberOfNulls\":1,\"NumberOfDistinctValues\":3}}"));
    }

    @BeforeEach
    void schema() {
        database("db");
        table("db", "t", Map.of("id", "bigint", "name", "string", "price", "decimal(10,2)"), Map.of());
    }

    @Test
    void statisticsFittingTheSchemaAreStoredOthersComeBackWithTheirError() {
        List<Rejected> rejected = catalog.columnStatistics().update(NS, "db", "T", List.of(longs("ID", "bigint"), strings("name"),
                longs("missing", "bigint"), longs("name", "bigint"), longs("price", "decimal(10,2)")));
        assertThat(rejected).extracting(r -> r.statistics().columnName(), r -> r.error().code(), r -> r.error().getMessage())
                .containsExactly(
                        tuple("missing", "InvalidInputException", "Column missing not found in table schema."),
                        tuple("name", "InvalidInputException",
                                "Column type bigint does not match the type string of column name in the table schema."),
                        tuple("price", "InvalidInputException",
                                "Statistics of type LONG cannot describe column price of type decimal(10,2)."));
        Found found = catalog.columnStatistics().get(NS, "db", "t", List.of("id", "name", "price"));
        assertThat(found.statistics()).extracting(ColumnStatistics::columnName).containsExactly("ID", "name");
        assertThat(found.statistics().get(1).statisticsData().get("StringColumnStatisticsData").get("AverageLength").asDouble())
                .isEqualTo(4.5);
        assertThat(found.missing()).containsOnlyKeys("price");
        assertThat(found.missing().get("price").code()).isEqualTo("EntityNotFoundException");
    }

    @Test
    void malformedStatisticsAndTooLongListsAreRefusedWhole() {
        assertAws(() -> catalog.columnStatistics().update(NS, "db", "t", List.of(new ColumnStatistics("id", "bigint", START,
                json("{\"Type\":\"LONG\",\"LongColumnStatisticsData\":{\"NumberOfNulls\":0}}")))), "ValidationException",
                "1 validation error detected: Value null at 'columnStatisticsList.1.member.statisticsData.longColumnStatisticsData"
                        + ".numberOfDistinctValues' failed to satisfy constraint: Member must not be null");
        assertAws(() -> catalog.columnStatistics().update(NS, "db", "t", List.of(new ColumnStatistics("id", "bigint", START,
                json("{\"Type\":\"LONG\",\"LongColumnStatisticsData\":{\"NumberOfNulls\":-1,\"NumberOfDistinctValues\":0}}")))),
                "ValidationException", "1 validation error detected: Value '-1' at 'columnStatisticsList.1.member.statisticsData"
                        + ".longColumnStatisticsData.numberOfNulls' failed to satisfy constraint: Member must have value greater "
                        + "than or equal to 0");
        List<ColumnStatistics> many = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            many.add(longs("id", "bigint"));
        }
        assertAws(() -> catalog.columnStatistics().update(NS, "db", "t", many), "ValidationException",
                "1 validation error detected: Value at 'columnStatisticsList' failed to satisfy constraint: Member must have "
                        + "length less than or equal to 25");
        assertAws(() -> catalog.columnStatistics().update(NS, "db", "nope", List.of()), "EntityNotFoundException",
                "Table nope not found.");
    }

    @Test
    void deletesGoColumnByColumnAndWithTheTable() {
        catalog.columnStatistics().update(NS, "db", "t", List.of(longs("id", "bigint"), strings("name")));
        catalog.columnStatistics().delete(NS, "db", "t", "id");
        catalog.columnStatistics().delete(NS, "db", "t", "id"); // statistics already gone: no error, as in AWS
        assertThat(catalog.columnStatistics().get(NS, "db", "t", List.of("id")).missing().get("id").code())
                .isEqualTo("EntityNotFoundException");
        assertAws(() -> catalog.columnStatistics().delete(NS, "db", "nope", "id"), "EntityNotFoundException",
                "Table nope not found.");
        assertThat(catalog.columnStatistics().get(NS, "db", "t", List.of("name")).statistics()).hasSize(1);

        catalog.tables().delete(NS, "db", "t");
        table("db", "t", Map.of("name", "string"), Map.of());
        assertThat(catalog.columnStatistics().get(NS, "db", "t", List.of("name")).statistics()).isEmpty();
    }

    // ---- partitions

    /** Table {@code p}: columns id bigint and name string, partitioned by region and day. */
    private void partitionedTable() {
        catalog.tables().create(NS, "db", new TableDefinition("p", null, null, null, null, null,
                json("{\"Columns\":[{\"Name\":\"id\",\"Type\":\"bigint\"},{\"Name\":\"name\",\"Type\":\"string\"}]}"),
                json("[{\"Name\":\"region\",\"Type\":\"string\"},{\"Name\":\"day\",\"Type\":\"string\"}]"),
                null, null, "EXTERNAL_TABLE", Map.of(), null, null), CREATOR);
    }

    private void partition(String... values) {
        catalog.partitions().create(NS, "db", "p", new PartitionDefinition(List.of(values), null, null, null, null));
    }

    @Test
    void partitionStatisticsAreKeptPerPartitionAndCheckedAgainstItsSchema() {
        partitionedTable();
        partition("eu", "1");
        partition("eu", "2");
        // a partition with its own schema: statistics are checked against it, not the table's
        catalog.partitions().create(NS, "db", "p", new PartitionDefinition(List.of("us", "1"), null,
                json("{\"Columns\":[{\"Name\":\"id\",\"Type\":\"int\"}]}"), null, null));

        assertThat(catalog.columnStatistics().updateForPartition(NS, "db", "p", List.of("eu", "1"),
                List.of(longs("id", "bigint"), strings("name")))).isEmpty();
        List<Rejected> rejected = catalog.columnStatistics().updateForPartition(NS, "db", "p", List.of("us", "1"),
                List.of(longs("id", "bigint"), strings("name"), longs("id", "int")));
        assertThat(rejected).extracting(r -> r.statistics().columnName(), r -> r.error().code(), r -> r.error().getMessage())
                .containsExactly(
                        tuple("id", "InvalidInputException",
                                "Column type bigint does not match the type int of column id in the table schema."),
                        tuple("name", "InvalidInputException", "Column name not found in table schema."));

        Found eu1 = catalog.columnStatistics().getForPartition(NS, "DB", "P", List.of("eu", "1"), List.of("id", "name"));
        assertThat(eu1.statistics()).extracting(ColumnStatistics::columnName).containsExactly("id", "name");
        assertThat(eu1.missing()).isEmpty();
        Found eu2 = catalog.columnStatistics().getForPartition(NS, "db", "p", List.of("eu", "2"), List.of("id"));
        assertThat(eu2.statistics()).isEmpty();
        assertThat(eu2.missing().get("id").code()).isEqualTo("EntityNotFoundException");
        assertThat(catalog.columnStatistics().getForPartition(NS, "db", "p", List.of("us", "1"), List.of("id")).statistics())
                .extracting(ColumnStatistics::columnType).containsExactly("int");
        // the table's own statistics are another set
        assertThat(catalog.columnStatistics().get(NS, "db", "p", List.of("id")).statistics()).isEmpty();

        catalog.columnStatistics().deleteForPartition(NS, "db", "p", List.of("eu", "1"), "id");
        catalog.columnStatistics().deleteForPartition(NS, "db", "p", List.of("eu", "1"), "id");
        assertThat(catalog.columnStatistics().getForPartition(NS, "db", "p", List.of("eu", "1"), List.of("id", "name"))
                .statistics()).extracting(ColumnStatistics::columnName).containsExactly("name");
    }

    @Test
    void partitionStatisticsNeedThePartitionAndAreRefusedWholeWhenMalformed() {
        partitionedTable();
        partition("eu", "1");
        assertAws(() -> catalog.columnStatistics().updateForPartition(NS, "db", "p", List.of("eu", "9"), List.of(strings("name"))),
                "EntityNotFoundException", "Partition [eu, 9] not found");
        assertAws(() -> catalog.columnStatistics().getForPartition(NS, "db", "p", List.of("eu"), List.of("name")),
                "EntityNotFoundException", "Partition [eu] not found");
        assertAws(() -> catalog.columnStatistics().deleteForPartition(NS, "db", "p", List.of("eu", "9"), "name"),
                "EntityNotFoundException", "Partition [eu, 9] not found");
        assertAws(() -> catalog.columnStatistics().getForPartition(NS, "db", "nope", List.of("eu", "1"), List.of("name")),
                "EntityNotFoundException", "Table nope not found.");
        List<ColumnStatistics> many = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            many.add(strings("name"));
        }
        assertAws(() -> catalog.columnStatistics().updateForPartition(NS, "db", "p", List.of("eu", "1"), many),
                "ValidationException", "1 validation error detected: Value at 'columnStatisticsList' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 25");
    }

    @Test
    void partitionStatisticsGoWithTheirPartitionTableAndDatabase() {
        partitionedTable();
        partition("eu", "1");
        partition("eu", "2");
        catalog.columnStatistics().updateForPartition(NS, "db", "p", List.of("eu", "1"), List.of(strings("name")));
        catalog.columnStatistics().updateForPartition(NS, "db", "p", List.of("eu", "2"), List.of(strings("name")));

        catalog.partitions().delete(NS, "db", "p", List.of("eu", "1"));
        partition("eu", "1");
        assertThat(stats("eu", "1")).isEmpty();
        assertThat(stats("eu", "2")).hasSize(1);

        catalog.tables().delete(NS, "db", "p");
        partitionedTable();
        partition("eu", "2");
        assertThat(stats("eu", "2")).isEmpty();

        catalog.columnStatistics().updateForPartition(NS, "db", "p", List.of("eu", "2"), List.of(strings("name")));
        catalog.databases().delete(NS, "db");
        database("db");
        partitionedTable();
        partition("eu", "2");
        assertThat(stats("eu", "2")).isEmpty();
    }

    private List<ColumnStatistics> stats(String... values) {
        return catalog.columnStatistics().getForPartition(NS, "db", "p", List.of(values), List.of("name")).statistics();
    }
}
