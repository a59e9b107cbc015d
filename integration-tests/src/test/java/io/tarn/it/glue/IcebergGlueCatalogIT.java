package io.tarn.it.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.it.Scripts;
import io.tarn.it.TarnServerExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Apache Iceberg's own GlueCatalog with S3FileIO, Tarn being both the catalog (Glue) and the
 * warehouse (S3): namespaces, tables with a partition spec, appends of real Parquet data files,
 * reads, schema evolution, rename, drop with purge, and concurrent commits, where Glue's
 * VersionId compare-and-set makes one writer retry.
 */
@ExtendWith(TarnServerExtension.class)
class IcebergGlueCatalogIT {

    private static final String WAREHOUSE = "iceberg-warehouse";
    private static final Schema SCHEMA = new Schema(
            Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "category", Types.StringType.get()),
            Types.NestedField.optional(3, "amount", Types.DoubleType.get()));
    private static final PartitionSpec SPEC = PartitionSpec.builderFor(SCHEMA).identity("category").build();

    /** The catalog's Glue client credentials: Iceberg loads a provider class by name and calls its static create(). */
    public static final class TarnCredentials implements AwsCredentialsProvider {
        private static final AwsCredentials TEST = AwsBasicCredentials.create("test", "test");

        public static TarnCredentials create() {
            return new TarnCredentials();
        }

        @Override
        public AwsCredentials resolveCredentials() {
            return TEST;
        }
    }

    @BeforeAll
    static void createWarehouse(URI endpoint) {
        try (S3Client s3 = s3(endpoint)) {
            s3.createBucket(b -> b.bucket(WAREHOUSE));
        }
    }

    /** The catalog properties a user sets to point Iceberg at Tarn (the README's Iceberg note). */
    static GlueCatalog catalog(URI endpoint) {
        GlueCatalog catalog = new GlueCatalog();
        catalog.initialize("tarn", Map.of(
                "warehouse", "s3://" + WAREHOUSE + "/warehouse",
                "glue.endpoint", endpoint.toString(),
                "client.region", "us-east-1",
                "client.credentials-provider", TarnCredentials.class.getName(),
                "s3.endpoint", endpoint.toString(),
                "s3.path-style-access", "true",
                "s3.access-key-id", "test",
                "s3.secret-access-key", "test",
                // Iceberg's default HTTP client is the SDK's apache5-client; these tests carry the URL connection one
                "http-client.type", "urlconnection"));
        return catalog;
    }

    private static S3Client s3(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(TarnCredentials.create()).build();
    }

    private static Record row(Schema schema, long id, String category, double amount) {
        return GenericRecord.create(schema).copy(Map.of("id", id, "category", category, "amount", amount));
    }

    /** Writes {@code rows} (all of one partition) as a Parquet data file of {@code table}, as an engine would. */
    static DataFile writeDataFile(Table table, List<Record> rows) {
        PartitionKey partition = new PartitionKey(table.spec(), table.schema());
        partition.partition(rows.get(0));
        String location = table.locationProvider().newDataLocation(table.spec(), partition, UUID.randomUUID() + ".parquet");
        DataWriter<Record> writer;
        try {
            writer = Parquet.writeData(table.io().newOutputFile(location)).schema(table.schema()).withSpec(table.spec())
                    .withPartition(partition).createWriterFunc(GenericParquetWriter::create).overwrite().build();
            try (DataWriter<Record> w = writer) {
                rows.forEach(w::write);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer.toDataFile();
    }

    static List<Record> read(Table table) {
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> it = IcebergGenerics.read(table).build()) {
            it.forEach(rows::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static List<Long> ids(List<Record> rows) {
        return rows.stream().map(r -> (Long) r.getField("id")).sorted().toList();
    }

    @Test
    void aTableLivesThroughAppendsSchemaEvolutionRenameAndDrop(URI endpoint, GlueClient glue) throws IOException {
        Namespace ns = Namespace.of("iceberg_it");
        TableIdentifier id = TableIdentifier.of(ns, "orders");
        try (GlueCatalog catalog = catalog(endpoint); S3Client s3 = s3(endpoint)) {
            catalog.createNamespace(ns, Map.of("owner", "tarn"));
            assertThat(catalog.loadNamespaceMetadata(ns)).containsEntry("owner", "tarn");
            assertThat(catalog.listNamespaces()).contains(ns);

            Table table = catalog.createTable(id, SCHEMA, SPEC);
            var glueTable = glue.getTable(b -> b.databaseName("iceberg_it").name("orders")).table();
            assertThat(glueTable.tableType()).isEqualTo("EXTERNAL_TABLE");
            assertThat(glueTable.parameters()).containsEntry("table_type", "ICEBERG")
                    .hasEntrySatisfying("metadata_location", l -> assertThat(l).startsWith("s3://" + WAREHOUSE + "/warehouse/"));
            assertThat(glueTable.storageDescriptor().columns()).extracting(Column::name).containsExactly("id", "category", "amount");
            assertThatThrownBy(() -> catalog.createTable(id, SCHEMA, SPEC)).isInstanceOf(AlreadyExistsException.class);
            assertThatThrownBy(() -> catalog.loadTable(TableIdentifier.of(ns, "missing"))).isInstanceOf(NoSuchTableException.class);

            String created = glueTable.parameters().get("metadata_location");
            table.newAppend()
                    .appendFile(writeDataFile(table, List.of(row(SCHEMA, 1, "a", 1.5), row(SCHEMA, 2, "a", 2.5))))
                    .appendFile(writeDataFile(table, List.of(row(SCHEMA, 3, "b", 3.5))))
                    .commit();
            assertThat(glue.getTable(b -> b.databaseName("iceberg_it").name("orders")).table().parameters())
                    .containsEntry("previous_metadata_location", created);
            Table loaded = catalog.loadTable(id);
            assertThat(ids(read(loaded))).containsExactly(1L, 2L, 3L);
            try (CloseableIterable<Record> b = IcebergGenerics.read(loaded).where(Expressions.equal("category", "b")).build()) {
                assertThat(b).extracting(r -> r.getField("id")).containsExactly(3L);
            }

            loaded.updateSchema().addColumn("note", Types.StringType.get()).commit();
            Table evolved = catalog.loadTable(id);
            Record withNote = row(evolved.schema(), 4, "b", 4.5);
            withNote.setField("note", "after evolution");
            evolved.newAppend().appendFile(writeDataFile(evolved, List.of(withNote))).commit();
            List<Record> rows = read(catalog.loadTable(id));
            assertThat(ids(rows)).containsExactly(1L, 2L, 3L, 4L);
            assertThat(rows).filteredOn(r -> r.getField("note") != null).extracting(r -> r.getField("id")).containsExactly(4L);
            assertThat(glue.getTable(b -> b.databaseName("iceberg_it").name("orders")).table().storageDescriptor().columns())
                    .extracting(Column::name).containsExactly("id", "category", "amount", "note");

            // a plain Hive table in the same database: GlueCatalog lists only its Iceberg tables
            glue.createTable(b -> b.databaseName("iceberg_it").tableInput(t -> t.name("hive_events").tableType("EXTERNAL_TABLE")));
            assertThat(catalog.listTables(ns)).containsExactly(id);

            TableIdentifier renamed = TableIdentifier.of(ns, "orders_v2");
            catalog.renameTable(id, renamed);
            assertThat(catalog.tableExists(id)).isFalse();
            Table moved = catalog.loadTable(renamed);
            assertThat(ids(read(moved))).containsExactly(1L, 2L, 3L, 4L);
            String location = moved.location();

            assertThat(catalog.dropTable(renamed, true)).isTrue();
            assertThat(catalog.tableExists(renamed)).isFalse();
            assertThat(catalog.dropTable(renamed, true)).isFalse();
            String prefix = location.substring(("s3://" + WAREHOUSE + "/").length()) + "/";
            assertThat(s3.listObjectsV2(b -> b.bucket(WAREHOUSE).prefix(prefix + "data/")).contents()).isEmpty();

            glue.deleteTable(b -> b.databaseName("iceberg_it").name("hive_events"));
            assertThat(catalog.dropNamespace(ns)).isTrue();
            assertThat(catalog.namespaceExists(ns)).isFalse();
        }
    }

    @Test
    void namespacesKeepTheirPropertiesAndLocation(URI endpoint, GlueClient glue) throws IOException {
        Namespace ns = Namespace.of("iceberg_ns");
        String location = "s3://" + WAREHOUSE + "/custom/iceberg_ns";
        try (GlueCatalog catalog = catalog(endpoint)) {
            // GlueCatalog asks GetDatabase for the warehouse location and lets Glue's own error through, as against AWS
            assertThatThrownBy(() -> catalog.createTable(TableIdentifier.of(ns, "t"), SCHEMA))
                    .isInstanceOfSatisfying(GlueException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("EntityNotFoundException"));
            catalog.createNamespace(ns, Map.of("location", location, "comment", "for tests", "team", "data"));
            assertThatThrownBy(() -> catalog.createNamespace(ns)).isInstanceOf(AlreadyExistsException.class);
            var db = glue.getDatabase(b -> b.name("iceberg_ns")).database();
            assertThat(db.locationUri()).isEqualTo(location);
            assertThat(db.description()).isEqualTo("for tests");
            assertThat(db.parameters()).containsEntry("team", "data");

            catalog.setProperties(ns, Map.of("owner", "tarn"));
            catalog.removeProperties(ns, Set.of("team"));
            assertThat(catalog.loadNamespaceMetadata(ns)).containsEntry("owner", "tarn").doesNotContainKey("team")
                    .containsEntry("location", location);

            Table table = catalog.createTable(TableIdentifier.of(ns, "t"), SCHEMA);
            assertThat(table.location()).isEqualTo(location + "/t");
            assertThatThrownBy(() -> catalog.dropNamespace(ns)).isInstanceOf(NamespaceNotEmptyException.class);
            assertThat(catalog.dropTable(TableIdentifier.of(ns, "t"), true)).isTrue();
            assertThat(catalog.dropNamespace(ns)).isTrue();
            assertThatThrownBy(() -> catalog.loadNamespaceMetadata(ns)).isInstanceOf(NoSuchNamespaceException.class);
        }
    }

    @Test
    void ofTwoCommitsOnTheSameBaseOneWinsAndTheOtherRetries(URI endpoint) throws IOException {
        Namespace ns = Namespace.of("iceberg_race");
        TableIdentifier id = TableIdentifier.of(ns, "events");
        try (GlueCatalog first = catalog(endpoint); GlueCatalog second = catalog(endpoint)) {
            first.createNamespace(ns);
            first.createTable(id, SCHEMA, SPEC);
            Table a = first.loadTable(id);
            Table b = second.loadTable(id);
            DataFile fromA = writeDataFile(a, List.of(row(SCHEMA, 1, "a", 1)));
            DataFile fromB = writeDataFile(b, List.of(row(SCHEMA, 2, "b", 2)));

            a.newAppend().appendFile(fromA).commit();
            // b still holds the metadata it loaded: its commit fails against Glue and Iceberg retries on a refresh
            b.newAppend().appendFile(fromB).commit();

            Table current = first.loadTable(id);
            assertThat(ids(read(current))).containsExactly(1L, 2L);
            Snapshot last = current.currentSnapshot();
            assertThat(current.snapshot(last.parentId()).addedDataFiles(current.io()))
                    .extracting(DataFile::location).containsExactly(fromA.location());
        }
    }

    @Test
    void concurrentWritersAllLandTheirAppends(URI endpoint) throws Exception {
        int writers = 4;
        Namespace ns = Namespace.of("iceberg_threads");
        TableIdentifier id = TableIdentifier.of(ns, "events");
        try (GlueCatalog setup = catalog(endpoint)) {
            setup.createNamespace(ns);
            setup.createTable(id, SCHEMA, SPEC, Map.of(TableProperties.COMMIT_NUM_RETRIES, "20"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CyclicBarrier start = new CyclicBarrier(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                long n = w;
                done.add(pool.submit(() -> {
                    try (GlueCatalog catalog = catalog(endpoint)) {
                        Table table = catalog.loadTable(id);
                        DataFile file = writeDataFile(table, List.of(row(SCHEMA, n, "w" + n, n)));
                        start.await(60, TimeUnit.SECONDS);
                        table.newAppend().appendFile(file).commit();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (GlueCatalog catalog = catalog(endpoint)) {
            Table table = catalog.loadTable(id);
            assertThat(ids(read(table))).containsExactly(0L, 1L, 2L, 3L);
            assertThat(table.snapshots()).hasSize(writers);
        }
    }

    @Test
    void pyarrowAndDuckdbReadTheDataFilesTheCatalogNames(URI endpoint) throws Exception {
        Scripts.requireClient(List.of("python3", "-c", "import boto3, pyarrow.fs, duckdb, fastavro"),
                "python3 with boto3, pyarrow, duckdb and fastavro is not installed (pip install pyarrow duckdb fastavro)");
        Namespace ns = Namespace.of("iceberg_py");
        TableIdentifier id = TableIdentifier.of(ns, "sales");
        try (GlueCatalog catalog = catalog(endpoint)) {
            catalog.createNamespace(ns);
            Table table = catalog.createTable(id, SCHEMA, SPEC);
            table.newAppend()
                    .appendFile(writeDataFile(table, List.of(row(SCHEMA, 1, "a", 10), row(SCHEMA, 2, "a", 20))))
                    .appendFile(writeDataFile(table, List.of(row(SCHEMA, 3, "b", 30))))
                    .commit();
        }
        Scripts.assertRuns(List.of("python3", Scripts.script("iceberg_read_check.py"), endpoint.toString(), "iceberg_py", "sales"),
                180);
    }
}
