package io.tarn.glue.api;

import io.tarn.glue.api.shapes.RegistryShapes.SchemaId;
import io.tarn.glue.api.shapes.RegistryShapes.SchemaVersionNumber;
import io.tarn.glue.engine.registry.SchemaRef;
import io.tarn.glue.engine.registry.VersionRef;
import org.jspecify.annotations.Nullable;

/** The Schema Registry's identifying members (SchemaId, SchemaVersionId, SchemaVersionNumber) as the engine's refs. */
final class SchemaIds {

    private SchemaIds() {}

    static SchemaRef of(@Nullable SchemaId id) {
        SchemaId schema = Required.member(id, "schemaId");
        return new SchemaRef(schema.schemaArn(), schema.schemaName(), schema.registryName());
    }

    static VersionRef version(@Nullable SchemaId schema, @Nullable String versionId, @Nullable SchemaVersionNumber number) {
        return new VersionRef(versionId, schema == null ? null : of(schema),
                number == null ? null : number.versionNumber(),
                number != null && Boolean.TRUE.equals(number.latestVersion()));
    }
}
