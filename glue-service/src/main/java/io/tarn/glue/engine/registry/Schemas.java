package io.tarn.glue.engine.registry;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.engine.Listing;
import io.tarn.glue.engine.Page;
import io.tarn.glue.engine.Tags;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.registry.RegistryMeta;
import io.tarn.glue.model.registry.SchemaMeta;
import io.tarn.glue.model.registry.SchemaVersionMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Schemas (AWS's "schema sets") of a registry: created with their first version, updated in
 * description, compatibility and checkpoint, deleted with their versions and metadata.
 */
public final class Schemas {

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Object lock;
    private final Registries registries;
    private final SchemaLookup lookup;
    private final SchemaVersions versions;

    Schemas(Keyspace keyspace, EmulatorClock clock, Object lock, Registries registries, SchemaLookup lookup,
            SchemaVersions versions) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.lock = lock;
        this.registries = registries;
        this.lookup = lookup;
        this.versions = versions;
    }

    /** Creates the schema, its first version from {@code definition} when one is given (the checkpoint). */
    public Registered create(Namespace ns, @Nullable String registryName, @Nullable String registryArn, @Nullable String name,
            DataFormat format, Compatibility compatibility, @Nullable String description, @Nullable Map<String, String> tags,
            @Nullable String definition) {
        String schemaName = RegistryLimits.name(name, "schemaName");
        RegistryLimits.description(description);
        if (tags != null) {
            Tags.check(tags, "tags");
        }
        if (definition != null) {
            versions.checkDefinition(format, RegistryLimits.definition(definition));
        }
        synchronized (lock) {
            RegistryMeta registry = registries.forNewSchema(ns, registryName, registryArn);
            if (lookup.find(ns, registry.name(), schemaName) != null) {
                throw GlueErrors.ALREADY_EXISTS.exception("Schema already exists. SchemaName: %s", schemaName);
            }
            Instant now = clock.instant();
            SchemaMeta schema = new SchemaMeta(registry.name(), schemaName, description, format.name(), compatibility.name(),
                    0, 0, 1, SchemaMeta.AVAILABLE, now, now);
            String resource = Tags.resource("schema", registry.name(), schemaName);
            if (definition == null) {
                keyspace.write(b -> {
                    Tags.attach(b, ns, resource, tags);
                    b.put(GlueKeys.schema(ns, registry.name(), schemaName), schema);
                });
                return new Registered(schema, null, SchemaVersionMeta.AVAILABLE);
            }
            return versions.append(ns, schema, definition, b -> Tags.attach(b, ns, resource, tags));
        }
    }

    /** Null when the schema ({@code registry/schema}) exists, else its not-found error: how Tags finds a schema by ARN. */
    public @Nullable AwsException missing(Namespace ns, String path) {
        String[] names = path.split("/", -1);
        return names.length == 2 && lookup.find(ns, names[0], names[1]) != null ? null : SchemaLookup.notFound();
    }

    public SchemaMeta get(Namespace ns, SchemaRef ref) {
        return lookup.resolve(ns, ref);
    }

    /**
     * The schemas of a registry by name, or of every registry (by registry, then name) when none is
     * named, as AWS lists them; from {@code after} (exclusive; null for the first page).
     */
    public Page<SchemaMeta> list(Namespace ns, @Nullable String registryName, @Nullable String registryArn,
            @Nullable String after, int limit) {
        if (registryName != null || registryArn != null) {
            RegistryMeta registry = registries.get(ns, registryName, registryArn);
            return Listing.page(keyspace, GlueKeys.schemas(ns, registry.name()), after, limit, e -> e.value(SchemaMeta.class));
        }
        // a position across registries is "registry/schema": registry names cannot hold a '/'
        String[] at = after == null ? null : after.split("/", 2);
        Key from = at == null || at.length < 2 ? null : GlueKeys.schema(ns, at[0], at[1]);
        List<SchemaMeta> items = new ArrayList<>();
        boolean[] more = {false};
        keyspace.scan(GlueKeys.allSchemas(ns), from, e -> {
            if (e.key().equals(from)) {
                return true;
            }
            if (items.size() == limit) {
                more[0] = true;
                return false;
            }
            items.add(e.value(SchemaMeta.class));
            return true;
        });
        SchemaMeta last = items.isEmpty() ? null : items.get(items.size() - 1);
        return new Page<>(items, more[0] ? last.registry() + "/" + last.name() : null);
    }

    /**
     * Sets the description (when given), and the checkpoint to version {@code checkpoint} (when given)
     * with the compatibility mode (when given, which needs the checkpoint too, as AWS requires).
     */
    public SchemaMeta update(Namespace ns, SchemaRef ref, @Nullable VersionRef checkpoint, @Nullable Compatibility compatibility,
            @Nullable String description) {
        RegistryLimits.description(description);
        if (compatibility != null && checkpoint == null) {
            throw GlueErrors.INVALID_INPUT.exception("SchemaVersionNumber is required when Compatibility is provided.");
        }
        if (checkpoint == null && description == null) {
            throw GlueErrors.INVALID_INPUT.exception("One of Compatibility, Description or SchemaVersionNumber has to be provided.");
        }
        synchronized (lock) {
            SchemaMeta schema = lookup.resolve(ns, ref);
            long newCheckpoint = schema.checkpoint();
            if (checkpoint != null) {
                SchemaVersionMeta version = versions.byNumber(ns, schema, checkpoint);
                if (!version.available()) {
                    throw GlueErrors.INVALID_INPUT.exception("Schema version %d is not AVAILABLE and cannot be the checkpoint.",
                            version.number());
                }
                newCheckpoint = version.number();
            }
            SchemaMeta updated = schema.withSettings(description != null ? description : schema.description(),
                    compatibility != null ? compatibility.name() : schema.compatibility(), newCheckpoint, clock.instant());
            keyspace.put(GlueKeys.schema(ns, schema.registry(), schema.name()), updated);
            return updated;
        }
    }

    /** Deletes the schema with its versions, their metadata and its tags; answers the schema as AWS reports it then, DELETING. */
    public SchemaMeta delete(Namespace ns, SchemaRef ref) {
        synchronized (lock) {
            SchemaMeta schema = lookup.resolve(ns, ref);
            List<String> ids = new ArrayList<>();
            keyspace.scan(GlueKeys.schemaVersions(ns, schema.registry(), schema.name()), null, e -> {
                ids.add(e.value(SchemaVersionMeta.class).id());
                return true;
            });
            keyspace.write(b -> {
                b.delete(GlueKeys.schema(ns, schema.registry(), schema.name()))
                        .deletePrefix(GlueKeys.schemaVersions(ns, schema.registry(), schema.name()));
                Tags.detach(b, ns, Tags.resource("schema", schema.registry(), schema.name()));
                for (String id : ids) {
                    b.delete(GlueKeys.schemaVersionId(ns, id)).deletePrefix(GlueKeys.versionMetadata(ns, id));
                }
            });
            return schema.withStatus(SchemaMeta.DELETING);
        }
    }
}
