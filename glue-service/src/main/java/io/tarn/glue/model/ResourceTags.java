package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The tags of one Glue resource as stored, at {@link GlueKeys#tags}. */
public record ResourceTags(@JsonProperty("tags") Map<String, String> tags) {}
