package io.tarn.glue.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.model.ConnectionDefinition;
import io.tarn.glue.engine.registry.Compatibility;
import io.tarn.glue.engine.registry.DataFormat;
import io.tarn.glue.engine.registry.SchemaRef;
import io.tarn.glue.model.DatabaseMeta;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagsTest extends CatalogFixture {

    private static final String DB_ARN = "arn:aws:glue:us-east-1:000000000000:database/sales";

    @Test
    void createTimeTagsAreStoredAndTaggedUntaggedByArn() {
        catalog.databases().create(NS, new DatabaseMeta("Sales", null, null, null, null, null, null, null), Map.of("team", "a"));
        assertThat(catalog.tags().get(NS, DB_ARN)).containsExactly(Map.entry("team", "a"));
        catalog.tags().tag(NS, "arn:aws:glue:us-east-1:000000000000:database/SALES", Map.of("team", "b", "env", "dev"));
        assertThat(catalog.tags().get(NS, DB_ARN)).containsOnly(Map.entry("team", "b"), Map.entry("env", "dev"));
        catalog.tags().untag(NS, DB_ARN, List.of("team", "absent"));
        assertThat(catalog.tags().get(NS, DB_ARN)).containsOnly(Map.entry("env", "dev"));
        reopenAndCheck();
    }

    private void reopenAndCheck() {
        store.close();
        reopen();
        assertThat(catalog.tags().get(NS, DB_ARN)).containsOnly(Map.entry("env", "dev"));
    }

    @Test
    void deletingTheResourceDropsItsTags() {
        catalog.databases().create(NS, new DatabaseMeta("sales", null, null, null, null, null, null, null), Map.of("k", "v"));
        catalog.databases().delete(NS, "sales");
        assertAws(() -> catalog.tags().get(NS, DB_ARN), "EntityNotFoundException", "Database sales not found.");
        database("sales");
        assertThat(catalog.tags().get(NS, DB_ARN)).isEmpty();

        catalog.connections().create(NS, new ConnectionDefinition("c1", null, "NETWORK", null, Map.of(), null, null, null, null,
                null), Map.of("k", "v"), CREATOR);
        String arn = "arn:aws:glue:us-east-1:000000000000:connection/c1";
        assertThat(catalog.tags().get(NS, arn)).containsOnly(Map.entry("k", "v"));
        catalog.connections().delete(NS, "c1");
        assertAws(() -> catalog.tags().get(NS, arn), "EntityNotFoundException", "Connection c1 not found.");
    }

    @Test
    void onlyExistingTaggableResourcesOfThisAccountAndRegionAreFound() {
        database("sales");
        table("sales", "t", Map.of("id", "int"), Map.of());
        assertAws(() -> catalog.tags().tag(NS, "arn:aws:glue:us-east-1:000000000000:table/sales/t", Map.of("k", "v")),
                "InvalidInputException", "Invalid resource ARN for tagging: arn:aws:glue:us-east-1:000000000000:table/sales/t");
        assertAws(() -> catalog.tags().get(NS, "arn:aws:glue:eu-west-1:000000000000:database/sales"),
                "EntityNotFoundException", "Entity Not Found");
        assertAws(() -> catalog.tags().get(NS, "arn:aws:glue:us-east-1:000000000000:crawler/c"),
                "EntityNotFoundException", "Entity Not Found");
        assertAws(() -> catalog.tags().get(NS, "arn:aws:s3:::bucket"), "ValidationException",
                "1 validation error detected: Value 'arn:aws:s3:::bucket' at 'resourceArn' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: arn:aws(-(cn|us-gov|iso(-[bef])?))?:glue:.*");

        // another engine makes its resources taggable by registering how to find them
        catalog.tags().register("crawler", (ns, name) -> name.equals("c") ? null
                : GlueErrors.ENTITY_NOT_FOUND.exception("Crawler entry with name %s does not exist", name));
        catalog.tags().tag(NS, "arn:aws:glue:us-east-1:000000000000:crawler/c", Map.of("k", "v"));
        assertThat(catalog.tags().get(NS, "arn:aws:glue:us-east-1:000000000000:crawler/c")).containsOnly(Map.entry("k", "v"));
        assertThatThrownBy(() -> catalog.tags().register("table", (ns, name) -> null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void awsLimitsAreEnforced() {
        database("sales");
        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        catalog.tags().tag(NS, DB_ARN, fifty);
        assertAws(() -> catalog.tags().tag(NS, DB_ARN, Map.of("one-more", "v")), "InvalidInputException",
                "Tag count exceeds the limit of 50 tags per resource");
        catalog.tags().tag(NS, DB_ARN, Map.of("k0", "replaced")); // replacing keeps the count
        assertAws(() -> catalog.tags().tag(NS, DB_ARN, Map.of("x".repeat(129), "v")), "ValidationException",
                "1 validation error detected: Value '" + "x".repeat(129) + "' at 'tagsToAdd' failed to satisfy constraint: "
                        + "Map keys must satisfy constraint: [Member must have length less than or equal to 128, "
                        + "Member must have length greater than or equal to 1]");
        assertThatThrownBy(() -> catalog.tags().tag(NS, DB_ARN, Map.of("k", "v".repeat(257))))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("ValidationException"));
        assertAws(() -> catalog.tags().tag(NS, DB_ARN, Map.of("aws:owner", "v")), "InvalidInputException",
                "Tag keys cannot start with the reserved prefix aws: aws:owner");
        assertThat(catalog.tags().get(NS, DB_ARN)).hasSize(50).containsEntry("k0", "replaced");
    }

    @Test
    void registriesAndSchemasKeepTheirTagsHereAndDropThemWhenDeleted() {
        String registry = "arn:aws:glue:us-east-1:000000000000:registry/events";
        String schema = "arn:aws:glue:us-east-1:000000000000:schema/events/clicks";
        catalog.schemaRegistry().registries().create(NS, "events", null, Map.of("team", "data"));
        catalog.schemaRegistry().schemas().create(NS, "events", null, "clicks", DataFormat.AVRO, Compatibility.NONE, null,
                Map.of("pii", "no"), "{\"type\":\"record\",\"name\":\"Click\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}");
        catalog.schemaRegistry().schemas().create(NS, "events", null, "views", DataFormat.AVRO, Compatibility.NONE, null,
                Map.of("pii", "yes"), null);
        assertThat(catalog.tags().get(NS, registry)).containsOnly(Map.entry("team", "data"));
        assertThat(catalog.tags().get(NS, schema)).containsOnly(Map.entry("pii", "no"));
        catalog.tags().tag(NS, schema, Map.of("owner", "web"));
        assertThat(catalog.tags().get(NS, schema)).containsOnly(Map.entry("pii", "no"), Map.entry("owner", "web"));
        assertAws(() -> catalog.tags().get(NS, "arn:aws:glue:us-east-1:000000000000:schema/events/nope"),
                "EntityNotFoundException", "Schema is not found.");
        assertAws(() -> catalog.tags().get(NS, "arn:aws:glue:us-east-1:000000000000:registry/nope"),
                "EntityNotFoundException", "Registry is not found. RegistryName: nope");
        assertAws(() -> catalog.schemaRegistry().registries().create(NS, "other", null, Map.of("aws:k", "v")),
                "InvalidInputException", "Tag keys cannot start with the reserved prefix aws: aws:k");

        catalog.schemaRegistry().schemas().delete(NS, new SchemaRef(null, "clicks", "events"));
        catalog.schemaRegistry().schemas().create(NS, "events", null, "clicks", DataFormat.AVRO, Compatibility.NONE, null, null,
                null);
        assertThat(catalog.tags().get(NS, schema)).isEmpty();

        catalog.schemaRegistry().registries().delete(NS, "events", null);
        catalog.schemaRegistry().registries().create(NS, "events", null, null);
        catalog.schemaRegistry().schemas().create(NS, "events", null, "views", DataFormat.AVRO, Compatibility.NONE, null, null,
                null);
        assertThat(catalog.tags().get(NS, registry)).isEmpty();
        assertThat(catalog.tags().get(NS, "arn:aws:glue:us-east-1:000000000000:schema/events/views")).isEmpty();
    }
}
