package io.tarn.firehose.model;

import org.jspecify.annotations.Nullable;

/** One delivery attempt as {@code GET /_tarn/firehose/<stream>} shows it: the object written, or the error. */
public record DeliveryRecord(long millis, String incarnation, String bucket, String key, long records, long bytes,
        @Nullable String error) {}
