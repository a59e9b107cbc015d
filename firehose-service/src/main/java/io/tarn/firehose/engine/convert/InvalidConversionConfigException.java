package io.tarn.firehose.engine.convert;

/**
 * A {@code DataFormatConversionConfiguration} or table schema that cannot be used (an unsupported Hive
 * type, a bad timestamp pattern): no record of the batch can be converted, and the delivery reports it.
 */
public final class InvalidConversionConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidConversionConfigException(String message) {
        super(message);
    }

    /** Firehose's error code for it in the error output and the stream's failure description. */
    public String errorCode() {
        return "DataFormatConversion.InvalidSchema";
    }
}
