package io.tarn.glue.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.core.error.AwsException;
import io.tarn.core.paging.PageTokens;
import io.tarn.core.spi.Caller;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.RequestContext;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.api.shapes.TableShapes.CreateTableInput;
import io.tarn.glue.api.shapes.TableShapes.DeleteTableInput;
import io.tarn.glue.api.shapes.TableShapes.GetTableInput;
import io.tarn.glue.api.shapes.TableShapes.GetTableVersionsInput;
import io.tarn.glue.api.shapes.TableShapes.Table;
import io.tarn.glue.api.shapes.TableShapes.TableVersion;
import io.tarn.glue.api.shapes.TableShapes.UpdateTableInput;
import io.tarn.glue.engine.Catalog;
import io.tarn.glue.model.DatabaseMeta;
import io.tarn.glue.model.TableDefinition;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table operations as Apache Iceberg's GlueCatalog drives them, over a real store and a manual clock. */
class TableOperationsTest {

    private static final Namespace NS = new Namespace("000000000000", "us-east-1");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private StateStore store;
    private TableOperations tables;
    private RequestContext ctx;

    @BeforeEach
    void open() {
        EmulatorClock clock = EmulatorClock.manual(Instant.parse("2024-01-01T00:00:00Z"));
        store = StateStore.open(dir.resolve("db"), false);
        Catalog catalog = new Catalog(store.keyspace("glue"), clock);
        catalog.databases().create(NS, new DatabaseMeta("lake", null, null, null, null, null, null, null));
        tables = new TableOperations(catalog.tables(), new NextTokens(new PageTokens("glue", new byte[32])));
        ctx = new RequestContext("req", NS, Caller.root("test", NS.account()), "glue", clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** The TableInput GlueCatalog commits: EXTERNAL_TABLE, the Iceberg parameters, the schema as columns. */
    private static TableDefinition icebergInput(String metadata, @Nullable String previous) throws Exception {
        Map<String, String> params = previous == null
                ? Map.of("table_type", "ICEBERG", "metadata_location", metadata)
                : Map.of("table_type", "ICEBERG", "metadata_location", metadata, "previous_metadata_location", previous);
        JsonNode sd = JSON.readTree("{\"Location\":\"s3://wh/lake.db/t\",\"Columns\":[{\"Name\":\"id\",\"Type\":\"bigint\","
                + "\"Parameters\":{\"iceberg.field.id\":\"1\",\"iceberg.field.optional\":\"false\"}}]}");
        return new TableDefinition("t", null, null, null, null, null, sd, null, null, null, "EXTERNAL_TABLE", params, null, null);
    }

    private Table get() {
        return tables.getTable(ctx, new GetTableInput(null, "lake", "t", null, null)).table();
    }

    private static void assertGlueError(ThrowableAssert.ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void aCommitNamesTheVersionItReadAndAStaleOneIsRefused() throws Exception {
        tables.createTable(ctx, new CreateTableInput(null, "lake", icebergInput("s3://wh/m/00000.json", null), null, null));
        Table created = get();
        assertThat(created.versionId()).isEqualTo("0");
        assertThat(created.parameters()).containsEntry("table_type", "ICEBERG").containsEntry("metadata_location", "s3://wh/m/00000.json");

        // GlueCatalog commits with SkipArchive (its default) and the VersionId of the table it read
        tables.updateTable(ctx, new UpdateTableInput(null, "lake", null, icebergInput("s3://wh/m/00001.json", "s3://wh/m/00000.json"),
                true, created.versionId(), null, null));
        Table committed = get();
        assertThat(committed.versionId()).isEqualTo("1");
        assertThat(committed.parameters()).containsEntry("metadata_location", "s3://wh/m/00001.json")
                .containsEntry("previous_metadata_location", "s3://wh/m/00000.json");
        assertThat(committed.storageDescriptor().at("/Columns/0/Parameters/iceberg.field.id").asText()).isEqualTo("1");

        // the writer that read version 0 too loses, and Iceberg maps this to CommitFailedException and retries
        assertGlueError(() -> tables.updateTable(ctx, new UpdateTableInput(null, "lake", null,
                icebergInput("s3://wh/m/00001-other.json", "s3://wh/m/00000.json"), true, "0", null, null)),
                "ConcurrentModificationException", "Update table failed due to concurrent modifications.");
        assertThat(get().parameters()).containsEntry("metadata_location", "s3://wh/m/00001.json");
        assertThat(tables.getTableVersions(ctx, new GetTableVersionsInput(null, "lake", "t", null, null)).tableVersions())
                .extracting(TableVersion::versionId).containsExactly("1");
    }

    @Test
    void glueWritingIcebergMetadataAndTransactionsAreRefusedNotIgnored() throws Exception {
        JsonNode iceberg = JSON.readTree("{\"IcebergInput\":{\"MetadataOperation\":\"CREATE\",\"Version\":\"2\"}}");
        assertGlueError(() -> tables.createTable(ctx, new CreateTableInput(null, "lake", icebergInput("s3://wh/m/0.json", null), null,
                iceberg)), "OperationNotSupportedException",
                "OpenTableFormatInput (Glue writing the Iceberg metadata) on CreateTable is not built by Tarn yet");
        assertGlueError(() -> tables.createTable(ctx, new CreateTableInput(null, "lake", icebergInput("s3://wh/m/0.json", null), "tx1",
                null)), "OperationNotSupportedException",
                "TransactionId (Lake Formation transactions) on CreateTable is not built by Tarn yet");
        assertGlueError(() -> get(), "EntityNotFoundException", "Table t not found.");

        tables.createTable(ctx, new CreateTableInput(null, "lake", icebergInput("s3://wh/m/0.json", null), null, null));
        JsonNode update = JSON.readTree("{\"UpdateIcebergInput\":{\"UpdateIcebergTableInput\":{\"Updates\":[]}}}");
        assertGlueError(() -> tables.updateTable(ctx, new UpdateTableInput(null, "lake", null, icebergInput("s3://wh/m/1.json", null),
                null, null, null, update)), "OperationNotSupportedException",
                "UpdateOpenTableFormatInput (Glue writing the Iceberg metadata) on UpdateTable is not built by Tarn yet");
        assertGlueError(() -> tables.updateTable(ctx, new UpdateTableInput(null, "lake", null, icebergInput("s3://wh/m/1.json", null),
                null, null, "tx1", null)), "OperationNotSupportedException",
                "TransactionId (Lake Formation transactions) on UpdateTable is not built by Tarn yet");
        assertThat(get().versionId()).isEqualTo("0");

        // reads inside a transaction or as of a past time would answer the present: refused instead
        assertGlueError(() -> tables.getTable(ctx, new GetTableInput(null, "lake", "t", "tx1", null)), "OperationNotSupportedException",
                "TransactionId (Lake Formation transactions) on GetTable is not built by Tarn yet");
        assertGlueError(() -> tables.getTable(ctx, new GetTableInput(null, "lake", "t", null, JSON.readTree("1700000000"))),
                "OperationNotSupportedException", "QueryAsOfTime (reading the catalog as of a past time) on GetTable is not built by Tarn yet");
        assertGlueError(() -> tables.deleteTable(ctx, new DeleteTableInput(null, "lake", "t", "tx1")), "OperationNotSupportedException",
                "TransactionId (Lake Formation transactions) on DeleteTable is not built by Tarn yet");
        assertThat(get().versionId()).isEqualTo("0");
    }
}
