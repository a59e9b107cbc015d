package io.tarn.glue.engine.registry;

import org.jspecify.annotations.Nullable;

/** A request's SchemaId: the schema's ARN, or its name with its registry's (the default registry when none). */
public record SchemaRef(@Nullable String schemaArn, @Nullable String schemaName, @Nullable String registryName) {}
