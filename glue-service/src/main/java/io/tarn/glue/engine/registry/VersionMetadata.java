package io.tarn.glue.engine.registry;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.registry.MetadataValueMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Metadata of schema versions: key-value pairs (a key may have several values), at most ten per
 * version, put, removed and queried.
 */
public final class VersionMetadata {

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Object lock;
    private final SchemaVersions versions;

    VersionMetadata(Keyspace keyspace, EmulatorClock clock, Object lock, SchemaVersions versions) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.lock = lock;
        this.versions = versions;
    }

    /** One value of a key, when it was put. */
    public record Value(String value, Instant created) {}

    public SchemaVersion put(Namespace ns, VersionRef ref, @Nullable String key, @Nullable String value) {
        String k = RegistryLimits.metadata(key, "metadataKeyValue.metadataKey", 128);
        String v = RegistryLimits.metadata(value, "metadataKeyValue.metadataValue", 256);
        synchronized (lock) {
            SchemaVersion version = versions.get(ns, ref);
            String id = version.version().id();
            if (keyspace.get(GlueKeys.versionMetadata(ns, id, k, v)) != null) {
                throw GlueErrors.ALREADY_EXISTS.exception("Metadata key value pair already exists. MetadataKey: %s", k);
            }
            int[] count = {0};
            keyspace.scan(GlueKeys.versionMetadata(ns, id), null, e -> ++count[0] < RegistryLimits.MAX_METADATA_PER_VERSION);
            if (count[0] >= RegistryLimits.MAX_METADATA_PER_VERSION) {
                throw GlueErrors.RESOURCE_NUMBER_LIMIT_EXCEEDED.exception(
                        "More metadata key value pairs cannot be added. Maximum limit of %d reached.",
                        RegistryLimits.MAX_METADATA_PER_VERSION);
            }
            keyspace.put(GlueKeys.versionMetadata(ns, id, k, v), new MetadataValueMeta(clock.instant()));
            return version;
        }
    }

    public SchemaVersion remove(Namespace ns, VersionRef ref, @Nullable String key, @Nullable String value) {
        String k = RegistryLimits.metadata(key, "metadataKeyValue.metadataKey", 128);
        String v = RegistryLimits.metadata(value, "metadataKeyValue.metadataValue", 256);
        synchronized (lock) {
            SchemaVersion version = versions.get(ns, ref);
            if (keyspace.get(GlueKeys.versionMetadata(ns, version.version().id(), k, v)) == null) {
                throw GlueErrors.ENTITY_NOT_FOUND.exception("Metadata key value pair is not found. MetadataKey: %s", k);
            }
            keyspace.delete(GlueKeys.versionMetadata(ns, version.version().id(), k, v));
            return version;
        }
    }

    /**
     * The version's metadata by key (newest value first), keeping only the pairs {@code filters} match
     * (a filter without a value matches every value of its key); none means all.
     */
    public Map<String, List<Value>> query(Namespace ns, SchemaVersion version, List<Filter> filters) {
        Map<String, List<Value>> byKey = new LinkedHashMap<>();
        keyspace.scan(GlueKeys.versionMetadata(ns, version.version().id()), null, e -> {
            List<Object> parts = e.key().parts();
            String key = (String) parts.get(parts.size() - 2);
            String value = (String) parts.get(parts.size() - 1);
            if (filters.isEmpty() || filters.stream().anyMatch(f -> f.matches(key, value))) {
                byKey.computeIfAbsent(key, x -> new ArrayList<>())
                        .add(new Value(value, e.value(MetadataValueMeta.class).created()));
            }
            return true;
        });
        byKey.values().forEach(values -> values.sort(Comparator.comparing(Value::created).reversed()));
        return byKey;
    }

    /** A MetadataList entry of QuerySchemaVersionMetadata. */
    public record Filter(@Nullable String key, @Nullable String value) {

        boolean matches(String k, String v) {
            return (key == null || key.equals(k)) && (value == null || value.equals(v));
        }
    }
}
