package io.tarn.glue.model.registry;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the version with a given SchemaVersionId is kept: ids are unique per account and region. */
public record SchemaVersionRef(
        @JsonProperty("registry") String registry,
        @JsonProperty("schema") String schema,
        @JsonProperty("number") long number) {}
