package io.tarn.kinesis.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Wire shapes of enhanced fan-out consumers. */
public final class ConsumerShapes {

    private ConsumerShapes() {}

    public record RegisterStreamConsumerInput(
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("ConsumerName") @Nullable String consumerName,
            @JsonProperty("Tags") @Nullable Map<String, String> tags) {}

    public record Consumer(
            @JsonProperty("ConsumerName") String consumerName,
            @JsonProperty("ConsumerARN") String consumerArn,
            @JsonProperty("ConsumerStatus") String consumerStatus,
            @JsonProperty("ConsumerCreationTimestamp") Instant consumerCreationTimestamp) {}

    public record RegisterStreamConsumerOutput(@JsonProperty("Consumer") Consumer consumer) {}

    public record ConsumerInput(
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("ConsumerName") @Nullable String consumerName,
            @JsonProperty("ConsumerARN") @Nullable String consumerArn) {}

    public record ConsumerDescription(
            @JsonProperty("ConsumerName") String consumerName,
            @JsonProperty("ConsumerARN") String consumerArn,
            @JsonProperty("ConsumerStatus") String consumerStatus,
            @JsonProperty("ConsumerCreationTimestamp") Instant consumerCreationTimestamp,
            @JsonProperty("StreamARN") String streamArn) {}

    public record DescribeStreamConsumerOutput(@JsonProperty("ConsumerDescription") ConsumerDescription consumerDescription) {}

    public record ListStreamConsumersInput(
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("NextToken") @Nullable String nextToken,
            @JsonProperty("MaxResults") @Nullable Integer maxResults,
            @JsonProperty("StreamCreationTimestamp") @Nullable Instant streamCreationTimestamp) {}

    public record ListStreamConsumersOutput(
            @JsonProperty("Consumers") List<Consumer> consumers,
            @JsonProperty("NextToken") @Nullable String nextToken) {}
}
