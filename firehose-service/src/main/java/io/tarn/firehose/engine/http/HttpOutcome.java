package io.tarn.firehose.engine.http;

/** How the delivery of one batch of records to an HTTP endpoint ended. */
public sealed interface HttpOutcome {

    String requestId();

    int attemptsMade();

    /** The endpoint answered 200 with a valid response naming the request. */
    record Delivered(String requestId, int attemptsMade) implements HttpOutcome {}

    /**
     * Every attempt failed within the retry duration (or the failure is permanent).
     *
     * @param errorCode AWS's, e.g. {@code HttpEndpoint.DestinationException}
     * @param endedMillis when the last attempt ended (the error output's {@code attemptEndingTimestamp})
     * @param backUp whether the records go to the S3 backup: AWS does not back up a batch the
     *     endpoint refused as too large (413)
     */
    record Failed(String requestId, int attemptsMade, String errorCode, String errorMessage, long endedMillis, boolean backUp)
            implements HttpOutcome {}
}
