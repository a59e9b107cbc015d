package io.tarn.glue.engine.registry;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Entry;
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
 * Schema registries per account and region, including the "default-registry" AWS creates on first use.
 * Deleting one answers DELETING and removes it with its schemas, versions and their metadata at once.
 */
public final class Registries {

    /** The registry CreateSchema uses when it names none, created then if absent. */
    public static final String DEFAULT_REGISTRY = "default-registry";

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Object lock;

    Registries(Keyspace keyspace, EmulatorClock clock, Object lock) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.lock = lock;
    }

    public RegistryMeta create(Namespace ns, @Nullable String name, @Nullable String description,
            @Nullable Map<String, String> tags) {
        String registryName = RegistryLimits.name(name, "registryName");
        RegistryLimits.description(description);
        if (tags != null) {
            Tags.check(tags, "tags");
        }
        synchronized (lock) {
            if (find(ns, registryName) != null) {
                throw GlueErrors.ALREADY_EXISTS.exception("Registry already exists. RegistryName: %s", registryName);
            }
            return insert(ns, registryName, description, tags);
        }
    }

    /** The registry a RegistryId names (by name or by ARN, exactly one of them). */
    public RegistryMeta get(Namespace ns, @Nullable String name, @Nullable String arn) {
        String registryName = resolve(ns, name, arn);
        RegistryMeta registry = find(ns, registryName);
        if (registry == null) {
            throw notFound(registryName);
        }
        return registry;
    }

    /** Null when the registry exists, else its not-found error: how Tags finds a registry by ARN. */
    public @Nullable AwsException missing(Namespace ns, String name) {
        return find(ns, name) == null ? notFound(name) : null;
    }

    public Page<RegistryMeta> list(Namespace ns, @Nullable String after, int limit) {
        return Listing.page(keyspace, GlueKeys.registries(ns), after, limit, e -> e.value(RegistryMeta.class));
    }

    public RegistryMeta update(Namespace ns, @Nullable String name, @Nullable String arn, @Nullable String description) {
        RegistryLimits.required(description, "description");
        RegistryLimits.description(description);
        synchronized (lock) {
            RegistryMeta updated = get(ns, name, arn).withDescription(description, clock.instant());
            keyspace.put(GlueKeys.registry(ns, updated.name()), updated);
            return updated;
        }
    }

    /** Deletes the registry with everything in it, tags included; the answer is the registry as AWS reports it then, DELETING. */
    public RegistryMeta delete(Namespace ns, @Nullable String name, @Nullable String arn) {
        synchronized (lock) {
            RegistryMeta registry = get(ns, name, arn);
            List<String> schemaNames = new ArrayList<>();
            keyspace.scan(GlueKeys.schemas(ns, registry.name()), null, e -> {
                schemaNames.add(e.value(SchemaMeta.class).name());
                return true;
            });
            List<String> versionIds = new ArrayList<>();
            keyspace.scan(GlueKeys.registryVersions(ns, registry.name()), null, e -> {
                versionIds.add(e.value(SchemaVersionMeta.class).id());
                return true;
            });
            keyspace.write(b -> {
                b.delete(GlueKeys.registry(ns, registry.name()))
                        .deletePrefix(GlueKeys.schemas(ns, registry.name()))
                        .deletePrefix(GlueKeys.registryVersions(ns, registry.name()));
                for (String id : versionIds) {
                    b.delete(GlueKeys.schemaVersionId(ns, id)).deletePrefix(GlueKeys.versionMetadata(ns, id));
                }
                Tags.detach(b, ns, Tags.resource("registry", registry.name()));
                schemaNames.forEach(schema -> Tags.detach(b, ns, Tags.resource("schema", registry.name(), schema)));
            });
            return registry.withStatus(RegistryMeta.DELETING);
        }
    }

    /** The registry a schema is created in: the one named, or the default one, created now if absent. Under the lock. */
    RegistryMeta forNewSchema(Namespace ns, @Nullable String name, @Nullable String arn) {
        if (name == null && arn == null) {
            name = DEFAULT_REGISTRY;
        }
        String registryName = resolve(ns, name, arn);
        RegistryMeta registry = find(ns, registryName);
        if (registry == null && registryName.equals(DEFAULT_REGISTRY)) {
            return insert(ns, DEFAULT_REGISTRY, null, null);
        }
        if (registry == null) {
            throw notFound(registryName);
        }
        return registry;
    }

    /** The name a RegistryId gives: exactly one of name and ARN. */
    static String resolve(Namespace ns, @Nullable String name, @Nullable String arn) {
        if ((name == null) == (arn == null)) {
            throw GlueErrors.INVALID_INPUT.exception("One of RegistryName or RegistryArn has to be provided, both cannot be provided.");
        }
        return name != null ? RegistryLimits.name(name, "registryId.registryName") : SchemaArns.registryName(ns, arn);
    }

    @Nullable RegistryMeta find(Namespace ns, String name) {
        return keyspace.get(GlueKeys.registry(ns, name), RegistryMeta.class).orElse(null);
    }

    private RegistryMeta insert(Namespace ns, String name, @Nullable String description, @Nullable Map<String, String> tags) {
        int[] count = {0};
        keyspace.scan(GlueKeys.registries(ns), null, (Entry e) -> ++count[0] < RegistryLimits.MAX_REGISTRIES);
        if (count[0] >= RegistryLimits.MAX_REGISTRIES) {
            throw GlueErrors.RESOURCE_NUMBER_LIMIT_EXCEEDED.exception(
                    "More registries cannot be created. Maximum limit of %d reached.", RegistryLimits.MAX_REGISTRIES);
        }
        Instant now = clock.instant();
        RegistryMeta registry = new RegistryMeta(name, description, RegistryMeta.AVAILABLE, now, now);
        keyspace.write(b -> {
            Tags.attach(b, ns, Tags.resource("registry", name), tags);
            b.put(GlueKeys.registry(ns, name), registry);
        });
        return registry;
    }

    static AwsException notFound(String name) {
        return GlueErrors.ENTITY_NOT_FOUND.exception("Registry is not found. RegistryName: %s", name);
    }
}
