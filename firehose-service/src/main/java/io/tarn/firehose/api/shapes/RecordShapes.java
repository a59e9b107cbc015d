package io.tarn.firehose.api.shapes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Wire shapes of PutRecord and PutRecordBatch. */
public final class RecordShapes {

    private RecordShapes() {}

    public record Record(@JsonProperty("Data") byte @Nullable [] data) {}

    public record PutRecordInput(
            @JsonProperty("DeliveryStreamName") @Nullable String deliveryStreamName,
            @JsonProperty("Record") @Nullable Record record) {}

    public record PutRecordOutput(
            @JsonProperty("RecordId") String recordId,
            @JsonProperty("Encrypted") boolean encrypted) {}

    public record PutRecordBatchInput(
            @JsonProperty("DeliveryStreamName") @Nullable String deliveryStreamName,
            @JsonProperty("Records") @Nullable List<Record> records) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PutRecordBatchResponseEntry(
            @JsonProperty("RecordId") @Nullable String recordId,
            @JsonProperty("ErrorCode") @Nullable String errorCode,
            @JsonProperty("ErrorMessage") @Nullable String errorMessage) {}

    public record PutRecordBatchOutput(
            @JsonProperty("FailedPutCount") int failedPutCount,
            @JsonProperty("Encrypted") boolean encrypted,
            @JsonProperty("RequestResponses") List<PutRecordBatchResponseEntry> requestResponses) {}
}
