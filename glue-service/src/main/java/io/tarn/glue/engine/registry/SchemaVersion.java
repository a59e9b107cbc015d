package io.tarn.glue.engine.registry;

import io.tarn.glue.model.registry.SchemaMeta;
import io.tarn.glue.model.registry.SchemaVersionMeta;

/** A version with the schema it belongs to (its format, latest version and names). */
public record SchemaVersion(SchemaMeta schema, SchemaVersionMeta version) {

    public boolean latest() {
        return version.number() == schema.latestVersion();
    }
}
