package io.tarn.glue.engine.crawler;

import io.tarn.glue.engine.classifier.FileSchema;
import java.time.Instant;

/** An object of a crawl with the schema its classifier found (or its folder's sampled objects found). */
public record ClassifiedObject(String key, long size, Instant lastModified, FileSchema schema) {}
