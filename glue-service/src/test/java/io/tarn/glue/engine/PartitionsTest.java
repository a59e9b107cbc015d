package io.tarn.glue.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.model.DatabaseMeta;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.PartitionDefinition;
import io.tarn.glue.model.PartitionIndexMeta;
import io.tarn.glue.model.PartitionMeta;
import io.tarn.glue.model.TableDefinition;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partitions and partition indexes over a real store in a temp dir and a manual clock. */
class PartitionsTest {

    private static final Namespace NS = new Namespace("000000000000", "us-east-1");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private StateStore store;
    private Catalog catalog;
    private Partitions partitions;

    @BeforeEach
    void open() throws Exception {
        store = StateStore.open(dir.resolve("db"), false);
        catalog = new Catalog(store.keyspace("glue"), EmulatorClock.manual(START));
        partitions = catalog.partitions();
        catalog.databases().create(NS, new DatabaseMeta("db", null, null, null, null, null, null, null));
        catalog.tables().create(NS, "db", new TableDefinition("Sales", null, null, null, null, null,
                JSON.readTree("{\"Columns\":[{\"Name\":\"id\",\"Type\":\"int\"}],\"Location\":\"s3://b/sales\"}"),
                JSON.readTree("[{\"Name\":\"region\",\"Type\":\"string\"},{\"Name\":\"month\",\"Type\":\"int\"},"
                        + "{\"Name\":\"day\",\"Type\":\"date\"}]"), null, null, "EXTERNAL_TABLE", null, null, null), "me");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static PartitionDefinition input(String... values) throws Exception {
        return new PartitionDefinition(List.of(values), null,
                JSON.readTree("{\"Columns\":[{\"Name\":\"id\",\"Type\":\"int\"}],\"Location\":\"s3://b/" + String.join("/", values) + "\"}"),
                Map.of("k", "v"), null);
    }

    /** Regions eu and us, months 1..12, days 2024-mm-01: 24 partitions. */
    private void fill() throws Exception {
        List<PartitionDefinition> all = new ArrayList<>();
        for (String region : List.of("eu", "us")) {
            for (int m = 1; m <= 12; m++) {
                all.add(input(region, Integer.toString(m), String.format("2024-%02d-01", m)));
            }
        }
        assertThat(partitions.createAll(NS, "db", "sales", all)).isEmpty();
    }

    private List<List<String>> values(String expression) {
        return listAll(expression, null).stream().map(PartitionMeta::values).toList();
    }

    private List<PartitionMeta> listAll(String expression, Partitions.Segment segment) {
        List<PartitionMeta> out = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 100; page++) {
            Page<PartitionMeta> p = partitions.list(NS, "db", "sales", expression, segment, after, 5);
            out.addAll(p.items());
            after = p.next();
            if (after == null) {
                return out;
            }
        }
        throw new AssertionError("endless pagination");
    }

    private static void assertAws(ThrowableAssert.ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void aPartitionIsCreatedOnceAndReadBackAsSent() throws Exception {
        PartitionMeta p = partitions.create(NS, "DB", "SALES", input("eu", "1", "2024-01-01"));
        assertThat(p.creationTime()).isEqualTo(START);
        assertThat(p.database()).isEqualTo("db");
        assertThat(p.table()).isEqualTo("sales");
        PartitionMeta read = partitions.get(NS, "db", "sales", List.of("eu", "1", "2024-01-01"));
        assertThat(read.storageDescriptor().get("Location").asText()).isEqualTo("s3://b/eu/1/2024-01-01");
        assertThat(read.parameters()).containsEntry("k", "v");
        assertAws(() -> partitions.create(NS, "db", "sales", input("eu", "1", "2024-01-01")),
                "AlreadyExistsException", "Partition already exists.");
        // values are text: 01 is another partition than 1
        partitions.create(NS, "db", "sales", input("eu", "01", "2024-01-01"));
        assertAws(() -> partitions.get(NS, "db", "sales", List.of("eu", "2", "2024-01-01")),
                "EntityNotFoundException", "Partition not found.");
        assertAws(() -> partitions.create(NS, "db", "sales", input("eu", "1")),
                "InvalidInputException", "The number of partition keys do not match the number of partition values");
        assertAws(() -> partitions.create(NS, "db", "nope", input("eu", "1", "x")),
                "EntityNotFoundException", "Table nope not found.");
    }

    @Test
    void aBatchReportsEachFailedEntryAndWritesTheOthers() throws Exception {
        partitions.create(NS, "db", "sales", input("eu", "1", "2024-01-01"));
        List<Partitions.Failure> failures = partitions.createAll(NS, "db", "sales", List.of(
                input("eu", "1", "2024-01-01"), input("eu", "2", "2024-02-01"), input("eu", "2", "2024-02-01"), input("x")));
        assertThat(failures).extracting(f -> f.error().code())
                .containsExactly("AlreadyExistsException", "AlreadyExistsException", "InvalidInputException");
        assertThat(partitions.get(NS, "db", "sales", List.of("eu", "2", "2024-02-01"))).isNotNull();
        assertThat(partitions.getAll(NS, "db", "sales", List.of(List.of("eu", "2", "2024-02-01"), List.of("no", "1", "x"))))
                .extracting(PartitionMeta::values).containsExactly(List.of("eu", "2", "2024-02-01"));
    }

    @Test
    void expressionsCompareByTheKeysTypes() throws Exception {
        fill();
        assertThat(values("region = 'eu' AND month >= 10")).extracting(v -> v.get(1)).containsExactlyInAnyOrder("10", "11", "12");
        assertThat(values("day BETWEEN '2024-03-01' AND '2024-04-01'")).hasSize(4);
        assertThat(values("")).hasSize(24);
        assertAws(() -> values("month = "), "InvalidInputException",
                "Unsupported expression 'month = ': line 1:8 mismatched input <EOF> expecting a literal");
    }

    @Test
    void pagesAndSegmentsCoverEveryPartitionOnce() throws Exception {
        fill();
        assertThat(listAll(null, null)).hasSize(24);
        Set<List<String>> seen = new HashSet<>();
        int total = 0;
        for (int s = 0; s < 3; s++) {
            List<PartitionMeta> segment = listAll("month > 0", new Partitions.Segment(s, 3));
            total += segment.size();
            segment.forEach(p -> seen.add(p.values()));
        }
        assertThat(total).isEqualTo(24);
        assertThat(seen).hasSize(24);
    }

    @Test
    void anIndexScansOnlyItsRangeAndFindsWhatAFullScanFinds() throws Exception {
        fill();
        List<String> expressions = List.of("month >= 10", "month < 3 AND region = 'us'", "month BETWEEN 4 AND 6",
                "month = 7", "month IN (2, 11)", "month > 5 AND month < 3", "month = 1 OR month = 12",
                "day > '2024-06-15'", "region = 'eu'", "NOT month = 4");
        List<List<List<String>>> unindexed = expressions.stream().map(this::values).toList();
        PartitionIndexMeta index = partitions.indexes().create(NS, "db", "sales", "by_month", List.of("month", "region"));
        assertThat(index.active()).isTrue();
        partitions.indexes().create(NS, "db", "sales", "by_day", List.of("day"));
        for (int i = 0; i < expressions.size(); i++) {
            assertThat(values(expressions.get(i))).as(expressions.get(i)).containsExactlyInAnyOrderElementsOf(unindexed.get(i));
        }
        // the index is read in its keys' order: months numerically, not as text
        assertThat(values("month >= 9")).extracting(v -> v.get(1)).containsExactly("9", "9", "10", "10", "11", "11", "12", "12");
        // partitions written after the index are indexed, deleted ones leave it
        partitions.create(NS, "db", "sales", input("ap", "100", "2025-01-01"));
        partitions.delete(NS, "db", "sales", List.of("eu", "12", "2024-12-01"));
        assertThat(values("month >= 12")).containsExactlyInAnyOrder(List.of("us", "12", "2024-12-01"), List.of("ap", "100", "2025-01-01"));
        // an update that changes values moves the index entry
        partitions.update(NS, "db", "sales", List.of("ap", "100", "2025-01-01"), input("ap", "-5", "2025-01-01"));
        assertThat(values("month < 0")).containsExactly(List.of("ap", "-5", "2025-01-01"));
        assertAws(() -> partitions.create(NS, "db", "sales", input("ap", "june", "2025-01-01")), "InvalidInputException",
                "Partition value june of key month does not fit the type int of partition index by_month.");
    }

    @Test
    void aListingGoesOnAsItBeganWhenIndexesComeAndGo() throws Exception {
        fill();
        Page<PartitionMeta> first = partitions.list(NS, "db", "sales", "month >= 3", null, null, 5);
        partitions.indexes().create(NS, "db", "sales", "by_month", List.of("month"));
        Set<List<String>> seen = new HashSet<>();
        first.items().forEach(p -> seen.add(p.values()));
        String after = first.next();
        while (after != null) {
            Page<PartitionMeta> page = partitions.list(NS, "db", "sales", "month >= 3", null, after, 5);
            page.items().forEach(p -> assertThat(seen.add(p.values())).isTrue());
            after = page.next();
        }
        assertThat(seen).hasSize(20);
        String indexed = partitions.list(NS, "db", "sales", "month >= 3", null, null, 5).next();
        assertThat(indexed).startsWith("i");
        partitions.indexes().delete(NS, "db", "sales", "by_month");
        assertAws(() -> partitions.list(NS, "db", "sales", "month >= 3", null, indexed, 5),
                "InvalidInputException", "Invalid NextToken: " + indexed);
    }

    @Test
    void indexLimitsAndErrors() throws Exception {
        partitions.create(NS, "db", "sales", input("eu", "x", "2024-01-01"));
        PartitionIndexMeta failed = partitions.indexes().create(NS, "db", "sales", "i1", List.of("month"));
        assertThat(failed.active()).isFalse();
        assertThat(failed.invalidPartitions()).containsExactly(List.of("eu", "x", "2024-01-01"));
        // a failed index is not used: the full scan reads the bad value, which AWS answers as an invalid state
        assertAws(() -> values("month = 1"), "InvalidStateException", "For input string: \"x\" is not an integer.");
        partitions.indexes().create(NS, "db", "sales", "i2", List.of("region"));
        partitions.indexes().create(NS, "db", "sales", "i3", List.of("day"));
        assertAws(() -> partitions.indexes().create(NS, "db", "sales", "i2", List.of("day")),
                "AlreadyExistsException", "An index with name i2 already exists.");
        assertAws(() -> partitions.indexes().create(NS, "db", "sales", "i4", List.of("day")),
                "ResourceNumberLimitExceededException", "The table sales has reached its limit of 3 partition indexes.");
        partitions.indexes().delete(NS, "db", "sales", "i1");
        assertAws(() -> partitions.indexes().delete(NS, "db", "sales", "i1"),
                "EntityNotFoundException", "Index with name i1 not found.");
        assertAws(() -> partitions.indexes().create(NS, "db", "sales", "i5", List.of("id")),
                "InvalidInputException", "Column id is not a partition key of the table.");
        assertThat(partitions.indexes().list(NS, "db", "sales")).extracting(PartitionIndexMeta::name).containsExactly("i2", "i3");
    }

    @Test
    void deletingTheTableOrDatabaseDeletesItsPartitionsAndIndexes() throws Exception {
        fill();
        partitions.indexes().create(NS, "db", "sales", "by_month", List.of("month"));
        catalog.tables().delete(NS, "db", "sales");
        var keyspace = store.keyspace("glue");
        assertThat(keyspace.scan(GlueKeys.allPartitions(NS, "db"), null, 10)).isEmpty();
        assertThat(keyspace.scan(GlueKeys.allPartitionIndexes(NS, "db"), null, 10)).isEmpty();
        assertThat(keyspace.scan(GlueKeys.allPartitionIndexEntries(NS, "db"), null, 10)).isEmpty();
        open2();
        fill();
        partitions.indexes().create(NS, "db", "sales", "by_month", List.of("month"));
        catalog.databases().delete(NS, "db");
        assertThat(keyspace.scan(GlueKeys.allPartitions(NS, "db"), null, 10)).isEmpty();
        assertThat(keyspace.scan(GlueKeys.allPartitionIndexEntries(NS, "db"), null, 10)).isEmpty();
    }

    private void open2() throws Exception {
        catalog.tables().create(NS, "db", new TableDefinition("sales", null, null, null, null, null, null,
                JSON.readTree("[{\"Name\":\"region\",\"Type\":\"string\"},{\"Name\":\"month\",\"Type\":\"int\"},"
                        + "{\"Name\":\"day\",\"Type\":\"date\"}]"), null, null, null, null, null, null), "me");
    }
}
