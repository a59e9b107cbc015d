package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A custom classifier as stored: its kind (GrokClassifier, XMLClassifier, JsonClassifier,
 * CsvClassifier), name, the definition members as the client gave them, and its times and version.
 */
public record ClassifierMeta(
        @JsonProperty("kind") String kind,
        @JsonProperty("name") String name,
        @JsonProperty("definition") ObjectNode definition,
        @JsonProperty("creationTime") Instant creationTime,
        @JsonProperty("lastUpdated") Instant lastUpdated,
        @JsonProperty("version") long version) {}
