package io.tarn.glue.model.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** One metadata key-value pair of a schema version (the key and value are the store key), with when it was put. */
public record MetadataValueMeta(@JsonProperty("created") Instant created) {}
