package io.tarn.glue.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.glue.engine.TableSearch.Predicate;
import io.tarn.glue.model.TableMeta;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TableSearchTest extends CatalogFixture {

    @BeforeEach
    void tables() {
        database("sales");
        database("web");
        table("sales", "customer-link", Map.of("id", "int"), Map.of("classification", "csv"));
        clock.advance(Duration.ofHours(1));
        table("sales", "xxlinkyy", Map.of("id", "int"), Map.of("classification", "parquet"));
        clock.advance(Duration.ofHours(1));
        table("web", "clicks", Map.of("id", "int"), Map.of("classification", "parquet", "owner_team", "growth"));
    }

    private List<String> names(Page<TableMeta> page) {
        return page.items().stream().map(t -> t.database() + "." + t.name()).toList();
    }

    @Test
    void textSearchesNamesDescriptionsAndParameters() {
        assertThat(names(catalog.search().search(NS, "LINK", List.of(), null, false, 0, 10)))
                .containsExactly("sales.customer-link", "sales.xxlinkyy");
        assertThat(names(catalog.search().search(NS, "growth", List.of(), null, false, 0, 10))).containsExactly("web.clicks");
        assertThat(names(catalog.search().search(NS, "\"parquet\"", List.of(), null, false, 0, 10)))
                .containsExactly("sales.xxlinkyy", "web.clicks");
        assertThat(names(catalog.search().search(NS, "\"parq\"", List.of(), null, false, 0, 10))).isEmpty();
    }

    @Test
    void predicatesMatchTokensAndCompareTimes() {
        assertThat(names(catalog.search().search(NS, null, List.of(new Predicate("Name", "link", null)), null, false, 0, 10)))
                .containsExactly("sales.customer-link");
        assertThat(names(catalog.search().search(NS, null, List.of(new Predicate("DatabaseName", "web", null)), null, false,
                0, 10))).containsExactly("web.clicks");
        assertThat(names(catalog.search().search(NS, null, List.of(new Predicate("classification", "parquet", null)), null, false,
                0, 10))).containsExactly("sales.xxlinkyy", "web.clicks");
        String afterStart = Long.toString(START.plus(Duration.ofMinutes(30)).getEpochSecond());
        assertThat(names(catalog.search().search(NS, null, List.of(new Predicate("CreateTime", afterStart, "GREATER_THAN")), null,
                false, 0, 10))).containsExactly("sales.xxlinkyy", "web.clicks");
        assertThat(names(catalog.search().search(NS, null, List.of(new Predicate("UpdateTime", START.toString(), "LESS_THAN_EQUALS")),
                null, false, 0, 10))).containsExactly("sales.customer-link");
        assertAws(() -> catalog.search().search(NS, null, List.of(new Predicate("CreateTime", "soon", "LESS_THAN")), null, false,
                0, 10), "InvalidInputException", "Invalid time value soon in filter.");
    }

    @Test
    void resultsAreSortedAndPaged() {
        Page<TableMeta> first = catalog.search().search(NS, null, List.of(), "CreateTime", true, 0, 2);
        assertThat(names(first)).containsExactly("web.clicks", "sales.xxlinkyy");
        assertThat(first.next()).isEqualTo("2");
        Page<TableMeta> second = catalog.search().search(NS, null, List.of(), "CreateTime", true, 2, 2);
        assertThat(names(second)).containsExactly("sales.customer-link");
        assertThat(second.next()).isNull();
        assertAws(() -> catalog.search().search(NS, null, List.of(), "Color", false, 0, 10), "InvalidInputException",
                "Sort field Color is not supported.");
    }
}
