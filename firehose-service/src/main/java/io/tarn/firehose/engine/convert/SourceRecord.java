package io.tarn.firehose.engine.convert;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A record as delivery hands it to the converter.
 *
 * @param data the record's bytes as put (or as a processor returned them)
 * @param arrival when Firehose accepted it
 * @param sequenceNumber the Kinesis sequence number of a record read from a stream, null for a direct put
 * @param subSequenceNumber its place in a KPL-aggregated Kinesis record, null when not aggregated
 */
public record SourceRecord(byte[] data, Instant arrival, @Nullable String sequenceNumber, @Nullable Long subSequenceNumber) {

    public static SourceRecord direct(byte[] data, Instant arrival) {
        return new SourceRecord(data, arrival, null, null);
    }
}
