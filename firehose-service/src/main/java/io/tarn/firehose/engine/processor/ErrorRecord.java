package io.tarn.firehose.engine.processor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonFactory;
import io.tarn.firehose.engine.prefix.ErrorOutputType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record Firehose could not deliver, as it writes it under the ErrorOutputPrefix: one JSON
 * object per line ({@code attemptsMade}, {@code arrivalTimestamp}, {@code errorCode},
 * {@code errorMessage}, {@code attemptEndingTimestamp}, {@code rawData} base64, and
 * {@code lambdaArn} when a Lambda processor failed), timestamps in epoch milliseconds.
 *
 * @param type the {@code !{firehose:error-output-type}} of the object it goes into
 */
public record ErrorRecord(
        ErrorOutputType type,
        int attemptsMade,
        Instant arrival,
        String errorCode,
        String errorMessage,
        Instant attemptEnding,
        byte[] rawData,
        @Nullable String lambdaArn) {

    private static final JsonFactory JSON = new JsonFactory();

    public ErrorRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(rawData, "rawData");
    }

    /** The line written into the error object, newline included. */
    public byte[] toJsonLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rawData.length * 4 / 3 + 256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("attemptsMade", attemptsMade);
            g.writeNumberField("arrivalTimestamp", arrival.toEpochMilli());
            g.writeStringField("errorCode", errorCode);
            g.writeStringField("errorMessage", errorMessage);
            g.writeNumberField("attemptEndingTimestamp", attemptEnding.toEpochMilli());
            g.writeStringField("rawData", java.util.Base64.getEncoder().encodeToString(rawData));
            if (lambdaArn != null) {
                g.writeStringField("lambdaArn", lambdaArn);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }
}
