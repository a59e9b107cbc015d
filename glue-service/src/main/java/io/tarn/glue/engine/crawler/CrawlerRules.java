package io.tarn.glue.engine.crawler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.engine.Tags;
import io.tarn.glue.model.CrawlerDefinition;
import io.tarn.glue.model.CrawlerTargets;
import io.tarn.glue.model.CrawlerTargets.S3Target;
import io.tarn.glue.model.RecrawlPolicy;
import io.tarn.glue.model.SchemaChangePolicy;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checks a crawler definition passes before it is stored, with AWS's limits (the model's lengths,
 * the tag limits, SampleSize 1-249, the policies' enums) and Tarn's own: only S3 targets are crawled, so a
 * target of any other kind is refused rather than stored and never crawled. Also fills AWS's defaults.
 */
final class CrawlerRules {

    static final int MAX_NAME = 255;
    static final int MAX_DESCRIPTION = 2048;
    static final int MAX_TABLE_PREFIX = 128;
    /** "A valid value is an integer between 1 and 249" (S3Target.SampleSize). */
    static final int MAX_SAMPLE_SIZE = 249;
    /** The top-level members of the Configuration JSON ("Setting crawler configuration options"). */
    private static final Set<String> CONFIGURATION_MEMBERS = Set.of("Version", "CrawlerOutput", "Grouping", "CreatePartitionIndex");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CrawlerRules() {}

    /** The name of a crawler, as the model constrains NameString. */
    static String name(@Nullable String name, String field) {
        if (name == null) {
            throw GlueErrors.VALIDATION.exception(
                    "1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", field);
        }
        if (name.isEmpty() || name.length() > MAX_NAME || !singleLine(name)) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]* "
                    + "and have length between 1 and %d", name, field, MAX_NAME);
        }
        return name;
    }

    /** A complete definition (CreateCrawler, or the result of an UpdateCrawler) checked and with AWS's defaults. */
    static CrawlerDefinition checked(CrawlerDefinition d) {
        name(d.name(), "name");
        if (d.role() == null || d.role().isEmpty()) {
            throw GlueErrors.VALIDATION.exception(
                    "1 validation error detected: Value null at 'role' failed to satisfy constraint: Member must not be null");
        }
        CrawlerTargets targets = targets(d.targets());
        if (d.description() != null && d.description().length() > MAX_DESCRIPTION) {
            throw tooLong("description", MAX_DESCRIPTION);
        }
        if (d.tablePrefix() != null && d.tablePrefix().length() > MAX_TABLE_PREFIX) {
            throw tooLong("tablePrefix", MAX_TABLE_PREFIX);
        }
        SchemaChangePolicy schemaPolicy = d.schemaChangePolicy() == null ? SchemaChangePolicy.DEFAULT
                : d.schemaChangePolicy().withDefaults();
        oneOf("schemaChangePolicy.updateBehavior", schemaPolicy.updateBehavior(),
                List.of(SchemaChangePolicy.LOG, SchemaChangePolicy.UPDATE_IN_DATABASE));
        oneOf("schemaChangePolicy.deleteBehavior", schemaPolicy.deleteBehavior(), List.of(SchemaChangePolicy.LOG,
                SchemaChangePolicy.DELETE_FROM_DATABASE, SchemaChangePolicy.DEPRECATE_IN_DATABASE));
        RecrawlPolicy recrawl = d.recrawlPolicy() == null || d.recrawlPolicy().recrawlBehavior() == null ? RecrawlPolicy.DEFAULT
                : d.recrawlPolicy();
        oneOf("recrawlPolicy.recrawlBehavior", recrawl.recrawlBehavior(), List.of(RecrawlPolicy.CRAWL_EVERYTHING,
                RecrawlPolicy.CRAWL_NEW_FOLDERS_ONLY, RecrawlPolicy.CRAWL_EVENT_MODE));
        if (RecrawlPolicy.CRAWL_EVENT_MODE.equals(recrawl.recrawlBehavior())) {
            throw GlueErrors.INVALID_INPUT.exception("RecrawlPolicy CRAWL_EVENT_MODE is not supported by Tarn: "
                    + "it crawls S3 targets by listing them");
        }
        // "Crawl new folders only" leaves existing tables as they are, so AWS accepts it only with LOG behaviors
        if (recrawl.newFoldersOnly() && !(SchemaChangePolicy.LOG.equals(schemaPolicy.updateBehavior())
                && SchemaChangePolicy.LOG.equals(schemaPolicy.deleteBehavior()))) {
            throw GlueErrors.INVALID_INPUT.exception("The SchemaChangePolicy for \"Crawl new folders only\" Amazon S3 targets "
                    + "can only be LOG");
        }
        JsonNode lineage = d.lineageConfiguration() != null ? d.lineageConfiguration() : lineageDefault();
        JsonNode lineageSetting = lineage.get("CrawlerLineageSettings");
        if (lineageSetting != null && !lineageSetting.isNull()) {
            oneOf("lineageConfiguration.crawlerLineageSettings", lineageSetting.asText(), List.of("ENABLE", "DISABLE"));
        }
        JsonNode lakeFormation = d.lakeFormationConfiguration() != null ? d.lakeFormationConfiguration() : lakeFormationDefault();
        if (d.schedule() != null && !d.schedule().isEmpty()) {
            GlueCron.parse(d.schedule());
        }
        if (d.configuration() != null) {
            configuration(d.configuration());
        }
        if (d.tags() != null) {
            Tags.check(d.tags(), "tags");
        }
        // the tags are kept by the catalog's Tags, not in the definition: one copy of them
        return new CrawlerDefinition(d.name(), d.role(), d.databaseName(), d.description(), targets,
                d.schedule() == null || d.schedule().isEmpty() ? null : d.schedule(),
                d.classifiers() == null ? List.of() : List.copyOf(d.classifiers()), d.tablePrefix(), schemaPolicy, recrawl,
                lineage, lakeFormation, d.configuration(), d.crawlerSecurityConfiguration(), null);
    }

    private static CrawlerTargets targets(@Nullable CrawlerTargets targets) {
        if (targets == null) {
            throw GlueErrors.VALIDATION.exception(
                    "1 validation error detected: Value null at 'targets' failed to satisfy constraint: Member must not be null");
        }
        refuse("JdbcTargets", targets.jdbcTargets());
        refuse("MongoDBTargets", targets.mongoDbTargets());
        refuse("DynamoDBTargets", targets.dynamoDbTargets());
        refuse("CatalogTargets", targets.catalogTargets());
        refuse("DeltaTargets", targets.deltaTargets());
        refuse("IcebergTargets", targets.icebergTargets());
        refuse("HudiTargets", targets.hudiTargets());
        if (targets.s3Targets().isEmpty()) {
            throw GlueErrors.INVALID_INPUT.exception("Crawler must have at least one target");
        }
        for (S3Target t : targets.s3Targets()) {
            S3Location.parse(t.path());
            if (t.sampleSize() != null && (t.sampleSize() < 1 || t.sampleSize() > MAX_SAMPLE_SIZE)) {
                throw GlueErrors.INVALID_INPUT.exception("SampleSize must be between 1 and %d, got %d", MAX_SAMPLE_SIZE,
                        t.sampleSize());
            }
            if (t.eventQueueArn() != null || t.dlqEventQueueArn() != null) {
                throw GlueErrors.INVALID_INPUT.exception("S3 event queues (EventQueueArn) are not supported by Tarn");
            }
        }
        return targets;
    }

    /** Tarn crawls S3 only: a target of another kind is refused at once, naming the kind. */
    private static void refuse(String kind, List<JsonNode> targets) {
        if (!targets.isEmpty()) {
            throw GlueErrors.INVALID_INPUT.exception("%s are not supported by Tarn: its crawlers crawl S3Targets only", kind);
        }
    }

    /** The Configuration JSON: an object of the documented members, Version 1.0. */
    static JsonNode configuration(String configuration) {
        JsonNode json;
        try {
            json = JSON.readTree(configuration);
        } catch (JsonProcessingException e) {
            throw invalidConfiguration(configuration, "it is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw invalidConfiguration(configuration, "it is not a JSON object");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String member = names.next();
            if (!CONFIGURATION_MEMBERS.contains(member)) {
                throw invalidConfiguration(configuration, "unknown member " + member);
            }
        }
        JsonNode version = json.get("Version");
        if (version != null && !(version.isNumber() && version.asDouble() == 1.0)) {
            throw invalidConfiguration(configuration, "Version must be 1.0");
        }
        return json;
    }

    private static RuntimeException invalidConfiguration(String configuration, String why) {
        return GlueErrors.INVALID_INPUT.exception("Crawler configuration not valid: %s (%s)", configuration, why);
    }

    private static void oneOf(String field, @Nullable String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: %s", value, field, allowed);
        }
    }

    private static RuntimeException tooLong(String field, int max) {
        return GlueErrors.VALIDATION.exception("1 validation error detected: Value at '%s' failed to satisfy constraint: "
                + "Member must have length less than or equal to %d", field, max);
    }

    private static boolean singleLine(String s) {
        return s.chars().noneMatch(c -> c < 0x20 && c != '\t');
    }

    /** What GetCrawler shows for a crawler created without LineageConfiguration. */
    private static JsonNode lineageDefault() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("CrawlerLineageSettings", "DISABLE");
        return node;
    }

    /** What GetCrawler shows for a crawler created without LakeFormationConfiguration. */
    private static JsonNode lakeFormationDefault() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("UseLakeFormationCredentials", false);
        node.put("AccountId", "");
        return node;
    }
}
