package io.tarn.glue.engine.registry;

import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;

/**
 * The Glue Schema Registry of every account and region, in the glue keyspace. One lock orders its
 * writes, so a schema is never created in a registry being deleted, and two registrations of one
 * schema never get the same version number.
 */
public final class SchemaRegistry {

    private final Registries registries;
    private final Schemas schemas;
    private final SchemaVersions versions;
    private final VersionMetadata metadata;

    public SchemaRegistry(Keyspace keyspace, EmulatorClock clock) {
        Object lock = new Object();
        this.registries = new Registries(keyspace, clock, lock);
        SchemaLookup lookup = new SchemaLookup(keyspace);
        this.versions = new SchemaVersions(keyspace, clock, lock, lookup);
        this.schemas = new Schemas(keyspace, clock, lock, registries, lookup, versions);
        this.metadata = new VersionMetadata(keyspace, clock, lock, versions);
    }

    public Registries registries() {
        return registries;
    }

    public Schemas schemas() {
        return schemas;
    }

    public SchemaVersions versions() {
        return versions;
    }

    public VersionMetadata metadata() {
        return metadata;
    }
}
