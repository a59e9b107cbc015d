package io.tarn.glue.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.model.DatabaseMeta;
import io.tarn.glue.model.TableDefinition;
import io.tarn.glue.model.TableMeta;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog over a real store in a temp dir and a manual clock. */
class CatalogTest {

    private static final Namespace NS = new Namespace("000000000000", "us-east-1");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final String CREATOR = "arn:aws:iam::000000000000:root";

    @TempDir
    Path dir;

    private EmulatorClock clock;
    private StateStore store;
    private Catalog catalog;

    @BeforeEach
    void open() {
        clock = EmulatorClock.manual(START);
        openCatalog();
    }

    private void openCatalog() {
        store = StateStore.open(dir.resolve("db"), false);
        catalog = new Catalog(store.keyspace("glue"), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static DatabaseMeta databaseInput(String name) {
        return new DatabaseMeta(name, "d", "s3://bucket/" + name, Map.of("k", "v"), null, null, null, null);
    }

    private static TableDefinition tableInput(String name, String location) throws Exception {
        return new TableDefinition(name, null, "owner", null, null, null,
                new ObjectMapper().readTree("{\"Columns\":[{\"Name\":\"id\",\"Type\":\"int\"}],\"Location\":\"" + location + "\","
                        + "\"SerdeInfo\":{\"SerializationLibrary\":\"org.openx.data.jsonserde.JsonSerDe\"}}"),
                new ObjectMapper().readTree("[{\"Name\":\"dt\",\"Type\":\"string\"}]"), null, null, "EXTERNAL_TABLE",
                Map.of("classification", "json"), null, null);
    }

    private static void assertAws(ThrowableAssert.ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void databaseNamesAreLowerCasedAndUnique() {
        DatabaseMeta db = catalog.databases().create(NS, databaseInput("Sales"));
        assertThat(db.name()).isEqualTo("sales");
        assertThat(db.createTime()).isEqualTo(START);
        assertThat(catalog.databases().get(NS, "SALES").locationUri()).isEqualTo("s3://bucket/Sales");
        assertAws(() -> catalog.databases().create(NS, databaseInput("sales")), "AlreadyExistsException", "Database already exists.");
        assertAws(() -> catalog.databases().get(NS, "nope"), "EntityNotFoundException", "Database nope not found.");
        assertAws(() -> catalog.databases().create(NS, databaseInput("x".repeat(256))), "ValidationException",
                "1 validation error detected: Value '" + "x".repeat(256) + "' at 'databaseInput.name' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 255");
        DatabaseMeta updated = catalog.databases().update(NS, "sales", new DatabaseMeta("SALES", "changed", null, null, null, null,
                null, null));
        assertThat(updated.description()).isEqualTo("changed");
        assertThat(updated.createTime()).isEqualTo(START);
        assertAws(() -> catalog.databases().update(NS, "sales", databaseInput("sales2")), "InvalidInputException",
                "Database cannot be renamed");
    }

    @Test
    void databasesArePagedByName() {
        for (String name : new String[] {"c", "a", "e", "b", "d"}) {
            catalog.databases().create(NS, databaseInput(name));
        }
        Page<DatabaseMeta> first = catalog.databases().list(NS, null, 2);
        assertThat(first.items()).extracting(DatabaseMeta::name).containsExactly("a", "b");
        Page<DatabaseMeta> second = catalog.databases().list(NS, first.next(), 2);
        assertThat(second.items()).extracting(DatabaseMeta::name).containsExactly("c", "d");
        Page<DatabaseMeta> last = catalog.databases().list(NS, second.next(), 2);
        assertThat(last.items()).extracting(DatabaseMeta::name).containsExactly("e");
        assertThat(last.next()).isNull();
    }

    @Test
    void aTableKeepsItsWholeDefinitionAndSurvivesARestart() throws Exception {
        catalog.databases().create(NS, databaseInput("db"));
        TableDefinition input = tableInput("Events", "s3://bucket/events/");
        catalog.tables().create(NS, "DB", input, CREATOR);
        store.close();
        openCatalog();
        TableMeta table = catalog.tables().get(NS, "db", "events");
        assertThat(table.name()).isEqualTo("events");
        assertThat(table.database()).isEqualTo("db");
        assertThat(table.definition()).hasToString(input.toString());
        assertThat(table.version()).isZero();
        assertThat(table.createTime()).isEqualTo(START);
        assertAws(() -> catalog.tables().create(NS, "db", input, CREATOR), "AlreadyExistsException", "Table already exists.");
        assertAws(() -> catalog.tables().get(NS, "db", "nope"), "EntityNotFoundException", "Table nope not found.");
        assertAws(() -> catalog.tables().create(NS, "nodb", input, CREATOR), "EntityNotFoundException", "Database nodb not found.");
    }

    @Test
    void updatesMakeVersionsAndAStaleVersionIdIsRefused() throws Exception {
        catalog.databases().create(NS, databaseInput("db"));
        catalog.tables().create(NS, "db", tableInput("t", "s3://b/v0/"), CREATOR);
        clock.advance(Duration.ofMinutes(1));
        TableMeta v1 = catalog.tables().update(NS, "db", tableInput("t", "s3://b/v1/"), "0", false);
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.createTime()).isEqualTo(START);
        assertThat(v1.updateTime()).isEqualTo(START.plus(Duration.ofMinutes(1)));
        assertAws(() -> catalog.tables().update(NS, "db", tableInput("t", "s3://b/stale/"), "0", false),
                "ConcurrentModificationException", "Update table failed due to concurrent modifications.");
        assertThat(catalog.tables().get(NS, "db", "t").definition().storageDescriptor().get("Location").asText())
                .isEqualTo("s3://b/v1/");
        catalog.tables().update(NS, "db", tableInput("t", "s3://b/v2/"), null, false);
        assertThat(catalog.tables().versions(NS, "db", "t", null, 100).items()).extracting(TableMeta::version)
                .containsExactly(2L, 1L, 0L);
        assertThat(catalog.tables().version(NS, "db", "t", "0").definition().storageDescriptor().get("Location").asText())
                .isEqualTo("s3://b/v0/");

        catalog.tables().update(NS, "db", tableInput("t", "s3://b/v3/"), "2", true);
        assertThat(catalog.tables().versions(NS, "db", "t", null, 100).items()).extracting(TableMeta::version)
                .containsExactly(3L, 1L, 0L);

        Page<TableMeta> page = catalog.tables().versions(NS, "db", "t", null, 2);
        assertThat(page.items()).extracting(TableMeta::version).containsExactly(3L, 1L);
        assertThat(catalog.tables().versions(NS, "db", "t", page.next(), 2).items()).extracting(TableMeta::version)
                .containsExactly(0L);

        catalog.tables().deleteVersion(NS, "db", "t", "1");
        assertAws(() -> catalog.tables().version(NS, "db", "t", "1"), "EntityNotFoundException", "Version 1 of table t not found.");
        assertAws(() -> catalog.tables().deleteVersion(NS, "db", "t", "3"), "InvalidInputException",
                "Cannot delete the current version of table t.");
    }

    @Test
    void tablesAreListedByNamePatternAndGoWithTheirDatabase() throws Exception {
        catalog.databases().create(NS, databaseInput("db"));
        for (String name : new String[] {"sales_2023", "sales_2024", "orders", "sales"}) {
            catalog.tables().create(NS, "db", tableInput(name, "s3://b/" + name + "/"), CREATOR);
        }
        assertThat(catalog.tables().list(NS, "db", "sales_*", null, 100).items()).extracting(TableMeta::name)
                .containsExactly("sales_2023", "sales_2024");
        assertThat(catalog.tables().list(NS, "db", "ORDERS|sales", null, 100).items()).extracting(TableMeta::name)
                .containsExactly("orders", "sales");
        Page<TableMeta> first = catalog.tables().list(NS, "db", "sales.*", null, 2);
        assertThat(first.items()).extracting(TableMeta::name).containsExactly("sales", "sales_2023");
        assertThat(catalog.tables().list(NS, "db", "sales.*", first.next(), 2).items()).extracting(TableMeta::name)
                .containsExactly("sales_2024");
        assertAws(() -> catalog.tables().list(NS, "db", "sales(", null, 10), "InvalidInputException",
                "Invalid table name pattern: sales(");

        catalog.tables().delete(NS, "db", "orders");
        assertAws(() -> catalog.tables().get(NS, "db", "orders"), "EntityNotFoundException", "Table orders not found.");
        catalog.databases().delete(NS, "db");
        catalog.databases().create(NS, databaseInput("db"));
        assertThat(catalog.tables().list(NS, "db", null, null, 100).items()).isEmpty();
    }
}
