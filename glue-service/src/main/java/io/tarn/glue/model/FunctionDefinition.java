package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/** Glue's UserDefinedFunctionInput, with ResourceUris kept as sent. */
public record FunctionDefinition(
        @JsonProperty("FunctionName") @Nullable String functionName,
        @JsonProperty("ClassName") @Nullable String className,
        @JsonProperty("OwnerName") @Nullable String ownerName,
        @JsonProperty("FunctionType") @Nullable String functionType,
        @JsonProperty("OwnerType") @Nullable String ownerType,
        @JsonProperty("ResourceUris") @Nullable JsonNode resourceUris) {}
