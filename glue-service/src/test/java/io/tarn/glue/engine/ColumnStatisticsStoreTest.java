package io.tarn.glue.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tarn.glue.engine.ColumnStatisticsStore.Found;
import io.tarn.glue.engine.ColumnStatisticsStore.Rejected;
import io.tarn.glue.model.ColumnStatistics;
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
        assertAws(() -> catalog.columnStatistics().delete(NS, "db", "t", "id"), "EntityNotFoundException",
                "Column statistics of column id not found.");
        assertThat(catalog.columnStatistics().get(NS, "db", "t", List.of("name")).statistics()).hasSize(1);

        catalog.tables().delete(NS, "db", "t");
        table("db", "t", Map.of("name", "string"), Map.of());
        assertThat(catalog.columnStatistics().get(NS, "db", "t", List.of("name")).statistics()).isEmpty();
    }
}
