package io.tarn.firehose.engine.convert;

/**
 * A record that could not be converted, with Firehose's error code and message for the
 * {@code format-conversion-failed} error output.
 */
public record FailedRecord(SourceRecord record, String errorCode, String errorMessage) {

    /** Data that is not JSON or does not fit the table's column types. */
    static final String MALFORMED_DATA = "DataFormatConversion.MalformedData";
}
