package io.tarn.firehose.engine.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The records of a failed HTTP endpoint delivery as AWS backs them up to S3: one JSON object per
 * line with {@code attemptsMade}, {@code arrivalTimestamp}, {@code errorCode}, {@code errorMessage},
 * {@code attemptEndingTimestamp}, {@code rawData} (base64) and, for records read from Kinesis,
 * {@code subsequenceNumber} and {@code dataId}; written under the error output type
 * {@value #ERROR_OUTPUT_TYPE}.
 */
public final class HttpEndpointErrorOutput {

    /** What {@code !{firehose:error-output-type}} evaluates to for these records. */
    public static final String ERROR_OUTPUT_TYPE = "http-endpoint-failed";
    private static final JsonFactory JSON = new JsonFactory();

    private HttpEndpointErrorOutput() {}

    /** The error records of {@code records}, which failed as {@code failure} says. */
    public static byte[] of(HttpOutcome.Failed failure, List<HttpRecord> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (HttpRecord r : records) {
                try (JsonGenerator json = JSON.createGenerator(out)) {
                    json.writeStartObject();
                    json.writeNumberField("attemptsMade", failure.attemptsMade());
                    json.writeNumberField("arrivalTimestamp", r.arrivalMillis());
                    json.writeStringField("errorCode", failure.errorCode());
                    json.writeStringField("errorMessage", failure.errorMessage());
                    json.writeNumberField("attemptEndingTimestamp", failure.endedMillis());
                    json.writeFieldName("rawData");
                    json.writeBinary(r.data());
                    if (r.dataId() != null) {
                        json.writeNumberField("subsequenceNumber", 0);
                        json.writeStringField("dataId", r.dataId());
                    }
                    json.writeEndObject();
                }
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
