package io.tarn.glue.engine.registry;

import io.tarn.glue.model.registry.SchemaMeta;
import io.tarn.glue.model.registry.SchemaVersionMeta;
import org.jspecify.annotations.Nullable;

/**
 * What a registration answers: the schema, the version (null when CreateSchema had no definition) and
 * the status to report, PENDING while AWS would still be running the compatibility check.
 */
public record Registered(SchemaMeta schema, @Nullable SchemaVersionMeta version, String reportedStatus) {}
