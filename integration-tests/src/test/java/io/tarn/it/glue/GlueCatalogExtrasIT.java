package io.tarn.it.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tarn.it.TarnServerExtension;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchDeleteConnectionResponse;
import software.amazon.awssdk.services.glue.model.CatalogImportStatus;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ColumnStatistics;
import software.amazon.awssdk.services.glue.model.ColumnStatisticsType;
import software.amazon.awssdk.services.glue.model.Comparator;
import software.amazon.awssdk.services.glue.model.Compatibility;
import software.amazon.awssdk.services.glue.model.CreateRegistryResponse;
import software.amazon.awssdk.services.glue.model.CreateSchemaResponse;
import software.amazon.awssdk.services.glue.model.DataFormat;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.ConnectionPropertyKey;
import software.amazon.awssdk.services.glue.model.ConnectionType;
import software.amazon.awssdk.services.glue.model.GetColumnStatisticsForPartitionResponse;
import software.amazon.awssdk.services.glue.model.GetColumnStatisticsForTableResponse;
import software.amazon.awssdk.services.glue.model.GetConnectionsResponse;
import software.amazon.awssdk.services.glue.model.GetUserDefinedFunctionsResponse;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.PrincipalType;
import software.amazon.awssdk.services.glue.model.ResourceShareType;
import software.amazon.awssdk.services.glue.model.ResourceType;
import software.amazon.awssdk.services.glue.model.SearchTablesResponse;
import software.amazon.awssdk.services.glue.model.Sort;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.UpdateColumnStatisticsForPartitionResponse;
import software.amazon.awssdk.services.glue.model.UpdateColumnStatisticsForTableResponse;
import software.amazon.awssdk.services.glue.model.UserDefinedFunction;

/**
 * The Data Catalog's other parts through the SDK v2 Glue client: tags by ARN (databases, connections,
 * crawlers, registries, schemas), connections, user-defined functions, table and partition column statistics, SearchTables, GetDatabases' ResourceShareType and GetCatalogImportStatus.
 */
@ExtendWith(TarnServerExtension.class)
class GlueCatalogExtrasIT {

    private static final String ARN = "arn:aws:glue:us-east-1:000000000000:";

    private static void assertGlueError(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(GlueException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private static void table(GlueClient glue, String db, String name, Map<String, String> parameters) {
        glue.createTable(b -> b.databaseName(db).tableInput(t -> t.name(name).tableType("EXTERNAL_TABLE").parameters(parameters)
                .storageDescriptor(sd -> sd.location("s3://b/" + name + "/").columns(
                        Column.builder().name("id").type("bigint").build(),
                        Column.builder().name("name").type("string").build(),
                        Column.builder().name("price").type("decimal(10,2)").build()))));
    }

    @Test
    void tagsFollowDatabasesAndConnectionsByArn(GlueClient glue) {
        glue.createDatabase(b -> b.databaseInput(d -> d.name("ExtTagged")).tags(Map.of("team", "data")));
        String db = ARN + "database/exttagged";
        assertThat(glue.getTags(b -> b.resourceArn(db)).tags()).containsExactly(Map.entry("team", "data"));
        glue.tagResource(b -> b.resourceArn(db).tagsToAdd(Map.of("env", "dev", "team", "ml")));
        glue.untagResource(b -> b.resourceArn(db).tagsToRemove("env", "absent"));
        assertThat(glue.getTags(b -> b.resourceArn(db)).tags()).containsExactly(Map.entry("team", "ml"));

        assertGlueError(() -> glue.getTags(b -> b.resourceArn(ARN + "database/extnope")), "EntityNotFoundException",
                "Database extnope not found.");
        assertGlueError(() -> glue.tagResource(b -> b.resourceArn(ARN + "table/exttagged/t").tagsToAdd(Map.of("k", "v"))),
                "InvalidInputException", "Invalid resource ARN for tagging: " + ARN + "table/exttagged/t");
        assertGlueError(() -> glue.tagResource(b -> b.resourceArn(db).tagsToAdd(Map.of("aws:k", "v"))), "InvalidInputException",
                "Tag keys cannot start with the reserved prefix aws: aws:k");
        assertThatThrownBy(() -> glue.tagResource(b -> b.resourceArn(db).tagsToAdd(Map.of("k".repeat(129), "v"))))
                .isInstanceOfSatisfying(GlueException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));

        glue.deleteDatabase(b -> b.name("exttagged"));
        glue.createDatabase(b -> b.databaseInput(d -> d.name("exttagged")));
        assertThat(glue.getTags(b -> b.resourceArn(db)).tags()).isEmpty();
        glue.deleteDatabase(b -> b.name("exttagged"));
    }

    @Test
    void connectionsHideTheirPasswordWhenAskedAndAreListedAndDeletedInBatches(GlueClient glue) {
        glue.createConnection(b -> b.connectionInput(c -> c.name("ext-pg").connectionType(ConnectionType.JDBC)
                .matchCriteria("pg").connectionProperties(Map.of(ConnectionPropertyKey.JDBC_CONNECTION_URL, "jdbc:postgresql://h:5432/db",
                        ConnectionPropertyKey.USERNAME, "u", ConnectionPropertyKey.PASSWORD, "secret")))
                .tags(Map.of("k", "v")));
        Connection shown = glue.getConnection(b -> b.name("ext-pg")).connection();
        assertThat(shown.connectionPropertiesAsStrings()).containsEntry("PASSWORD", "secret");
        assertThat(shown.creationTime()).isNotNull();
        Connection hidden = glue.getConnection(b -> b.name("ext-pg").hidePassword(true)).connection();
        assertThat(hidden.connectionPropertiesAsStrings()).doesNotContainKey("PASSWORD").containsEntry("USERNAME", "u");
        assertThat(glue.getTags(b -> b.resourceArn(ARN + "connection/ext-pg")).tags()).containsExactly(Map.entry("k", "v"));
        assertGlueError(() -> glue.createConnection(b -> b.connectionInput(c -> c.name("ext-pg").connectionType(ConnectionType.NETWORK)
                .connectionProperties(Map.of()))), "AlreadyExistsException", "Connection already exists.");
        assertGlueError(() -> glue.createConnection(b -> b.connectionInput(c -> c.name("ext-bad").connectionType(ConnectionType.JDBC)
                .connectionProperties(Map.of(ConnectionPropertyKey.USERNAME, "u")))), "InvalidInputException",
                "Connection property JDBC_CONNECTION_URL is required for connection type JDBC.");
        assertGlueError(() -> glue.getConnection(b -> b.name("ext-none")), "EntityNotFoundException", "Connection ext-none not found.");

        glue.updateConnection(b -> b.name("ext-pg").connectionInput(c -> c.name("ext-pg").connectionType(ConnectionType.JDBC)
                .description("changed").connectionProperties(Map.of(ConnectionPropertyKey.JDBC_CONNECTION_URL, "jdbc:mysql://h/db"))));
        assertThat(glue.getConnection(b -> b.name("ext-pg")).connection().description()).isEqualTo("changed");
        for (int i = 0; i < 3; i++) {
            int n = i;
            glue.createConnection(b -> b.connectionInput(c -> c.name("ext-net" + n).connectionType(ConnectionType.NETWORK)
                    .connectionProperties(Map.of())));
        }
        List<String> names = new ArrayList<>();
        for (GetConnectionsResponse page : glue.getConnectionsPaginator(b -> b.maxResults(2).hidePassword(true)
                .filter(f -> f.connectionType(ConnectionType.NETWORK)))) {
            assertThat(page.connectionList()).hasSizeLessThanOrEqualTo(2);
            page.connectionList().forEach(c -> names.add(c.name()));
        }
        assertThat(names).containsExactly("ext-net0", "ext-net1", "ext-net2");

        BatchDeleteConnectionResponse deleted = glue.batchDeleteConnection(b -> b.connectionNameList("ext-pg", "ext-net0", "ext-none"));
        assertThat(deleted.succeeded()).containsExactly("ext-pg", "ext-net0");
        assertThat(deleted.errors()).containsOnlyKeys("ext-none");
        assertThat(deleted.errors().get("ext-none").errorCode()).isEqualTo("EntityNotFoundException");
        glue.deleteConnection(b -> b.connectionName("ext-net1"));
        glue.deleteConnection(b -> b.connectionName("ext-net2"));
        assertGlueError(() -> glue.deleteConnection(b -> b.connectionName("ext-net2")), "EntityNotFoundException",
                "Connection ext-net2 not found.");
    }

    @Test
    void userDefinedFunctionsAreFoundByPatternAcrossDatabases(GlueClient glue) {
        glue.createDatabase(b -> b.databaseInput(d -> d.name("extudf1")));
        glue.createDatabase(b -> b.databaseInput(d -> d.name("extudf2")));
        for (String db : List.of("extudf1", "extudf2")) {
            for (String f : List.of("to_upper", "to_lower")) {
                glue.createUserDefinedFunction(b -> b.databaseName(db).functionInput(i -> i.functionName(f)
                        .className("com.example.Udf").ownerName("me").ownerType(PrincipalType.USER)
                        .resourceUris(u -> u.resourceType(ResourceType.JAR).uri("s3://b/udf.jar"))));
            }
        }
        UserDefinedFunction f = glue.getUserDefinedFunction(b -> b.databaseName("extudf1").functionName("TO_UPPER")).userDefinedFunction();
        assertThat(f.functionName()).isEqualTo("to_upper");
        assertThat(f.databaseName()).isEqualTo("extudf1");
        assertThat(f.catalogId()).isEqualTo("000000000000");
        assertThat(f.resourceUris()).singleElement().satisfies(u -> assertThat(u.uri()).isEqualTo("s3://b/udf.jar"));
        assertGlueError(() -> glue.createUserDefinedFunction(b -> b.databaseName("extudf1").functionInput(i -> i.functionName("to_upper")
                .className("c"))), "AlreadyExistsException", "Function already exists.");
        assertGlueError(() -> glue.getUserDefinedFunction(b -> b.databaseName("extudf1").functionName("nope")),
                "EntityNotFoundException", "Cannot find function.");

        List<String> found = new ArrayList<>();
        for (GetUserDefinedFunctionsResponse page : glue.getUserDefinedFunctionsPaginator(b -> b.pattern("to_up*").maxResults(1))) {
            page.userDefinedFunctions().forEach(u -> found.add(u.databaseName() + "." + u.functionName()));
        }
        assertThat(found).containsExactly("extudf1.to_upper", "extudf2.to_upper");
        assertThat(glue.getUserDefinedFunctions(b -> b.databaseName("extudf2").pattern("*")).userDefinedFunctions())
                .extracting(UserDefinedFunction::functionName).containsExactly("to_lower", "to_upper");

        glue.updateUserDefinedFunction(b -> b.databaseName("extudf1").functionName("to_upper")
                .functionInput(i -> i.functionName("to_upper").className("com.example.Other")));
        assertThat(glue.getUserDefinedFunction(b -> b.databaseName("extudf1").functionName("to_upper")).userDefinedFunction()
                .className()).isEqualTo("com.example.Other");
        glue.deleteUserDefinedFunction(b -> b.databaseName("extudf1").functionName("to_upper"));
        assertGlueError(() -> glue.deleteUserDefinedFunction(b -> b.databaseName("extudf1").functionName("to_upper")),
                "EntityNotFoundException", "Cannot find function.");
        glue.deleteDatabase(b -> b.name("extudf1"));
        glue.deleteDatabase(b -> b.name("extudf2"));
    }

    @Test
    void columnStatisticsAreCheckedAgainstTheSchemaAndGoWithTheTable(GlueClient glue) {
        glue.createDatabase(b -> b.databaseInput(d -> d.name("extstats")));
        table(glue, "extstats", "orders", Map.of());
        Instant analyzed = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ColumnStatistics ids = ColumnStatistics.builder().columnName("id").columnType("bigint").analyzedTime(analyzed)
                .statisticsData(d -> d.type(ColumnStatisticsType.LONG).longColumnStatisticsData(l -> l.minimumValue(1L)
                        .maximumValue(99L).numberOfNulls(0L).numberOfDistinctValues(99L))).build();
        ColumnStatistics prices = ColumnStatistics.builder().columnName("price").columnType("decimal(10,2)").analyzedTime(analyzed)
                .statisticsData(d -> d.type(ColumnStatisticsType.DECIMAL).decimalColumnStatisticsData(x -> x
                        .minimumValue(v -> v.unscaledValue(SdkBytes.fromByteArray(new BigDecimal("1.50").unscaledValue().toByteArray()))
                                .scale(2))
                        .numberOfNulls(0L).numberOfDistinctValues(10L))).build();
        ColumnStatistics wrongType = ids.toBuilder().columnName("name").build();
        ColumnStatistics missing = ids.toBuilder().columnName("ghost").build();
        UpdateColumnStatisticsForTableResponse updated = glue.updateColumnStatisticsForTable(b -> b.databaseName("extstats")
                .tableName("orders").columnStatisticsList(ids, prices, wrongType, missing));
        assertThat(updated.errors()).extracting(e -> e.columnStatistics().columnName(), e -> e.error().errorCode())
                .containsExactly(tuple("name", "InvalidInputException"),
                        tuple("ghost", "InvalidInputException"));

        GetColumnStatisticsForTableResponse got = glue.getColumnStatisticsForTable(b -> b.databaseName("extstats").tableName("orders")
                .columnNames("id", "price", "name"));
        assertThat(got.columnStatisticsList()).extracting(ColumnStatistics::columnName).containsExactly("id", "price");
        assertThat(got.columnStatisticsList().get(0).analyzedTime()).isEqualTo(analyzed);
        assertThat(got.columnStatisticsList().get(0).statisticsData().longColumnStatisticsData().maximumValue()).isEqualTo(99L);
        assertThat(new BigDecimal(new BigInteger(got.columnStatisticsList().get(1).statisticsData()
                .decimalColumnStatisticsData().minimumValue().unscaledValue().asByteArray()), 2)).isEqualByComparingTo("1.50");
        assertThat(got.errors()).singleElement().satisfies(e -> {
            assertThat(e.columnName()).isEqualTo("name");
            assertThat(e.error().errorCode()).isEqualTo("EntityNotFoundException");
        });

        glue.deleteColumnStatisticsForTable(b -> b.databaseName("extstats").tableName("orders").columnName("id"));
        // statistics already gone: AWS answers success
        glue.deleteColumnStatisticsForTable(b -> b.databaseName("extstats").tableName("orders").columnName("id"));
        assertThat(glue.getColumnStatisticsForTable(b -> b.databaseName("extstats").tableName("orders").columnNames("id"))
                .errors()).extracting(e -> e.error().errorCode()).containsExactly("EntityNotFoundException");
        List<ColumnStatistics> tooMany = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            tooMany.add(ids);
        }
        assertThatThrownBy(() -> glue.updateColumnStatisticsForTable(b -> b.databaseName("extstats").tableName("orders")
                .columnStatisticsList(tooMany))).isInstanceOfSatisfying(GlueException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));

        glue.deleteTable(b -> b.databaseName("extstats").name("orders"));
        table(glue, "extstats", "orders", Map.of());
        assertThat(glue.getColumnStatisticsForTable(b -> b.databaseName("extstats").tableName("orders").columnNames("price"))
                .columnStatisticsList()).isEmpty();
        glue.deleteDatabase(b -> b.name("extstats"));
    }

    @Test
    void partitionColumnStatisticsArePerPartitionAndGoWithThePartitionAndTheTable(GlueClient glue) {
        glue.createDatabase(b -> b.databaseInput(d -> d.name("extpstats")));
        glue.createTable(b -> b.databaseName("extpstats").tableInput(t -> t.name("events").tableType("EXTERNAL_TABLE")
                .partitionKeys(Column.builder().name("day").type("string").build())
                .storageDescriptor(sd -> sd.location("s3://b/events/").columns(
                        Column.builder().name("id").type("bigint").build(),
                        Column.builder().name("kind").type("string").build()))));
        for (String day : List.of("2024-01-01", "2024-01-02")) {
            glue.createPartition(b -> b.databaseName("extpstats").tableName("events").partitionInput(p -> p.values(day)
                    .storageDescriptor(sd -> sd.location("s3://b/events/day=" + day + "/"))));
        }
        Instant analyzed = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ColumnStatistics ids = ColumnStatistics.builder().columnName("id").columnType("bigint").analyzedTime(analyzed)
                .statisticsData(d -> d.type(ColumnStatisticsType.LONG).longColumnStatisticsData(l -> l.minimumValue(1L)
                        .maximumValue(50L).numberOfNulls(0L).numberOfDistinctValues(50L))).build();
        ColumnStatistics kinds = ColumnStatistics.builder().columnName("kind").columnType("string").analyzedTime(analyzed)
                .statisticsData(d -> d.type(ColumnStatisticsType.STRING).stringColumnStatisticsData(x -> x.maximumLength(5L)
                        .averageLength(3.5).numberOfNulls(1L).numberOfDistinctValues(4L))).build();
        ColumnStatistics wrongType = ids.toBuilder().columnName("kind").build();

        UpdateColumnStatisticsForPartitionResponse updated = glue.updateColumnStatisticsForPartition(b -> b.databaseName("extpstats")
                .tableName("events").partitionValues("2024-01-01").columnStatisticsList(ids, kinds, wrongType));
        assertThat(updated.errors()).extracting(e -> e.columnStatistics().columnName(), e -> e.error().errorCode())
                .containsExactly(tuple("kind", "InvalidInputException"));
        GetColumnStatisticsForPartitionResponse got = glue.getColumnStatisticsForPartition(b -> b.databaseName("extpstats")
                .tableName("events").partitionValues("2024-01-01").columnNames("id", "kind", "ghost"));
        assertThat(got.columnStatisticsList()).extracting(ColumnStatistics::columnName).containsExactly("id", "kind");
        assertThat(got.columnStatisticsList().get(1).statisticsData().stringColumnStatisticsData().averageLength()).isEqualTo(3.5);
        assertThat(got.errors()).extracting(e -> e.columnName(), e -> e.error().errorCode())
                .containsExactly(tuple("ghost", "EntityNotFoundException"));
        // the other partition and the table have statistics of their own
        assertThat(glue.getColumnStatisticsForPartition(b -> b.databaseName("extpstats").tableName("events")
                .partitionValues("2024-01-02").columnNames("id")).columnStatisticsList()).isEmpty();
        assertThat(glue.getColumnStatisticsForTable(b -> b.databaseName("extpstats").tableName("events").columnNames("id"))
                .columnStatisticsList()).isEmpty();

        assertGlueError(() -> glue.getColumnStatisticsForPartition(b -> b.databaseName("extpstats").tableName("events")
                .partitionValues("2030-01-01").columnNames("id")), "EntityNotFoundException", "Partition [2030-01-01] not found");
        assertGlueError(() -> glue.updateColumnStatisticsForPartition(b -> b.databaseName("extpstats").tableName("nope")
                .partitionValues("2024-01-01").columnStatisticsList(ids)), "EntityNotFoundException", "Table nope not found.");

        glue.deleteColumnStatisticsForPartition(b -> b.databaseName("extpstats").tableName("events")
                .partitionValues("2024-01-01").columnName("id"));
        glue.deleteColumnStatisticsForPartition(b -> b.databaseName("extpstats").tableName("events")
                .partitionValues("2024-01-01").columnName("id"));
        assertThat(glue.getColumnStatisticsForPartition(b -> b.databaseName("extpstats").tableName("events")
                .partitionValues("2024-01-01").columnNames("id", "kind")).columnStatisticsList())
                .extracting(ColumnStatistics::columnName).containsExactly("kind");

        // a partition deleted and created again starts without statistics
        glue.deletePartition(b -> b.databaseName("extpstats").tableName("events").partitionValues("2024-01-01"));
        glue.createPartition(b -> b.databaseName("extpstats").tableName("events").partitionInput(p -> p.values("2024-01-01")));
        assertThat(glue.getColumnStatisticsForPartition(b -> b.databaseName("extpstats").tableName("events")
                .partitionValues("2024-01-01").columnNames("kind")).columnStatisticsList()).isEmpty();
        glue.deleteDatabase(b -> b.name("extpstats"));
    }

    @Test
    void tagsFollowCrawlersRegistriesAndSchemasByArn(GlueClient glue) {
        glue.createCrawler(b -> b.name("ext-tagged-crawler").role("arn:aws:iam::000000000000:role/glue").databaseName("extlake")
                .targets(t -> t.s3Targets(s -> s.path("s3://ext-lake/data/"))).tags(Map.of("team", "data")));
        String crawler = ARN + "crawler/ext-tagged-crawler";
        assertThat(glue.getTags(b -> b.resourceArn(crawler)).tags()).containsExactly(Map.entry("team", "data"));
        glue.tagResource(b -> b.resourceArn(crawler).tagsToAdd(Map.of("env", "dev")));
        glue.untagResource(b -> b.resourceArn(crawler).tagsToRemove("team"));
        assertThat(glue.getTags(b -> b.resourceArn(crawler)).tags()).containsExactly(Map.entry("env", "dev"));
        assertThat(glue.listCrawlers(b -> b.tags(Map.of("env", "dev"))).crawlerNames()).contains("ext-tagged-crawler");
        assertThat(glue.listCrawlers(b -> b.tags(Map.of("team", "data"))).crawlerNames()).doesNotContain("ext-tagged-crawler");
        glue.deleteCrawler(b -> b.name("ext-tagged-crawler"));
        assertGlueError(() -> glue.getTags(b -> b.resourceArn(crawler)), "EntityNotFoundException",
                "Crawler entry with name ext-tagged-crawler does not exist");

        CreateRegistryResponse registry = glue.createRegistry(b -> b.registryName("ext-tagged-registry")
                .tags(Map.of("team", "streams")));
        assertThat(registry.registryArn()).isEqualTo(ARN + "registry/ext-tagged-registry");
        assertThat(registry.tags()).containsExactly(Map.entry("team", "streams"));
        glue.tagResource(b -> b.resourceArn(registry.registryArn()).tagsToAdd(Map.of("env", "dev")));
        assertThat(glue.getTags(b -> b.resourceArn(registry.registryArn())).tags())
                .containsOnly(Map.entry("team", "streams"), Map.entry("env", "dev"));
        CreateSchemaResponse schema = glue.createSchema(b -> b.registryId(r -> r.registryName("ext-tagged-registry"))
                .schemaName("clicks").dataFormat(DataFormat.AVRO).compatibility(Compatibility.NONE).tags(Map.of("pii", "no"))
                .schemaDefinition("{\"type\":\"record\",\"name\":\"Click\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}"));
        assertThat(schema.tags()).containsExactly(Map.entry("pii", "no"));
        assertThat(glue.getTags(b -> b.resourceArn(schema.schemaArn())).tags()).containsExactly(Map.entry("pii", "no"));
        assertGlueError(() -> glue.tagResource(b -> b.resourceArn(ARN + "registry/ext-nope").tagsToAdd(Map.of("k", "v"))),
                "EntityNotFoundException", "Registry is not found. RegistryName: ext-nope");

        glue.deleteRegistry(b -> b.registryId(r -> r.registryName("ext-tagged-registry")));
        glue.createRegistry(b -> b.registryName("ext-tagged-registry"));
        assertThat(glue.getTags(b -> b.resourceArn(registry.registryArn())).tags()).isEmpty();
        glue.deleteRegistry(b -> b.registryId(r -> r.registryName("ext-tagged-registry")));
    }

    @Test
    void searchTablesFiltersSortsAndPagesAndNothingIsShared(GlueClient glue) {
        glue.createDatabase(b -> b.databaseInput(d -> d.name("extsearch")));
        table(glue, "extsearch", "ext-customer-link", Map.of("classification", "csv"));
        table(glue, "extsearch", "extxxlinkyy", Map.of("classification", "parquet"));
        table(glue, "extsearch", "ext-clicks", Map.of("classification", "parquet", "extowner", "growth"));

        SearchTablesResponse byName = glue.searchTables(b -> b.filters(f -> f.key("Name").value("link")));
        assertThat(byName.tableList()).extracting(Table::name).containsExactly("ext-customer-link");
        SearchTablesResponse byText = glue.searchTables(b -> b.searchText("growth"));
        assertThat(byText.tableList()).extracting(Table::name).containsExactly("ext-clicks");
        assertThat(byText.tableList().get(0).databaseName()).isEqualTo("extsearch");
        assertThat(glue.searchTables(b -> b.filters(f -> f.key("DatabaseName").value("extsearch"),
                f -> f.key("CreateTime").value("0").comparator(Comparator.GREATER_THAN))).tableList()).hasSize(3);

        List<String> names = new ArrayList<>();
        for (SearchTablesResponse page : glue.searchTablesPaginator(b -> b.filters(f -> f.key("DatabaseName").value("extsearch"))
                .sortCriteria(s -> s.fieldName("Name").sort(Sort.DESC)).maxResults(2))) {
            page.tableList().forEach(t -> names.add(t.name()));
        }
        assertThat(names).containsExactly("extxxlinkyy", "ext-customer-link", "ext-clicks");
        assertThat(glue.searchTables(b -> b.resourceShareType(ResourceShareType.FOREIGN)).tableList()).isEmpty();

        assertThat(glue.getDatabases(b -> b.resourceShareType(ResourceShareType.FOREIGN)).databaseList()).isEmpty();
        assertThat(glue.getDatabases(b -> b.resourceShareType(ResourceShareType.ALL)).databaseList())
                .extracting(Database::name).contains("extsearch");
        assertGlueError(() -> glue.getDatabases(b -> b.resourceShareType("SHARED")), "ValidationException",
                "1 validation error detected: Value 'SHARED' at 'resourceShareType' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [FOREIGN, ALL, FEDERATED]");
        glue.deleteDatabase(b -> b.name("extsearch"));
    }

    @Test
    void theCatalogReportsItsImportAsDoneByDefault(GlueClient glue) {
        CatalogImportStatus status = glue.getCatalogImportStatus(b -> { }).importStatus();
        assertThat(status.importCompleted()).isTrue();
        assertThat(status.importedBy()).isEqualTo("StatusSetByDefault");
        assertThat(status.importTime()).isNotNull();
    }
}
