package io.tarn.glue.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.model.registry.RegistryMeta;
import io.tarn.glue.model.registry.SchemaMeta;
import io.tarn.glue.model.registry.SchemaVersionMeta;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Schema Registry over a real store in a temp dir and a manual clock. */
class SchemaRegistryTest {

    private static final Namespace NS = new Namespace("000000000000", "us-east-1");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    static final String USER_V1 = avroRecord("{\"name\":\"id\",\"type\":\"long\"}");
    /** v1 plus a field with a default: readable both ways. */
    static final String USER_V2 = avroRecord("{\"name\":\"id\",\"type\":\"long\"},"
            + "{\"name\":\"email\",\"type\":\"string\",\"default\":\"\"}");
    /** v1 plus a field without a default: a v3 reader cannot read v1 data (not BACKWARD), v1 readers can read v3 (FORWARD). */
    static final String USER_V3 = avroRecord("{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"age\",\"type\":\"int\"}");

    @TempDir
    Path dir;

    private EmulatorClock clock;
    private StateStore store;
    private SchemaRegistry registry;

    @BeforeEach
    void open() {
        clock = EmulatorClock.manual(START);
        reopen();
    }

    private void reopen() {
        store = StateStore.open(dir.resolve("db"), false);
        registry = new SchemaRegistry(store.keyspace("glue"), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static String avroRecord(String fields) {
        return "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"io.tarn.test\",\"fields\":[" + fields + "]}";
    }

    private static void assertAws(ThrowableAssert.ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private Registered createSchema(String name, Compatibility compatibility, String definition) {
        return registry.schemas().create(NS, "reg", null, name, DataFormat.AVRO, compatibility, null, null, definition);
    }

    private static SchemaRef schema(String name) {
        return new SchemaRef(null, name, "reg");
    }

    @Test
    void registriesAreCreatedListedUpdatedAndDeletedWithTheirSchemas() {
        RegistryMeta created = registry.registries().create(NS, "reg", "first", Map.of("team", "data"));
        assertThat(created.status()).isEqualTo("AVAILABLE");
        assertAws(() -> registry.registries().create(NS, "reg", null, null), "AlreadyExistsException",
                "Registry already exists. RegistryName: reg");
        createSchema("users", Compatibility.BACKWARD, USER_V1);

        clock.advance(Duration.ofMinutes(1));
        RegistryMeta updated = registry.registries().update(NS, null, "arn:aws:glue:us-east-1:000000000000:registry/reg", "second");
        assertThat(updated.description()).isEqualTo("second");
        assertThat(updated.updated()).isEqualTo(START.plus(Duration.ofMinutes(1)));
        assertThat(registry.registries().list(NS, null, 10).items()).extracting(RegistryMeta::name).containsExactly("reg");

        assertThat(registry.registries().delete(NS, "reg", null).status()).isEqualTo("DELETING");
        assertAws(() -> registry.registries().get(NS, "reg", null), "EntityNotFoundException",
                "Registry is not found. RegistryName: reg");
        assertAws(() -> registry.schemas().get(NS, schema("users")), "EntityNotFoundException", "Schema is not found.");
        assertAws(() -> registry.registries().get(NS, "reg", "arn:aws:glue:us-east-1:000000000000:registry/reg"),
                "InvalidInputException", "One of RegistryName or RegistryArn has to be provided, both cannot be provided.");
    }

    @Test
    void registryNamesAndTheRegistryLimitAreAws() {
        assertAws(() -> registry.registries().create(NS, "bad name", null, null), "ValidationException",
                "1 validation error detected: Value 'bad name' at 'registryName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9-_$#.]+");
        for (int i = 0; i < RegistryLimits.MAX_REGISTRIES; i++) {
            registry.registries().create(NS, "r" + i, null, null);
        }
        assertAws(() -> registry.registries().create(NS, "one-more", null, null), "ResourceNumberLimitExceededException",
                "More registries cannot be created. Maximum limit of 100 reached.");
    }

    @Test
    void createSchemaWithoutARegistryCreatesTheDefaultRegistry() {
        Registered r = registry.schemas().create(NS, null, null, "users", DataFormat.AVRO, Compatibility.DEFAULT, "d", null, USER_V1);
        assertThat(r.schema().registry()).isEqualTo("default-registry");
        assertThat(r.schema().compatibility()).isEqualTo("BACKWARD");
        assertThat(r.schema().checkpoint()).isEqualTo(1);
        assertThat(r.schema().latestVersion()).isEqualTo(1);
        assertThat(r.schema().nextVersion()).isEqualTo(2);
        assertThat(r.reportedStatus()).isEqualTo("AVAILABLE");
        assertThat(r.version().id()).matches("[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}");
        assertThat(registry.registries().get(NS, "default-registry", null).status()).isEqualTo("AVAILABLE");
        assertThat(registry.schemas().get(NS, new SchemaRef(null, "users", null)).name()).isEqualTo("users");
        assertAws(() -> registry.schemas().create(NS, null, null, "users", DataFormat.AVRO, Compatibility.NONE, null, null, USER_V1),
                "AlreadyExistsException", "Schema already exists. SchemaName: users");
        assertAws(() -> registry.schemas().create(NS, "nope", null, "x", DataFormat.AVRO, Compatibility.NONE, null, null, USER_V1),
                "EntityNotFoundException", "Registry is not found. RegistryName: nope");
    }

    @Test
    void listSchemasWithoutARegistryListsEveryRegistrysSchemasAPageAtATime() {
        registry.registries().create(NS, "reg", null, null);
        registry.registries().create(NS, "other", null, null);
        createSchema("b", Compatibility.NONE, USER_V1);
        createSchema("a", Compatibility.NONE, USER_V1);
        registry.schemas().create(NS, "other", null, "c", DataFormat.AVRO, Compatibility.NONE, null, null, USER_V1);

        List<String> seen = new java.util.ArrayList<>();
        String after = null;
        do {
            var page = registry.schemas().list(NS, null, null, after, 2);
            page.items().forEach(s -> seen.add(s.registry() + ":" + s.name()));
            after = page.next();
        } while (after != null);
        assertThat(seen).containsExactly("other:c", "reg:a", "reg:b");
        assertThat(registry.schemas().list(NS, "reg", null, null, 10).items()).extracting(SchemaMeta::name).containsExactly("a", "b");
    }

    @Test
    void theSameDefinitionIsTheSameVersion() {
        registry.registries().create(NS, "reg", null, null);
        Registered first = createSchema("users", Compatibility.BACKWARD, USER_V1);
        Registered again = registry.versions().register(NS, schema("users"), USER_V1);
        assertThat(again.version().id()).isEqualTo(first.version().id());
        assertThat(again.version().number()).isEqualTo(1);

        SchemaVersion byDefinition = registry.versions().byDefinition(NS, schema("users"), USER_V1);
        assertThat(byDefinition.version().id()).isEqualTo(first.version().id());
        assertAws(() -> registry.versions().byDefinition(NS, schema("users"), USER_V2), "EntityNotFoundException",
                "Schema version is not found.");
    }

    @Test
    void backwardRefusesAFieldWithoutDefaultAndAnswersPendingThenFailure() {
        registry.registries().create(NS, "reg", null, null);
        createSchema("users", Compatibility.BACKWARD, USER_V1);

        Registered v2 = registry.versions().register(NS, schema("users"), USER_V2);
        assertThat(v2.reportedStatus()).isEqualTo("PENDING");
        assertThat(registry.versions().get(NS, new VersionRef(v2.version().id(), null, null, false)).version().status())
                .isEqualTo("AVAILABLE");

        Registered v3 = registry.versions().register(NS, schema("users"), USER_V3);
        assertThat(v3.reportedStatus()).isEqualTo("PENDING");
        SchemaVersionMeta failed = registry.versions().get(NS, new VersionRef(null, schema("users"), 3L, false)).version();
        assertThat(failed.status()).isEqualTo("FAILURE");
        assertThat(failed.failure()).contains("BACKWARD").contains("version 2").contains("age");

        // the failed version keeps its number; the latest is 3, the next 4
        SchemaMeta s = registry.schemas().get(NS, schema("users"));
        assertThat(s.latestVersion()).isEqualTo(3);
        assertThat(s.nextVersion()).isEqualTo(4);
        assertThat(registry.versions().get(NS, new VersionRef(null, schema("users"), null, true)).version().number()).isEqualTo(3);
    }

    @Test
    void forwardAndFullCheckTheOtherDirection() {
        registry.registries().create(NS, "reg", null, null);
        createSchema("fwd", Compatibility.FORWARD, USER_V1);
        assertThat(registry.versions().register(NS, schema("fwd"), USER_V3).version().status()).isEqualTo("AVAILABLE");

        createSchema("full", Compatibility.FULL, USER_V1);
        assertThat(registry.versions().register(NS, schema("full"), USER_V3).version().status()).isEqualTo("FAILURE");
        assertThat(registry.versions().register(NS, schema("full"), USER_V2).version().status()).isEqualTo("AVAILABLE");

        createSchema("none", Compatibility.NONE, USER_V1);
        Registered anything = registry.versions().register(NS, schema("none"),
                "{\"type\":\"record\",\"name\":\"Other\",\"fields\":[{\"name\":\"x\",\"type\":\"string\"}]}");
        assertThat(anything.reportedStatus()).isEqualTo("AVAILABLE");
    }

    @Test
    void theAllModesCheckEveryVersionFromTheCheckpoint() {
        registry.registries().create(NS, "reg", null, null);
        String v1 = avroRecord("{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"a\",\"type\":\"string\"}");
        String v2 = avroRecord("{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"a\",\"type\":\"string\",\"default\":\"\"}");
        // v3 drops the defaulted a and adds a required b: a v2 reader fills a from its default, a v1 reader cannot
        String v3 = avroRecord("{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}");
        createSchema("latest", Compatibility.FORWARD, v1);
        registry.versions().register(NS, schema("latest"), v2);
        assertThat(registry.versions().register(NS, schema("latest"), v3).version().status()).isEqualTo("AVAILABLE");

        createSchema("all", Compatibility.FORWARD_ALL, v1);
        registry.versions().register(NS, schema("all"), v2);
        assertThat(registry.versions().register(NS, schema("all"), v3).version().status()).isEqualTo("FAILURE");

        // moving the checkpoint past v1 lets the _ALL mode forget it
        registry.schemas().update(NS, schema("all"), new VersionRef(null, null, 2L, false), null, null);
        assertThat(registry.versions().register(NS, schema("all"),
                avroRecord("{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"c\",\"type\":\"string\",\"default\":\"\"}"))
                .version().status()).isEqualTo("AVAILABLE");
    }

    @Test
    void disabledAllowsOnlyTheFirstVersion() {
        registry.registries().create(NS, "reg", null, null);
        createSchema("frozen", Compatibility.DISABLED, USER_V1);
        assertAws(() -> registry.versions().register(NS, schema("frozen"), USER_V2), "InvalidInputException",
                "Compatibility DISABLED does not allow versioning. SchemaName: frozen");
    }

    @Test
    void invalidDefinitionsAreRefusedWithTheParsersReason() {
        registry.registries().create(NS, "reg", null, null);
        assertThatThrownBy(() -> createSchema("bad", Compatibility.NONE, "{\"type\":\"record\",\"name\":\"X\"}"))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidInputException");
                    assertThat(e.getMessage()).startsWith("Schema definition of AVRO data format is invalid: ");
                });
        assertThat(registry.versions().invalidity(DataFormat.AVRO, USER_V1)).isNull();
        assertThat(registry.versions().invalidity(DataFormat.AVRO, "not json")).startsWith("Schema definition of AVRO");
        assertThat(registry.versions().invalidity(DataFormat.JSON, "{\"type\":\"object\"}")).isNull();
        assertThat(registry.versions().invalidity(DataFormat.JSON, "{\"type\":\"objekt\"}"))
                .startsWith("Schema definition of JSON data format is invalid");
        assertThat(registry.versions().invalidity(DataFormat.JSON, "{\"type\":")).startsWith("Schema definition of JSON");
        assertThat(registry.versions().invalidity(DataFormat.PROTOBUF,
                "syntax = \"proto3\";\nmessage User { int64 id = 1; string email = 2; }")).isNull();
        assertThat(registry.versions().invalidity(DataFormat.PROTOBUF, "message User { int64 id = ; }"))
                .startsWith("Schema definition of PROTOBUF data format is invalid");
    }

    @Test
    void jsonSchemaCompatibilityFollowsTheOpenContentModel() {
        registry.registries().create(NS, "reg", null, null);
        String v1 = "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}},\"required\":[\"id\"]}";
        String optional = "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"number\"},\"name\":{\"type\":\"string\"}},"
                + "\"required\":[\"id\"]}";
        String required = "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},\"name\":{\"type\":\"string\"}},"
                + "\"required\":[\"id\",\"name\"]}";
        registry.schemas().create(NS, "reg", null, "doc", DataFormat.JSON, Compatibility.BACKWARD, null, null, v1);
        assertThat(registry.versions().register(NS, schema("doc"), optional).version().status()).isEqualTo("AVAILABLE");
        SchemaVersionMeta failed = registry.versions().register(NS, schema("doc"), required).version();
        assertThat(failed.status()).isEqualTo("FAILURE");
        assertThat(failed.failure()).contains("requires property name");
    }

    @Test
    void deleteSchemaVersionsTakesRangesButNotTheCheckpointNorTheFirst() {
        registry.registries().create(NS, "reg", null, null);
        createSchema("users", Compatibility.NONE, USER_V1);
        for (int i = 2; i <= 8; i++) {
            registry.versions().register(NS, schema("users"), avroRecord("{\"name\":\"f" + i + "\",\"type\":\"long\"}"));
        }
        assertAws(() -> registry.versions().delete(NS, schema("users"), VersionRanges.parse("1-3")),
                "ConcurrentModificationException",
                "The checkpoint version 1 cannot be deleted. Move the checkpoint before deleting it.");
        List<SchemaVersions.VersionError> errors = registry.versions().delete(NS, schema("users"), VersionRanges.parse("2-4,8"));
        assertThat(errors).isEmpty();
        assertThat(registry.versions().list(NS, schema("users"), null, 100).items()).extracting(SchemaVersionMeta::number)
                .containsExactly(1L, 5L, 6L, 7L);
        SchemaMeta s = registry.schemas().get(NS, schema("users"));
        assertThat(s.latestVersion()).isEqualTo(7);
        assertThat(s.nextVersion()).isEqualTo(9);
        assertThat(registry.versions().delete(NS, schema("users"), VersionRanges.parse("3")))
                .containsExactly(new SchemaVersions.VersionError(3, "EntityNotFoundException", "Schema version is not found."));

        registry.schemas().update(NS, schema("users"), new VersionRef(null, null, 5L, false), Compatibility.BACKWARD, null);
        assertAws(() -> registry.versions().delete(NS, schema("users"), VersionRanges.parse("1")), "InvalidInputException",
                "The first schema version can only be deleted with DeleteSchema.");
        assertAws(() -> VersionRanges.parse("0-2"), "InvalidInputException",
                "Invalid Versions: 0-2. Provide a version number or a range such as 5-8.");
        assertAws(() -> registry.schemas().update(NS, schema("users"), null, Compatibility.FULL, null), "InvalidInputException",
                "SchemaVersionNumber is required when Compatibility is provided.");
    }

    @Test
    void listingsPageAndVersionsSurviveARestart() {
        registry.registries().create(NS, "reg", null, null);
        createSchema("users", Compatibility.NONE, USER_V1);
        for (int i = 2; i <= 5; i++) {
            registry.versions().register(NS, schema("users"), avroRecord("{\"name\":\"f" + i + "\",\"type\":\"long\"}"));
        }
        var first = registry.versions().list(NS, schema("users"), null, 2);
        assertThat(first.items()).extracting(SchemaVersionMeta::number).containsExactly(1L, 2L);
        var second = registry.versions().list(NS, schema("users"), first.next(), 2);
        assertThat(second.items()).extracting(SchemaVersionMeta::number).containsExactly(3L, 4L);
        String id = second.items().get(0).id();

        store.close();
        reopen();
        assertThat(registry.versions().get(NS, new VersionRef(id, null, null, false)).version().number()).isEqualTo(3);
        assertThat(registry.versions().list(NS, schema("users"), second.next(), 2).items())
                .extracting(SchemaVersionMeta::number).containsExactly(5L);
    }

    @Test
    void versionMetadataIsPutQueriedAndRemovedUpToTenPairs() {
        registry.registries().create(NS, "reg", null, null);
        String id = createSchema("users", Compatibility.NONE, USER_V1).version().id();
        VersionRef v1 = new VersionRef(id, null, null, false);
        registry.metadata().put(NS, v1, "owner", "alice");
        clock.advance(Duration.ofSeconds(1));
        registry.metadata().put(NS, v1, "owner", "bob");
        assertAws(() -> registry.metadata().put(NS, v1, "owner", "bob"), "AlreadyExistsException",
                "Metadata key value pair already exists. MetadataKey: owner");

        SchemaVersion version = registry.versions().get(NS, v1);
        Map<String, List<VersionMetadata.Value>> all = registry.metadata().query(NS, version, List.of());
        assertThat(all.get("owner")).extracting(VersionMetadata.Value::value).containsExactly("bob", "alice");
        assertThat(registry.metadata().query(NS, version, List.of(new VersionMetadata.Filter("owner", "alice"))).get("owner"))
                .extracting(VersionMetadata.Value::value).containsExactly("alice");

        for (int i = 0; i < 8; i++) {
            registry.metadata().put(NS, v1, "k" + i, "v");
        }
        assertAws(() -> registry.metadata().put(NS, v1, "eleventh", "v"), "ResourceNumberLimitExceededException",
                "More metadata key value pairs cannot be added. Maximum limit of 10 reached.");
        registry.metadata().remove(NS, v1, "owner", "alice");
        assertThat(registry.metadata().query(NS, version, List.of()).get("owner")).extracting(VersionMetadata.Value::value)
                .containsExactly("bob");
        assertAws(() -> registry.metadata().remove(NS, v1, "owner", "alice"), "EntityNotFoundException",
                "Metadata key value pair is not found. MetadataKey: owner");

        registry.schemas().delete(NS, schema("users"));
        assertAws(() -> registry.versions().get(NS, v1), "EntityNotFoundException", "Schema version is not found.");
    }
}
