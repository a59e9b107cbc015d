package io.tarn.it.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.it.TarnServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.CheckSchemaVersionValidityResponse;
import software.amazon.awssdk.services.glue.model.Compatibility;
import software.amazon.awssdk.services.glue.model.CreateSchemaResponse;
import software.amazon.awssdk.services.glue.model.DataFormat;
import software.amazon.awssdk.services.glue.model.DeleteSchemaVersionsResponse;
import software.amazon.awssdk.services.glue.model.GetRegistryResponse;
import software.amazon.awssdk.services.glue.model.GetSchemaResponse;
import software.amazon.awssdk.services.glue.model.GetSchemaVersionResponse;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.ListSchemaVersionsResponse;
import software.amazon.awssdk.services.glue.model.MetadataInfo;
import software.amazon.awssdk.services.glue.model.RegisterSchemaVersionResponse;
import software.amazon.awssdk.services.glue.model.SchemaId;
import software.amazon.awssdk.services.glue.model.SchemaVersionListItem;
import software.amazon.awssdk.services.glue.model.SchemaVersionStatus;

/** The Glue Schema Registry through the SDK v2 Glue client: registries, schemas, versions, compatibility, metadata. */
@ExtendWith(TarnServerExtension.class)
class GlueSchemaRegistryIT {

    private static final String PREFIX = "arn:aws:glue:us-east-1:000000000000:";

    private static String user(String extraFields) {
        return "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"io.tarn.it\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}"
                + extraFields + "]}";
    }

    private static void assertGlueError(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(GlueException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    private static SchemaId schema(String registry, String name) {
        return SchemaId.builder().registryName(registry).schemaName(name).build();
    }

    @Test
    void registriesAreCreatedReadListedUpdatedAndDeleted(GlueClient glue) {
        var created = glue.createRegistry(b -> b.registryName("it-reg").description("first").tags(Map.of("team", "data")));
        assertThat(created.registryArn()).isEqualTo(PREFIX + "registry/it-reg");
        assertThat(created.tags()).containsEntry("team", "data");
        assertGlueError(() -> glue.createRegistry(b -> b.registryName("it-reg")), "AlreadyExistsException",
                "Registry already exists. RegistryName: it-reg");

        GetRegistryResponse got = glue.getRegistry(b -> b.registryId(r -> r.registryArn(PREFIX + "registry/it-reg")));
        assertThat(got.registryName()).isEqualTo("it-reg");
        assertThat(got.statusAsString()).isEqualTo("AVAILABLE");
        assertThat(got.createdTime()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

        glue.updateRegistry(b -> b.registryId(r -> r.registryName("it-reg")).description("second"));
        assertThat(glue.getRegistry(b -> b.registryId(r -> r.registryName("it-reg"))).description()).isEqualTo("second");

        for (int i = 0; i < 3; i++) {
            int n = i;
            glue.createRegistry(b -> b.registryName("it-page-" + n));
        }
        List<String> names = new ArrayList<>();
        glue.listRegistriesPaginator(b -> b.maxResults(2)).registries().forEach(r -> names.add(r.registryName()));
        assertThat(names).contains("it-reg", "it-page-0", "it-page-1", "it-page-2").doesNotHaveDuplicates();

        glue.createSchema(b -> b.registryId(r -> r.registryName("it-reg")).schemaName("doomed").dataFormat(DataFormat.AVRO)
                .schemaDefinition(user("")));
        assertThat(glue.deleteRegistry(b -> b.registryId(r -> r.registryName("it-reg"))).statusAsString()).isEqualTo("DELETING");
        assertGlueError(() -> glue.getRegistry(b -> b.registryId(r -> r.registryName("it-reg"))), "EntityNotFoundException",
                "Registry is not found. RegistryName: it-reg");
        assertGlueError(() -> glue.getSchema(b -> b.schemaId(schema("it-reg", "doomed"))), "EntityNotFoundException",
                "Schema is not found.");
        assertGlueError(() -> glue.createRegistry(b -> b.registryName("bad/name")), "ValidationException",
                "1 validation error detected: Value 'bad/name' at 'registryName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9-_$#.]+");
    }

    @Test
    void createSchemaWithoutRegistryUsesTheDefaultRegistryAndVersionsEvolveByCompatibility(GlueClient glue) {
        CreateSchemaResponse created = glue.createSchema(b -> b.schemaName("it-users").dataFormat(DataFormat.AVRO)
                .schemaDefinition(user("")).description("users"));
        assertThat(created.registryName()).isEqualTo("default-registry");
        assertThat(created.schemaArn()).isEqualTo(PREFIX + "schema/default-registry/it-users");
        assertThat(created.compatibility()).isEqualTo(Compatibility.BACKWARD);
        assertThat(created.schemaCheckpoint()).isEqualTo(1L);
        assertThat(created.latestSchemaVersion()).isEqualTo(1L);
        assertThat(created.nextSchemaVersion()).isEqualTo(2L);
        assertThat(created.schemaVersionStatus()).isEqualTo(SchemaVersionStatus.AVAILABLE);
        assertThat(created.schemaVersionId()).matches("[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}");
        assertThat(glue.getRegistry(b -> b.registryId(r -> r.registryName("default-registry"))).registryArn())
                .isEqualTo(PREFIX + "registry/default-registry");

        SchemaId id = schema("default-registry", "it-users");
        RegisterSchemaVersionResponse same = glue.registerSchemaVersion(b -> b.schemaId(id).schemaDefinition(user("")));
        assertThat(same.schemaVersionId()).isEqualTo(created.schemaVersionId());
        assertThat(same.versionNumber()).isEqualTo(1L);

        // a defaulted field is BACKWARD compatible: PENDING at once, AVAILABLE when read back
        RegisterSchemaVersionResponse v2 = glue.registerSchemaVersion(b -> b.schemaId(id)
                .schemaDefinition(user(",{\"name\":\"email\",\"type\":\"string\",\"default\":\"\"}")));
        assertThat(v2.status()).isEqualTo(SchemaVersionStatus.PENDING);
        assertThat(v2.versionNumber()).isEqualTo(2L);
        GetSchemaVersionResponse read = glue.getSchemaVersion(b -> b.schemaVersionId(v2.schemaVersionId()));
        assertThat(read.status()).isEqualTo(SchemaVersionStatus.AVAILABLE);
        assertThat(read.dataFormat()).isEqualTo(DataFormat.AVRO);
        assertThat(read.schemaArn()).isEqualTo(created.schemaArn());

        // a field without default is not: the version is kept, as FAILURE
        RegisterSchemaVersionResponse v3 = glue.registerSchemaVersion(b -> b.schemaId(id)
                .schemaDefinition(user(",{\"name\":\"age\",\"type\":\"int\"}")));
        assertThat(glue.getSchemaVersion(b -> b.schemaId(id).schemaVersionNumber(n -> n.versionNumber(3L))).status())
                .isEqualTo(SchemaVersionStatus.FAILURE);
        assertThat(glue.getSchemaVersion(b -> b.schemaId(id).schemaVersionNumber(n -> n.latestVersion(true))).schemaVersionId())
                .isEqualTo(v3.schemaVersionId());

        assertThat(glue.getSchemaByDefinition(b -> b.schemaId(id).schemaDefinition(user(""))).schemaVersionId())
                .isEqualTo(created.schemaVersionId());
        assertGlueError(() -> glue.getSchemaByDefinition(b -> b.schemaId(id).schemaDefinition(user(",{\"name\":\"x\",\"type\":\"int\"}"))),
                "EntityNotFoundException", "Schema version is not found.");
        assertGlueError(() -> glue.getSchema(b -> b.schemaId(schema("default-registry", "it-missing"))), "EntityNotFoundException",
                "Schema is not found.");

        List<SchemaVersionListItem> versions = new ArrayList<>();
        for (ListSchemaVersionsResponse page : glue.listSchemaVersionsPaginator(b -> b.schemaId(id).maxResults(2))) {
            versions.addAll(page.schemas());
        }
        assertThat(versions).extracting(SchemaVersionListItem::versionNumber).containsExactly(1L, 2L, 3L);
        assertThat(versions).extracting(SchemaVersionListItem::statusAsString).containsExactly("AVAILABLE", "AVAILABLE", "FAILURE");

        GetSchemaResponse schema = glue.getSchema(b -> b.schemaId(s -> s.schemaArn(created.schemaArn())));
        assertThat(schema.latestSchemaVersion()).isEqualTo(3L);
        assertThat(schema.nextSchemaVersion()).isEqualTo(4L);
        assertThat(schema.description()).isEqualTo("users");
        assertThat(glue.listSchemas(b -> b.registryId(r -> r.registryName("default-registry"))).schemas())
                .anySatisfy(s -> assertThat(s.schemaName()).isEqualTo("it-users"));
    }

    @Test
    void updateSchemaMovesTheCheckpointAndDeleteSchemaVersionsTakesRanges(GlueClient glue) {
        glue.createRegistry(b -> b.registryName("it-evolve"));
        SchemaId id = schema("it-evolve", "events");
        glue.createSchema(b -> b.registryId(r -> r.registryName("it-evolve")).schemaName("events").dataFormat(DataFormat.AVRO)
                .compatibility(Compatibility.NONE).schemaDefinition(user("")));
        for (int i = 2; i <= 6; i++) {
            int n = i;
            glue.registerSchemaVersion(b -> b.schemaId(id).schemaDefinition(user(",{\"name\":\"f" + n + "\",\"type\":\"int\"}")));
        }
        assertGlueError(() -> glue.updateSchema(b -> b.schemaId(id).compatibility(Compatibility.FULL)), "InvalidInputException",
                "SchemaVersionNumber is required when Compatibility is provided.");
        glue.updateSchema(b -> b.schemaId(id).compatibility(Compatibility.FULL_ALL).schemaVersionNumber(n -> n.versionNumber(5L))
                .description("now full"));
        GetSchemaResponse updated = glue.getSchema(b -> b.schemaId(id));
        assertThat(updated.compatibility()).isEqualTo(Compatibility.FULL_ALL);
        assertThat(updated.schemaCheckpoint()).isEqualTo(5L);

        assertGlueError(() -> glue.deleteSchemaVersions(b -> b.schemaId(id).versions("4-5")), "ConcurrentModificationException",
                "The checkpoint version 5 cannot be deleted. Move the checkpoint before deleting it.");
        DeleteSchemaVersionsResponse deleted = glue.deleteSchemaVersions(b -> b.schemaId(id).versions("2-3,9"));
        assertThat(deleted.schemaVersionErrors()).singleElement().satisfies(e -> {
            assertThat(e.versionNumber()).isEqualTo(9L);
            assertThat(e.errorDetails().errorCode()).isEqualTo("EntityNotFoundException");
        });
        assertThat(glue.listSchemaVersions(b -> b.schemaId(id)).schemas()).extracting(SchemaVersionListItem::versionNumber)
                .containsExactly(1L, 4L, 5L, 6L);

        assertThat(glue.deleteSchema(b -> b.schemaId(id)).statusAsString()).isEqualTo("DELETING");
        assertGlueError(() -> glue.getSchema(b -> b.schemaId(id)), "EntityNotFoundException", "Schema is not found.");
    }

    @Test
    void validityIsCheckedPerFormat(GlueClient glue) {
        CheckSchemaVersionValidityResponse avro = glue.checkSchemaVersionValidity(b -> b.dataFormat(DataFormat.AVRO)
                .schemaDefinition(user("")));
        assertThat(avro.valid()).isTrue();
        assertThat(avro.error()).isNull();
        CheckSchemaVersionValidityResponse bad = glue.checkSchemaVersionValidity(b -> b.dataFormat(DataFormat.AVRO)
                .schemaDefinition("{\"type\":\"record\"}"));
        assertThat(bad.valid()).isFalse();
        assertThat(bad.error()).startsWith("Schema definition of AVRO data format is invalid");
        assertThat(glue.checkSchemaVersionValidity(b -> b.dataFormat(DataFormat.JSON)
                .schemaDefinition("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}")).valid()).isTrue();
        assertThat(glue.checkSchemaVersionValidity(b -> b.dataFormat(DataFormat.JSON)
                .schemaDefinition("{\"type\":\"strin\"}")).valid()).isFalse();
        assertThat(glue.checkSchemaVersionValidity(b -> b.dataFormat(DataFormat.PROTOBUF)
                .schemaDefinition("syntax = \"proto3\"; message A { string a = 1; }")).valid()).isTrue();
        assertThat(glue.checkSchemaVersionValidity(b -> b.dataFormat(DataFormat.PROTOBUF)
                .schemaDefinition("message A { string a = }")).valid()).isFalse();

        glue.createRegistry(b -> b.registryName("it-json"));
        assertGlueError(() -> glue.createSchema(b -> b.registryId(r -> r.registryName("it-json")).schemaName("bad")
                .dataFormat(DataFormat.JSON).schemaDefinition("{\"type\":")), "InvalidInputException",
                glue.checkSchemaVersionValidity(b -> b.dataFormat(DataFormat.JSON).schemaDefinition("{\"type\":")).error());
    }

    @Test
    void versionMetadataIsPutQueriedAndRemoved(GlueClient glue) {
        glue.createRegistry(b -> b.registryName("it-meta"));
        String versionId = glue.createSchema(b -> b.registryId(r -> r.registryName("it-meta")).schemaName("orders")
                .dataFormat(DataFormat.AVRO).schemaDefinition(user(""))).schemaVersionId();
        var put = glue.putSchemaVersionMetadata(b -> b.schemaVersionId(versionId)
                .metadataKeyValue(kv -> kv.metadataKey("owner").metadataValue("alice")));
        assertThat(put.latestVersion()).isTrue();
        assertThat(put.versionNumber()).isEqualTo(1L);
        assertThat(put.registryName()).isEqualTo("it-meta");
        glue.putSchemaVersionMetadata(b -> b.schemaId(schema("it-meta", "orders")).schemaVersionNumber(n -> n.latestVersion(true))
                .metadataKeyValue(kv -> kv.metadataKey("source").metadataValue("kafka")));
        assertGlueError(() -> glue.putSchemaVersionMetadata(b -> b.schemaVersionId(versionId)
                .metadataKeyValue(kv -> kv.metadataKey("owner").metadataValue("alice"))), "AlreadyExistsException",
                "Metadata key value pair already exists. MetadataKey: owner");

        Map<String, MetadataInfo> all = glue.querySchemaVersionMetadata(b -> b.schemaVersionId(versionId)).metadataInfoMap();
        assertThat(all).containsOnlyKeys("owner", "source");
        assertThat(all.get("owner").metadataValue()).isEqualTo("alice");
        assertThat(glue.querySchemaVersionMetadata(b -> b.schemaVersionId(versionId)
                .metadataList(kv -> kv.metadataKey("source"))).metadataInfoMap()).containsOnlyKeys("source");

        glue.removeSchemaVersionMetadata(b -> b.schemaVersionId(versionId)
                .metadataKeyValue(kv -> kv.metadataKey("owner").metadataValue("alice")));
        assertThat(glue.querySchemaVersionMetadata(b -> b.schemaVersionId(versionId)).metadataInfoMap()).containsOnlyKeys("source");
        assertGlueError(() -> glue.getSchemaVersion(b -> b.schemaVersionId("00000000-0000-0000-0000-000000000000")),
                "EntityNotFoundException", "Schema version is not found.");
    }
}
