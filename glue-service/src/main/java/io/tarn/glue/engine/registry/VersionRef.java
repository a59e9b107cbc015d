package io.tarn.glue.engine.registry;

import org.jspecify.annotations.Nullable;

/**
 * Which schema version a request means: its SchemaVersionId, or a SchemaId with a SchemaVersionNumber
 * (a number, or LatestVersion).
 */
public record VersionRef(@Nullable String versionId, @Nullable SchemaRef schema, @Nullable Long number, boolean latest) {}
