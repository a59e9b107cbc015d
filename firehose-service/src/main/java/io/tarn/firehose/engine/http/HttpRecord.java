package io.tarn.firehose.engine.http;

import org.jspecify.annotations.Nullable;

/**
 * A record to deliver.
 *
 * @param arrivalMillis when Firehose received it (the error output's {@code arrivalTimestamp})
 * @param dataId the Kinesis sequence number with its sub-sequence ({@code "<seq>.0"}) for a record
 *     read from a Kinesis source, as AWS's error output shows it; null for direct puts
 */
public record HttpRecord(byte[] data, long arrivalMillis, @Nullable String dataId) {}
