package io.tarn.firehose.engine.prefix;

/**
 * What {@code !{firehose:error-output-type}} evaluates to: why the records of an error object
 * failed. The same word names the folder of the default error prefix.
 */
public enum ErrorOutputType {
    /** A Lambda processor failed, or answered {@code ProcessingFailed} for the record. */
    PROCESSING_FAILED("processing-failed"),
    /** Dynamic partitioning could not give the record its partition keys, or had no room for a new partition. */
    PARTITIONING_FAILED("partitioning-failed"),
    /** Record format conversion (Parquet, ORC) could not convert the record. */
    FORMAT_CONVERSION_FAILED("format-conversion-failed"),
    /** An HTTP endpoint destination refused the records until its retry duration ran out. */
    HTTP_ENDPOINT_FAILED("http-endpoint-failed");

    private final String value;

    ErrorOutputType(String value) {
        this.value = value;
    }

    /** The word written into object keys. */
    public String value() {
        return value;
    }
}
