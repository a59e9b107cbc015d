package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Glue's ConnectionInput: what a client defines of a connection. Nested shapes Tarn does not reason
 * about (PhysicalConnectionRequirements, AuthenticationConfiguration) are kept as sent.
 */
public record ConnectionDefinition(
        @JsonProperty("Name") @Nullable String name,
        @JsonProperty("Description") @Nullable String description,
        @JsonProperty("ConnectionType") @Nullable String connectionType,
        @JsonProperty("MatchCriteria") @Nullable List<String> matchCriteria,
        @JsonProperty("ConnectionProperties") @Nullable Map<String, String> connectionProperties,
        @JsonProperty("SparkProperties") @Nullable Map<String, String> sparkProperties,
        @JsonProperty("AthenaProperties") @Nullable Map<String, String> athenaProperties,
        @JsonProperty("PythonProperties") @Nullable Map<String, String> pythonProperties,
        @JsonProperty("PhysicalConnectionRequirements") @Nullable JsonNode physicalConnectionRequirements,
        @JsonProperty("AuthenticationConfiguration") @Nullable JsonNode authenticationConfiguration) {

    /**
     * AWS's connection schema version: 2 for a connection with compute-environment properties (Spark,
     * Athena, Python), 1 for the classic ones.
     */
    public int schemaVersion() {
        return sparkProperties != null || athenaProperties != null || pythonProperties != null ? 2 : 1;
    }
}
