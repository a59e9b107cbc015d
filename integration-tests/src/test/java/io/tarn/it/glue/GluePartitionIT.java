package io.tarn.it.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.it.TarnServerExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchDeletePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionResponse;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionIndexDescriptor;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;

/** Glue partitions and partition indexes through the SDK v2 Glue client. */
@ExtendWith(TarnServerExtension.class)
class GluePartitionIT {

    private String db;

    @BeforeEach
    void database(GlueClient glue, TestInfo test) {
        db = "part_" + test.getTestMethod().orElseThrow().getName().toLowerCase();
        glue.createDatabase(b -> b.databaseInput(d -> d.name(db)));
        // region string, month int, day date
        glue.createTable(b -> b.databaseName(db).tableInput(t -> t.name("sales")
                .partitionKeys(Column.builder().name("region").type("string").build(),
                        Column.builder().name("month").type("int").build(),
                        Column.builder().name("day").type("date").build())
                .storageDescriptor(sd -> sd.location("s3://bucket/sales/")
                        .columns(Column.builder().name("id").type("bigint").build()))));
    }

    private static PartitionInput partition(String region, int month) {
        return PartitionInput.builder().values(region, Integer.toString(month), String.format("2024-%02d-01", month))
                .parameters(Map.of("k", "v"))
                .storageDescriptor(sd -> sd.location("s3://bucket/sales/" + region + "/" + month + "/")
                        .columns(Column.builder().name("id").type("bigint").build()))
                .build();
    }

    /** Regions eu and us, months 1..12. */
    private void fill(GlueClient glue) {
        List<PartitionInput> all = new ArrayList<>();
        for (String region : List.of("eu", "us")) {
            for (int m = 1; m <= 12; m++) {
                all.add(partition(region, m));
            }
        }
        assertThat(glue.batchCreatePartition(b -> b.databaseName(db).tableName("sales").partitionInputList(all)).errors()).isEmpty();
    }

    private List<List<String>> select(GlueClient glue, String expression) {
        List<List<String>> out = new ArrayList<>();
        for (GetPartitionsResponse page : glue.getPartitionsPaginator(b -> b.databaseName(db).tableName("sales")
                .expression(expression).maxResults(7))) {
            page.partitions().forEach(p -> out.add(p.values()));
        }
        return out;
    }

    private List<Integer> months(GlueClient glue, String expression) {
        return select(glue, expression).stream().filter(v -> v.get(0).equals("eu")).map(v -> Integer.valueOf(v.get(1)))
                .sorted().toList();
    }

    private static void assertGlueError(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(GlueException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            if (message != null) {
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            }
        });
    }

    @Test
    void aPartitionIsCreatedReadUpdatedAndDeleted(GlueClient glue) {
        glue.createPartition(b -> b.databaseName(db).tableName("SALES").partitionInput(partition("eu", 1)));
        Partition p = glue.getPartition(b -> b.databaseName(db).tableName("sales").partitionValues("eu", "1", "2024-01-01")).partition();
        assertThat(p.databaseName()).isEqualTo(db);
        assertThat(p.tableName()).isEqualTo("sales");
        assertThat(p.catalogId()).isEqualTo("000000000000");
        assertThat(p.creationTime()).isNotNull();
        assertThat(p.parameters()).containsEntry("k", "v");
        assertThat(p.storageDescriptor().location()).isEqualTo("s3://bucket/sales/eu/1/");
        assertThat(p.storageDescriptor().columns()).extracting(Column::name).containsExactly("id");

        assertGlueError(() -> glue.createPartition(b -> b.databaseName(db).tableName("sales").partitionInput(partition("eu", 1))),
                "AlreadyExistsException", "Partition already exists.");
        assertGlueError(() -> glue.getPartition(b -> b.databaseName(db).tableName("sales").partitionValues("eu", "2", "2024-02-01")),
                "EntityNotFoundException", "Partition not found.");
        assertGlueError(() -> glue.createPartition(b -> b.databaseName(db).tableName("sales")
                .partitionInput(i -> i.values("eu"))), "InvalidInputException", null);

        glue.updatePartition(b -> b.databaseName(db).tableName("sales").partitionValueList("eu", "1", "2024-01-01")
                .partitionInput(partition("eu", 1).toBuilder().parameters(Map.of("k", "changed")).build()));
        assertThat(glue.getPartition(b -> b.databaseName(db).tableName("sales").partitionValues("eu", "1", "2024-01-01"))
                .partition().parameters()).containsEntry("k", "changed");

        glue.deletePartition(b -> b.databaseName(db).tableName("sales").partitionValues("eu", "1", "2024-01-01"));
        assertGlueError(() -> glue.deletePartition(b -> b.databaseName(db).tableName("sales").partitionValues("eu", "1", "2024-01-01")),
                "EntityNotFoundException", "Partition not found.");
    }

    @Test
    void batchesReportTheirFailedEntries(GlueClient glue) {
        fill(glue);
        BatchCreatePartitionResponse created = glue.batchCreatePartition(b -> b.databaseName(db).tableName("sales")
                .partitionInputList(partition("eu", 1), partition("ap", 1)));
        assertThat(created.errors()).singleElement().satisfies(e -> {
            assertThat(e.partitionValues()).containsExactly("eu", "1", "2024-01-01");
            assertThat(e.errorDetail().errorCode()).isEqualTo("AlreadyExistsException");
        });
        List<PartitionInput> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(partition("x" + i, 1));
        }
        assertGlueError(() -> glue.batchCreatePartition(b -> b.databaseName(db).tableName("sales").partitionInputList(tooMany)),
                "ValidationException", null);

        List<Partition> got = glue.batchGetPartition(b -> b.databaseName(db).tableName("sales").partitionsToGet(
                PartitionValueList.builder().values("eu", "2", "2024-02-01").build(),
                PartitionValueList.builder().values("zz", "2", "2024-02-01").build())).partitions();
        assertThat(got).extracting(Partition::values).containsExactly(List.of("eu", "2", "2024-02-01"));

        BatchUpdatePartitionResponse updated = glue.batchUpdatePartition(b -> b.databaseName(db).tableName("sales").entries(
                BatchUpdatePartitionRequestEntry.builder().partitionValueList("eu", "3", "2024-03-01")
                        .partitionInput(partition("eu", 3).toBuilder().parameters(Map.of("k", "u")).build()).build(),
                BatchUpdatePartitionRequestEntry.builder().partitionValueList("zz", "3", "2024-03-01")
                        .partitionInput(partition("zz", 3)).build()));
        assertThat(updated.errors()).singleElement().satisfies(e -> {
            assertThat(e.partitionValueList()).containsExactly("zz", "3", "2024-03-01");
            assertThat(e.errorDetail().errorCode()).isEqualTo("EntityNotFoundException");
        });

        BatchDeletePartitionResponse deleted = glue.batchDeletePartition(b -> b.databaseName(db).tableName("sales").partitionsToDelete(
                PartitionValueList.builder().values("eu", "4", "2024-04-01").build(),
                PartitionValueList.builder().values("zz", "4", "2024-04-01").build()));
        assertThat(deleted.errors()).singleElement().satisfies(e -> {
            assertThat(e.errorDetail().errorCode()).isEqualTo("EntityNotFoundException");
            assertThat(e.errorDetail().errorMessage()).isEqualTo("Partition not found.");
        });
        List<PartitionValueList> twentySix = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            twentySix.add(PartitionValueList.builder().values("eu", "1", "2024-01-01").build());
        }
        assertGlueError(() -> glue.batchDeletePartition(b -> b.databaseName(db).tableName("sales").partitionsToDelete(twentySix)),
                "ValidationException", null);
    }

    @Test
    void everyOperatorComparesByTheKeysType(GlueClient glue) {
        fill(glue);
        assertThat(months(glue, "month = 10")).containsExactly(10);
        assertThat(months(glue, "month <> 10 AND month != 11 AND month > 8")).containsExactly(9, 12);
        assertThat(months(glue, "month < 3")).containsExactly(1, 2);
        assertThat(months(glue, "month <= 2")).containsExactly(1, 2);
        assertThat(months(glue, "month > 10")).containsExactly(11, 12);
        assertThat(months(glue, "month >= 11")).containsExactly(11, 12);
        assertThat(months(glue, "month IN (1, 5, 9)")).containsExactly(1, 5, 9);
        assertThat(months(glue, "month BETWEEN 3 AND 5")).containsExactly(3, 4, 5);
        assertThat(months(glue, "NOT (month > 2)")).containsExactly(1, 2);
        assertThat(months(glue, "month = 1 OR month = 12")).containsExactly(1, 12);
        assertThat(months(glue, "day > '2024-10-15'")).containsExactly(11, 12);
        assertThat(select(glue, "region LIKE 'e_' AND month = 1")).containsExactly(List.of("eu", "1", "2024-01-01"));
        // month is an int: 10 > 9 as numbers; as text '10' < '9' (region is a string)
        assertThat(months(glue, "month > 9")).containsExactly(10, 11, 12);
        glue.createPartition(b -> b.databaseName(db).tableName("sales").partitionInput(i -> i.values("10", "1", "2024-01-01")));
        glue.createPartition(b -> b.databaseName(db).tableName("sales").partitionInput(i -> i.values("9", "1", "2024-01-01")));
        assertThat(select(glue, "region < '9' AND month = 1")).extracting(v -> v.get(0)).containsExactly("10");
    }

    @Test
    void aBadExpressionIsRefusedWithThePosition(GlueClient glue) {
        fill(glue);
        assertGlueError(() -> select(glue, "month = 1 AND"), "InvalidInputException",
                "Unsupported expression 'month = 1 AND': line 1:13 mismatched input <EOF> expecting a partition key or a literal");
        assertGlueError(() -> select(glue, "month = 'june'"), "InvalidInputException",
                "For input string: \"june\" is not an integer.");
        assertGlueError(() -> select(glue, "colour = 'red'"), "InvalidInputException", "Invalid partition expression!");
        assertGlueError(() -> select(glue, "month = 1 OR " + "month = 1 OR ".repeat(200) + "month = 2"), "ValidationException", null);
    }

    @Test
    void segmentsSplitAndPagesCoverEveryPartitionOnce(GlueClient glue) {
        fill(glue);
        Set<List<String>> seen = new HashSet<>();
        int total = 0;
        for (int s = 0; s < 4; s++) {
            int segment = s;
            for (GetPartitionsResponse page : glue.getPartitionsPaginator(b -> b.databaseName(db).tableName("sales").maxResults(5)
                    .segment(g -> g.segmentNumber(segment).totalSegments(4)).excludeColumnSchema(true))) {
                for (Partition p : page.partitions()) {
                    assertThat(p.storageDescriptor().columns()).isEmpty();
                    assertThat(p.storageDescriptor().location()).startsWith("s3://bucket/sales/");
                    seen.add(p.values());
                    total++;
                }
            }
        }
        assertThat(total).isEqualTo(24);
        assertThat(seen).hasSize(24);
        assertGlueError(() -> glue.getPartitions(b -> b.databaseName(db).tableName("sales")
                .segment(g -> g.segmentNumber(4).totalSegments(4))), "InvalidInputException", null);
        assertGlueError(() -> glue.getPartitions(b -> b.databaseName(db).tableName("sales")
                .segment(g -> g.segmentNumber(0).totalSegments(11))), "ValidationException", null);
        assertGlueError(() -> glue.getPartitions(b -> b.databaseName(db).tableName("sales").nextToken("forged")),
                "InvalidInputException", "Invalid NextToken: forged");
    }

    @Test
    void indexesAnswerAsAFullScanDoes(GlueClient glue) {
        fill(glue);
        List<String> expressions = List.of("month >= 10", "month < 3 AND region = 'us'", "month BETWEEN 4 AND 6",
                "month IN (2, 11)", "month > 5 AND month < 3", "month = 1 OR month = 12", "day >= '2024-11-01'");
        List<Set<List<String>>> unindexed = expressions.stream().map(e -> Set.copyOf(select(glue, e))).toList();
        glue.createPartitionIndex(b -> b.databaseName(db).tableName("sales")
                .partitionIndex(i -> i.indexName("by_month").keys("month", "region")));
        glue.createPartitionIndex(b -> b.databaseName(db).tableName("sales").partitionIndex(i -> i.indexName("by_day").keys("day")));
        List<PartitionIndexDescriptor> indexes = glue.getPartitionIndexes(b -> b.databaseName(db).tableName("sales"))
                .partitionIndexDescriptorList();
        assertThat(indexes).extracting(PartitionIndexDescriptor::indexName).containsExactly("by_day", "by_month");
        assertThat(indexes).allSatisfy(i -> assertThat(i.indexStatusAsString()).isEqualTo("ACTIVE"));
        assertThat(indexes.get(1).keys()).extracting(k -> k.name() + ":" + k.type()).containsExactly("month:int", "region:string");
        for (int i = 0; i < expressions.size(); i++) {
            assertThat(Set.copyOf(select(glue, expressions.get(i)))).as(expressions.get(i)).isEqualTo(unindexed.get(i));
        }
        glue.createPartitionIndex(b -> b.databaseName(db).tableName("sales").partitionIndex(i -> i.indexName("by_region").keys("region")));
        assertGlueError(() -> glue.createPartitionIndex(b -> b.databaseName(db).tableName("sales")
                .partitionIndex(i -> i.indexName("fourth").keys("month"))), "ResourceNumberLimitExceededException", null);
        assertGlueError(() -> glue.createPartitionIndex(b -> b.databaseName(db).tableName("sales")
                .partitionIndex(i -> i.indexName("by_month").keys("month"))), "AlreadyExistsException", null);
        glue.deletePartitionIndex(b -> b.databaseName(db).tableName("sales").indexName("by_region"));
        assertGlueError(() -> glue.createPartitionIndex(b -> b.databaseName(db).tableName("sales")
                .partitionIndex(i -> i.indexName("on_id").keys("id"))), "InvalidInputException", null);
        assertGlueError(() -> glue.deletePartitionIndex(b -> b.databaseName(db).tableName("sales").indexName("by_region")),
                "EntityNotFoundException", null);
    }

    @Test
    void deletingTheTableDeletesItsPartitions(GlueClient glue) {
        fill(glue);
        glue.deleteTable(b -> b.databaseName(db).name("sales"));
        glue.createTable(b -> b.databaseName(db).tableInput(t -> t.name("sales")
                .partitionKeys(Column.builder().name("region").type("string").build(),
                        Column.builder().name("month").type("int").build(),
                        Column.builder().name("day").type("date").build())));
        assertThat(select(glue, "")).isEmpty();
        assertThat(glue.getPartitionIndexes(b -> b.databaseName(db).tableName("sales")).partitionIndexDescriptorList()).isEmpty();
    }
}
