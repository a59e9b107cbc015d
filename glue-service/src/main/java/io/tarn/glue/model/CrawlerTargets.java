package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A crawler's Targets. Tarn crawls S3 targets, typed here; the other kinds are kept as sent only to
 * be refused (see CrawlerRules). Missing lists read as empty, as GetCrawler answers them.
 */
public record CrawlerTargets(
        @JsonProperty("S3Targets") List<S3Target> s3Targets,
        @JsonProperty("JdbcTargets") List<JsonNode> jdbcTargets,
        @JsonProperty("MongoDBTargets") List<JsonNode> mongoDbTargets,
        @JsonProperty("DynamoDBTargets") List<JsonNode> dynamoDbTargets,
        @JsonProperty("CatalogTargets") List<JsonNode> catalogTargets,
        @JsonProperty("DeltaTargets") List<JsonNode> deltaTargets,
        @JsonProperty("IcebergTargets") List<JsonNode> icebergTargets,
        @JsonProperty("HudiTargets") List<JsonNode> hudiTargets) {

    public CrawlerTargets {
        s3Targets = s3Targets == null ? List.of() : List.copyOf(s3Targets);
        jdbcTargets = orEmpty(jdbcTargets);
        mongoDbTargets = orEmpty(mongoDbTargets);
        dynamoDbTargets = orEmpty(dynamoDbTargets);
        catalogTargets = orEmpty(catalogTargets);
        deltaTargets = orEmpty(deltaTargets);
        icebergTargets = orEmpty(icebergTargets);
        hudiTargets = orEmpty(hudiTargets);
    }

    public static CrawlerTargets s3(List<S3Target> targets) {
        return new CrawlerTargets(targets, null, null, null, null, null, null, null);
    }

    private static List<JsonNode> orEmpty(@Nullable List<JsonNode> targets) {
        return targets == null ? List.of() : List.copyOf(targets);
    }

    /** An S3 target: an include path {@code s3://bucket/prefix}, exclusion globs relative to it, and a per-folder sample size. */
    public record S3Target(
            @JsonProperty("Path") @Nullable String path,
            @JsonProperty("Exclusions") List<String> exclusions,
            @JsonProperty("ConnectionName") @Nullable String connectionName,
            @JsonProperty("SampleSize") @Nullable Integer sampleSize,
            @JsonProperty("EventQueueArn") @Nullable String eventQueueArn,
            @JsonProperty("DlqEventQueueArn") @Nullable String dlqEventQueueArn) {

        public S3Target {
            exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
        }

        public static S3Target of(String path, String... exclusions) {
            return new S3Target(path, List.of(exclusions), null, null, null, null);
        }
    }
}
