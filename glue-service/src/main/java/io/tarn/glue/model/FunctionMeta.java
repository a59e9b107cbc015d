package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A user-defined function as stored: its lower-cased name and database, its definition and creation time. */
public record FunctionMeta(
        @JsonProperty("name") String name,
        @JsonProperty("database") String database,
        @JsonProperty("definition") FunctionDefinition definition,
        @JsonProperty("createTime") Instant createTime) {}
