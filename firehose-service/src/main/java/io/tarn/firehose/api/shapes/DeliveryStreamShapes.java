package io.tarn.firehose.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.firehose.engine.streams.Tags;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The wire shapes of the control plane's operations, with Firehose's member names. Sources and
 * destinations stay JSON documents: the engine checks them member by member against the model
 * and stores the description AWS answers.
 */
public final class DeliveryStreamShapes {

    private DeliveryStreamShapes() {}

    /** A tag on the wire. */
    public record Tag(@JsonProperty("Key") @Nullable String key, @JsonProperty("Value") @Nullable String value) {

        public Tags.Tag toEngine() {
            return new Tags.Tag(key, value);
        }
    }

    public record CreateDeliveryStreamInput(
            @JsonProperty("DeliveryStreamName") @Nullable String deliveryStreamName,
            @JsonProperty("DeliveryStreamType") @Nullable String deliveryStreamType,
            @JsonProperty("DirectPutSourceConfiguration") @Nullable ObjectNode directPutSourceConfiguration,
            @JsonProperty("KinesisStreamSourceConfiguration") @Nullable ObjectNode kinesisStreamSourceConfiguration,
            @JsonProperty("DeliveryStreamEncryptionConfigurationInput") @Nullable ObjectNode encryptionInput,
            @JsonProperty("S3DestinationConfiguration") @Nullable JsonNode s3,
            @JsonProperty("ExtendedS3DestinationConfiguration") @Nullable JsonNode extendedS3,
            @JsonProperty("HttpEndpointDestinationConfiguration") @Nullable JsonNode httpEndpoint,
            @JsonProperty("RedshiftDestinationConfiguration") @Nullable JsonNode redshift,
            @JsonProperty("ElasticsearchDestinationConfiguration") @Nullable JsonNode elasticsearch,
            @JsonProperty("AmazonopensearchserviceDestinationConfiguration") @Nullable JsonNode openSearch,
            @JsonProperty("SplunkDestinationConfiguration") @Nullable JsonNode splunk,
            @JsonProperty("AmazonOpenSearchServerlessDestinationConfiguration") @Nullable JsonNode openSearchServerless,
            @JsonProperty("SnowflakeDestinationConfiguration") @Nullable JsonNode snowflake,
            @JsonProperty("IcebergDestinationConfiguration") @Nullable JsonNode iceberg,
            @JsonProperty("MSKSourceConfiguration") @Nullable JsonNode mskSource,
            @JsonProperty("DatabaseSourceConfiguration") @Nullable JsonNode databaseSource,
            @JsonProperty("Tags") @Nullable List<Tag> tags) {}

    public record CreateDeliveryStreamOutput(@JsonProperty("DeliveryStreamARN") String deliveryStreamArn) {}

    public record DescribeDeliveryStreamInput(
            @JsonProperty("DeliveryStreamName") @Nullable String deliveryStreamName,
            @JsonProperty("Limit") @Nullable Integer limit,
            @JsonProperty("ExclusiveStartDestinationId") @Nullable String exclusiveStartDestinationId) {}

    public record DescribeDeliveryStreamOutput(
            @JsonProperty("DeliveryStreamDescription") DeliveryStreamDescription deliveryStreamDescription) {}

    public record DeliveryStreamDescription(
            @JsonProperty("DeliveryStreamName") String deliveryStreamName,
            @JsonProperty("DeliveryStreamARN") String deliveryStreamArn,
            @JsonProperty("DeliveryStreamStatus") String deliveryStreamStatus,
            @JsonProperty("FailureDescription") @Nullable FailureDescription failureDescription,
            @JsonProperty("DeliveryStreamEncryptionConfiguration") EncryptionConfiguration encryption,
            @JsonProperty("DeliveryStreamType") String deliveryStreamType,
            @JsonProperty("VersionId") String versionId,
            @JsonProperty("CreateTimestamp") Instant createTimestamp,
            @JsonProperty("LastUpdateTimestamp") @Nullable Instant lastUpdateTimestamp,
            @JsonProperty("Source") @Nullable ObjectNode source,
            @JsonProperty("Destinations") List<ObjectNode> destinations,
            @JsonProperty("HasMoreDestinations") boolean hasMoreDestinations) {}

    public record FailureDescription(@JsonProperty("Type") String type, @JsonProperty("Details") String details) {}

    public record EncryptionConfiguration(
            @JsonProperty("KeyARN") @Nullable String keyArn,
            @JsonProperty("KeyType") @Nullable String keyType,
            @JsonProperty("Status") String status) {}

    public record ListDeliveryStreamsInput(
            @JsonProperty("Limit") @Nullable Integer limit,
            @JsonProperty("DeliveryStreamType") @Nullable String deliveryStreamType,
            @JsonProperty("ExclusiveStartDeliveryStreamName") @Nullable String exclusiveStartDeliveryStreamName) {}

    public record ListDeliveryStreamsOutput(
            @JsonProperty("DeliveryStreamNames") List<String> deliveryStreamNames,
            @JsonProperty("HasMoreDeliveryStreams") boolean hasMoreDeliveryStreams) {}

    public record DeleteDeliveryStreamInput(
            @JsonProperty("DeliveryStreamName") @Nullable String deliveryStreamName,
            @JsonProperty("AllowForceDelete") @Nullable Boolean allowForceDelete) {}

    public record UpdateDestinationInput(
            @JsonProperty("DeliveryStreamName") @Nullable String deliveryStreamName,
            @JsonProperty("CurrentDeliveryStreamVersionId") @Nullable String currentDeliveryStreamVersionId,
            @JsonProperty("DestinationId") @Nullable String destinationId,
            @JsonProperty("S3DestinationUpdate") @Nullable JsonNode s3,
            @JsonProperty("ExtendedS3DestinationUpdate") @Nullable JsonNode extendedS3,
            @JsonProperty("HttpEndpointDestinationUpdate") @Nullable JsonNode httpEndpoint,
            @JsonProperty("RedshiftDestinationUpdate") @Nullable JsonNode redshift,
            @JsonProperty("ElasticsearchDestinationUpdate") @Nullable JsonNode elasticsearch,
            @JsonProperty("AmazonopensearchserviceDestinationUpdate") @Nullable JsonNode openSearch,
            @JsonProperty("SplunkDestinationUpdate") @Nullable JsonNode splunk,
            @JsonProperty("AmazonOpenSearchServerlessDestinationUpdate") @Nullable JsonNode openSearchServerless,
            @JsonProperty("SnowflakeDestinationUpdate") @Nullable JsonNode snowflake,
            @JsonProperty("IcebergDestinationUpdate") @Nullable JsonNode iceberg) {}

    public record TagDeliveryStreamInput(
            @JsonProperty("DeliveryStreamName") @Nullable String deliveryStreamName,
            @JsonProperty("Tags") @Nullable List<Tag> tags) {}

    public record UntagDeliveryStreamInput(
            @JsonProperty("DeliveryStreamName") @Nullable String deliveryStreamName,
            @JsonProperty("TagKeys") @Nullable List<String> tagKeys) {}

    public record ListTagsForDeliveryStreamInput(
            @JsonProperty("DeliveryStreamName") @Nullable String deliveryStreamName,
            @JsonProperty("ExclusiveStartTagKey") @Nullable String exclusiveStartTagKey,
            @JsonProperty("Limit") @Nullable Integer limit) {}

    public record ListTagsForDeliveryStreamOutput(
            @JsonProperty("Tags") List<Tag> tags,
            @JsonProperty("HasMoreTags") boolean hasMoreTags) {}

    public record StartDeliveryStreamEncryptionInput(
            @JsonProperty("DeliveryStreamName") @Nullable String deliveryStreamName,
            @JsonProperty("DeliveryStreamEncryptionConfigurationInput") @Nullable ObjectNode encryptionInput) {}

    public record StopDeliveryStreamEncryptionInput(
            @JsonProperty("DeliveryStreamName") @Nullable String deliveryStreamName) {}
}
