package io.tarn.firehose.engine.convert;

/** A record the deserializer cannot turn into a row of the table's schema: it goes to the error output. */
final class MalformedRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedRecordException(String message) {
        super(message, null, false, false);
    }
}
