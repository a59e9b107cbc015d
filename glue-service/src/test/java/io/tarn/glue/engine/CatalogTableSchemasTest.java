package io.tarn.glue.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.spi.ports.CatalogPort;
import io.tarn.core.spi.ports.CatalogPort.Column;
import io.tarn.glue.model.TableDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The port Firehose reads table schemas through, over a real catalog. */
class CatalogTableSchemasTest extends CatalogFixture {

    private CatalogPort port() {
        return new CatalogTableSchemas(catalog.tables());
    }

    @Test
    void readsColumnsAndPartitionKeysOfTheLatestVersionOrOfANamedOne() {
        database("web");
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("id", "bigint");
        columns.put("tags", "array<struct<k:string,v:decimal(10,2)>>");
        table("web", "Clicks", columns, Map.of());
        catalog.tables().update(NS, "web", new TableDefinition("clicks", null, null, null, null, null,
                json("{\"Columns\":[{\"Name\":\"id\",\"Type\":\"bigint\"},{\"Name\":\"page\",\"Type\":\"string\"}]}"),
                json("[{\"Name\":\"dt\",\"Type\":\"string\"}]"), null, null, "EXTERNAL_TABLE", null, null, null), null, false);

        CatalogPort.TableSchema latest = port().tableSchema(NS, null, "WEB", "clicks", "LATEST");
        assertThat(latest.database()).isEqualTo("web");
        assertThat(latest.table()).isEqualTo("clicks");
        assertThat(latest.versionId()).isEqualTo("1");
        assertThat(latest.columns()).containsExactly(new Column("id", "bigint"), new Column("page", "string"));
        assertThat(latest.partitionKeys()).containsExactly(new Column("dt", "string"));
        assertThat(port().tableSchema(NS, NS.account(), "web", "clicks", null)).isEqualTo(latest);

        CatalogPort.TableSchema first = port().tableSchema(NS, null, "web", "clicks", "0");
        assertThat(first.columns()).containsExactly(new Column("id", "bigint"),
                new Column("tags", "array<struct<k:string,v:decimal(10,2)>>"));
        assertThat(first.partitionKeys()).isEmpty();
    }

    @Test
    void missingDatabaseTableOrVersionAnswersGluesEntityNotFound() {
        assertAws(() -> port().tableSchema(NS, null, "nope", "t", null), "EntityNotFoundException", "Database nope not found.");
        database("web");
        assertAws(() -> port().tableSchema(NS, null, "web", "t", null), "EntityNotFoundException", "Table t not found.");
        table("web", "t", Map.of("a", "int"), Map.of());
        assertAws(() -> port().tableSchema(NS, null, "web", "t", "7"), "EntityNotFoundException",
                "Version 7 of table t not found.");
        assertThat(port().tableSchema(NS, null, "web", "t", "0").columns()).isEqualTo(List.of(new Column("a", "int")));
    }

    @Test
    void anotherAccountsCatalogIsRefused() {
        database("web");
        table("web", "t", Map.of("a", "int"), Map.of());
        assertAws(() -> port().tableSchema(NS, "111122223333", "web", "t", null), "AccessDeniedException",
                "Cross account access to catalog 111122223333 is not allowed.");
    }
}
