package io.tarn.glue.engine.registry;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Batch;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.engine.Page;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.registry.SchemaMeta;
import io.tarn.glue.model.registry.SchemaVersionMeta;
import io.tarn.glue.model.registry.SchemaVersionRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The versions of schemas: registered (the same definition again answers the version it already
 * is), checked against the earlier versions by the schema's compatibility mode, found by id, number
 * or definition, listed and deleted.
 *
 * <p>AWS runs the compatibility check asynchronously: RegisterSchemaVersion answers PENDING and
 * GetSchemaVersion later AVAILABLE or FAILURE. Tarn runs the check while registering, answers PENDING
 * as AWS does when a check ran, and stores the verdict, which every later read reports.
 */
public final class SchemaVersions {

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Object lock;
    private final SchemaLookup lookup;

    SchemaVersions(Keyspace keyspace, EmulatorClock clock, Object lock, SchemaLookup lookup) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.lock = lock;
        this.lookup = lookup;
    }

    public Registered register(Namespace ns, SchemaRef ref, @Nullable String definition) {
        String text = RegistryLimits.definition(definition);
        synchronized (lock) {
            SchemaMeta schema = lookup.resolve(ns, ref);
            SchemaVersionMeta same = withDefinition(ns, schema, text);
            if (same != null) {
                return new Registered(schema, same, same.status());
            }
            checkDefinition(DataFormat.valueOf(schema.dataFormat()), text);
            if (Compatibility.valueOf(schema.compatibility()) == Compatibility.DISABLED && schema.latestVersion() > 0) {
                throw GlueErrors.INVALID_INPUT.exception("Compatibility DISABLED does not allow versioning. SchemaName: %s",
                        schema.name());
            }
            return append(ns, schema, text);
        }
    }

    /** Null when the definition is a valid schema of the format, else AWS's reason. */
    public @Nullable String invalidity(DataFormat format, @Nullable String definition) {
        return format.checker().invalidity(RegistryLimits.definition(definition));
    }

    void checkDefinition(DataFormat format, String definition) {
        String invalid = format.checker().invalidity(definition);
        if (invalid != null) {
            throw GlueErrors.INVALID_INPUT.exception("%s", invalid);
        }
    }

    /** Adds {@code definition} (valid) as the schema's next version. Under the lock. */
    Registered append(Namespace ns, SchemaMeta schema, String definition) {
        return append(ns, schema, definition, b -> { });
    }

    /** Adds {@code definition} as the schema's next version, with what {@code also} adds to the same batch. Under the lock. */
    Registered append(Namespace ns, SchemaMeta schema, String definition, Consumer<Batch> also) {
        long number = schema.nextVersion();
        if (number > RegistryLimits.MAX_VERSION_NUMBER || versionCount(ns) >= RegistryLimits.MAX_SCHEMA_VERSIONS) {
            throw GlueErrors.RESOURCE_NUMBER_LIMIT_EXCEEDED.exception(
                    "More schema versions cannot be created. Maximum limit of %d reached.", RegistryLimits.MAX_SCHEMA_VERSIONS);
        }
        List<SchemaVersionMeta> against = compareWith(ns, schema);
        String failure = against.isEmpty() ? null : incompatibility(schema, definition, against);
        Instant now = clock.instant();
        SchemaVersionMeta version = new SchemaVersionMeta(UUID.randomUUID().toString(), schema.registry(), schema.name(), number,
                definition, failure == null ? SchemaVersionMeta.AVAILABLE : SchemaVersionMeta.FAILURE, failure, now);
        // the first version is the checkpoint; later ones leave it where it is
        SchemaMeta updated = new SchemaMeta(schema.registry(), schema.name(), schema.description(), schema.dataFormat(),
                schema.compatibility(), schema.checkpoint() == 0 ? number : schema.checkpoint(), number, number + 1,
                schema.status(), schema.created(), now);
        keyspace.write(b -> {
            also.accept(b);
            b.put(GlueKeys.schema(ns, schema.registry(), schema.name()), updated)
                    .put(GlueKeys.schemaVersion(ns, schema.registry(), schema.name(), number), version)
                    .put(GlueKeys.schemaVersionId(ns, version.id()), new SchemaVersionRef(schema.registry(), schema.name(), number));
        });
        return new Registered(updated, version, against.isEmpty() ? version.status() : SchemaVersionMeta.PENDING);
    }

    /** The AVAILABLE versions the mode checks a new one against: the latest, or all from the checkpoint on. */
    private List<SchemaVersionMeta> compareWith(Namespace ns, SchemaMeta schema) {
        Compatibility mode = Compatibility.valueOf(schema.compatibility());
        List<SchemaVersionMeta> available = new ArrayList<>();
        if (!mode.checks()) {
            return available;
        }
        keyspace.scan(GlueKeys.schemaVersions(ns, schema.registry(), schema.name()),
                GlueKeys.schemaVersion(ns, schema.registry(), schema.name(), schema.checkpoint()), e -> {
                    SchemaVersionMeta v = e.value(SchemaVersionMeta.class);
                    if (v.available()) {
                        available.add(v);
                    }
                    return true;
                });
        return mode.all() || available.isEmpty() ? available : List.of(available.get(available.size() - 1));
    }

    private static @Nullable String incompatibility(SchemaMeta schema, String definition, List<SchemaVersionMeta> against) {
        Compatibility mode = Compatibility.valueOf(schema.compatibility());
        DefinitionChecker checker = DataFormat.valueOf(schema.dataFormat()).checker();
        for (SchemaVersionMeta old : against) {
            String why = mode.backward() ? checker.unreadable(definition, old.definition()) : null;
            if (why == null && mode.forward()) {
                why = checker.unreadable(old.definition(), definition);
            }
            if (why != null) {
                return String.format("Schema is not %s compatible with version %d: %s", mode.name(), old.number(), why);
            }
        }
        return null;
    }

    /** The version a VersionRef names, with its schema. */
    public SchemaVersion get(Namespace ns, VersionRef ref) {
        if (ref.versionId() != null) {
            if (ref.schema() != null || ref.number() != null || ref.latest()) {
                throw GlueErrors.INVALID_INPUT.exception(
                        "Either SchemaVersionId or SchemaId with SchemaVersionNumber has to be provided, both cannot be provided.");
            }
            SchemaVersionRef at = keyspace.get(GlueKeys.schemaVersionId(ns, ref.versionId()), SchemaVersionRef.class)
                    .orElseThrow(SchemaVersions::notFound);
            SchemaMeta schema = lookup.find(ns, at.registry(), at.schema());
            SchemaVersionMeta version = find(ns, at.registry(), at.schema(), at.number());
            if (schema == null || version == null) {
                throw notFound();
            }
            return new SchemaVersion(schema, version);
        }
        if (ref.schema() == null) {
            throw GlueErrors.INVALID_INPUT.exception(
                    "Either SchemaVersionId or SchemaId with SchemaVersionNumber has to be provided.");
        }
        SchemaMeta schema = lookup.resolve(ns, ref.schema());
        return new SchemaVersion(schema, byNumber(ns, schema, ref));
    }

    /** The version of {@code schema} a SchemaVersionNumber names: exactly one of LatestVersion and VersionNumber. */
    SchemaVersionMeta byNumber(Namespace ns, SchemaMeta schema, VersionRef ref) {
        if (ref.latest() == (ref.number() != null)) {
            throw GlueErrors.INVALID_INPUT.exception(
                    "One of LatestVersion or VersionNumber has to be provided, both cannot be provided.");
        }
        long number = ref.latest() ? schema.latestVersion() : ref.number();
        SchemaVersionMeta version = number < 1 ? null : find(ns, schema.registry(), schema.name(), number);
        if (version == null) {
            throw notFound();
        }
        return version;
    }

    public SchemaVersion byDefinition(Namespace ns, SchemaRef ref, @Nullable String definition) {
        String text = RegistryLimits.definition(definition);
        SchemaMeta schema = lookup.resolve(ns, ref);
        SchemaVersionMeta version = withDefinition(ns, schema, text);
        if (version == null) {
            throw notFound();
        }
        return new SchemaVersion(schema, version);
    }

    /** The versions of a schema by number, after version {@code after} (exclusive; null for the first page). */
    public Page<SchemaVersionMeta> list(Namespace ns, SchemaRef ref, @Nullable String after, int limit) {
        SchemaMeta schema = lookup.resolve(ns, ref);
        long from = after == null ? 0 : Long.parseLong(after) + 1;
        List<SchemaVersionMeta> items = new ArrayList<>();
        boolean[] more = {false};
        keyspace.scan(GlueKeys.schemaVersions(ns, schema.registry(), schema.name()),
                GlueKeys.schemaVersion(ns, schema.registry(), schema.name(), from), e -> {
                    if (items.size() == limit) {
                        more[0] = true;
                        return false;
                    }
                    items.add(e.value(SchemaVersionMeta.class));
                    return true;
                });
        return new Page<>(items, more[0] ? Long.toString(items.get(items.size() - 1).number()) : null);
    }

    /**
     * Deletes the versions {@code numbers} (with their metadata); the checkpoint and the first version
     * are refused, as AWS refuses them, and a number with no version is reported, not fatal.
     */
    public List<VersionError> delete(Namespace ns, SchemaRef ref, SortedSet<Long> numbers) {
        synchronized (lock) {
            SchemaMeta schema = lookup.resolve(ns, ref);
            if (numbers.contains(schema.checkpoint())) {
                throw GlueErrors.CONCURRENT_MODIFICATION.exception(
                        "The checkpoint version %d cannot be deleted. Move the checkpoint before deleting it.", schema.checkpoint());
            }
            if (numbers.contains(1L)) {
                throw GlueErrors.INVALID_INPUT.exception("The first schema version can only be deleted with DeleteSchema.");
            }
            List<VersionError> errors = new ArrayList<>();
            List<SchemaVersionMeta> doomed = new ArrayList<>();
            for (long number : numbers) {
                SchemaVersionMeta version = find(ns, schema.registry(), schema.name(), number);
                if (version == null) {
                    errors.add(new VersionError(number, "EntityNotFoundException", "Schema version is not found."));
                } else {
                    doomed.add(version);
                }
            }
            if (!doomed.isEmpty()) {
                long latest = schema.latestVersion();
                while (latest > 0 && (numbers.contains(latest) || find(ns, schema.registry(), schema.name(), latest) == null)) {
                    latest--;
                }
                SchemaMeta updated = schema.withVersions(latest, schema.nextVersion(), clock.instant());
                keyspace.write(b -> {
                    b.put(GlueKeys.schema(ns, schema.registry(), schema.name()), updated);
                    for (SchemaVersionMeta v : doomed) {
                        b.delete(GlueKeys.schemaVersion(ns, schema.registry(), schema.name(), v.number()))
                                .delete(GlueKeys.schemaVersionId(ns, v.id()))
                                .deletePrefix(GlueKeys.versionMetadata(ns, v.id()));
                    }
                });
            }
            return errors;
        }
    }

    /** A version DeleteSchemaVersions could not delete, and why. */
    public record VersionError(long number, String code, String message) {}

    private @Nullable SchemaVersionMeta withDefinition(Namespace ns, SchemaMeta schema, String definition) {
        SchemaVersionMeta[] found = {null};
        keyspace.scan(GlueKeys.schemaVersions(ns, schema.registry(), schema.name()), null, e -> {
            SchemaVersionMeta v = e.value(SchemaVersionMeta.class);
            if (v.definition().equals(definition)) {
                found[0] = v;
                return false;
            }
            return true;
        });
        return found[0];
    }

    private @Nullable SchemaVersionMeta find(Namespace ns, String registry, String schema, long number) {
        return keyspace.get(GlueKeys.schemaVersion(ns, registry, schema, number), SchemaVersionMeta.class).orElse(null);
    }

    private int versionCount(Namespace ns) {
        int[] count = {0};
        keyspace.scan(GlueKeys.schemaVersionIds(ns), null, e -> ++count[0] < RegistryLimits.MAX_SCHEMA_VERSIONS);
        return count[0];
    }

    /** AWS's words, which the Glue Schema Registry serde library looks for to decide to register the version. */
    static RuntimeException notFound() {
        return GlueErrors.ENTITY_NOT_FOUND.exception("Schema version is not found.");
    }
}
