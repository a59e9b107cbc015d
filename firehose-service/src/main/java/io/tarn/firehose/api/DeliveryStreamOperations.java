package io.tarn.firehose.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.core.spi.RequestContext;
import io.tarn.firehose.api.shapes.DeliveryStreamShapes;
import io.tarn.firehose.api.shapes.DeliveryStreamShapes.Tag;
import io.tarn.firehose.engine.streams.DeliveryStreamEngine;
import io.tarn.firehose.engine.streams.NewDeliveryStream;
import io.tarn.firehose.engine.streams.RequestChecks;
import io.tarn.firehose.engine.streams.StreamDescriptions;
import io.tarn.firehose.model.DeliveryStreamMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The control plane: delivery streams, their destination, tags and server-side encryption. */
public final class DeliveryStreamOperations {

    private static final String NAME = "deliveryStreamName";

    private final DeliveryStreamEngine streams;

    public DeliveryStreamOperations(DeliveryStreamEngine streams) {
        this.streams = streams;
    }

    public DeliveryStreamShapes.CreateDeliveryStreamOutput createDeliveryStream(RequestContext ctx,
            DeliveryStreamShapes.CreateDeliveryStreamInput in) {
        Map<String, JsonNode> destinations = new LinkedHashMap<>();
        put(destinations, "S3DestinationConfiguration", in.s3());
        put(destinations, "ExtendedS3DestinationConfiguration", in.extendedS3());
        put(destinations, "HttpEndpointDestinationConfiguration", in.httpEndpoint());
        put(destinations, "RedshiftDestinationConfiguration", in.redshift());
        put(destinations, "ElasticsearchDestinationConfiguration", in.elasticsearch());
        put(destinations, "AmazonopensearchserviceDestinationConfiguration", in.openSearch());
        put(destinations, "SplunkDestinationConfiguration", in.splunk());
        put(destinations, "AmazonOpenSearchServerlessDestinationConfiguration", in.openSearchServerless());
        put(destinations, "SnowflakeDestinationConfiguration", in.snowflake());
        put(destinations, "IcebergDestinationConfiguration", in.iceberg());
        List<String> otherSources = new ArrayList<>();
        if (in.mskSource() != null && !in.mskSource().isNull()) {
            otherSources.add("MSKSourceConfiguration");
        }
        if (in.databaseSource() != null && !in.databaseSource().isNull()) {
            otherSources.add("DatabaseSourceConfiguration");
        }
        DeliveryStreamMeta created = streams.create(ctx.namespace(), new NewDeliveryStream(in.deliveryStreamName(), in.deliveryStreamType(),
                in.directPutSourceConfiguration(), in.kinesisStreamSourceConfiguration(), in.encryptionInput(), destinations, otherSources,
                in.tags() == null ? null : in.tags().stream().map(Tag::toEngine).toList()));
        return new DeliveryStreamShapes.CreateDeliveryStreamOutput(created.arn());
    }

    public DeliveryStreamShapes.DescribeDeliveryStreamOutput describeDeliveryStream(RequestContext ctx,
            DeliveryStreamShapes.DescribeDeliveryStreamInput in) {
        int limit = RequestChecks.limit(in.limit(), "limit", 1, 10_000, 10_000);
        if (in.exclusiveStartDestinationId() != null) {
            RequestChecks.destinationId(in.exclusiveStartDestinationId(), "exclusiveStartDestinationId");
        }
        DeliveryStreamMeta m = streams.describe(ctx.namespace(), in.deliveryStreamName());
        long now = streams.now();
        // one destination: listed unless the caller already has it (a start id at or past it)
        List<ObjectNode> destinations = new ArrayList<>();
        String after = in.exclusiveStartDestinationId();
        if ((after == null || after.compareTo(DeliveryStreamEngine.DESTINATION_ID) < 0) && limit >= 1) {
            destinations.add(StreamDescriptions.destination(m));
        }
        DeliveryStreamMeta.Encryption e = m.encryption();
        String encryptionStatus = e.statusAt(now);
        DeliveryStreamShapes.EncryptionConfiguration encryption = "DISABLED".equals(encryptionStatus)
                ? new DeliveryStreamShapes.EncryptionConfiguration(null, null, encryptionStatus)
                : new DeliveryStreamShapes.EncryptionConfiguration(e.keyArn(), e.keyType(), encryptionStatus);
        DeliveryStreamShapes.FailureDescription failure = m.failure() == null ? null
                : new DeliveryStreamShapes.FailureDescription(m.failure().type(), m.failure().details());
        return new DeliveryStreamShapes.DescribeDeliveryStreamOutput(new DeliveryStreamShapes.DeliveryStreamDescription(m.name(), m.arn(),
                m.statusAt(now).name(), failure, encryption, m.type(), String.valueOf(m.versionId()), Instant.ofEpochMilli(m.createdMillis()),
                m.lastUpdateMillis() == null ? null : Instant.ofEpochMilli(m.lastUpdateMillis()), m.source(), destinations, false));
    }

    public DeliveryStreamShapes.ListDeliveryStreamsOutput listDeliveryStreams(RequestContext ctx,
            DeliveryStreamShapes.ListDeliveryStreamsInput in) {
        int limit = RequestChecks.limit(in.limit(), "limit", 1, 10_000, 10);
        String type = RequestChecks.streamType(in.deliveryStreamType(), "deliveryStreamType");
        String after = RequestChecks.streamName(in.exclusiveStartDeliveryStreamName(), "exclusiveStartDeliveryStreamName", true);
        List<DeliveryStreamMeta> all = streams.list(ctx.namespace(), type, after);
        List<String> names = all.subList(0, Math.min(limit, all.size())).stream().map(DeliveryStreamMeta::name).toList();
        return new DeliveryStreamShapes.ListDeliveryStreamsOutput(names, all.size() > limit);
    }

    public Void deleteDeliveryStream(RequestContext ctx, DeliveryStreamShapes.DeleteDeliveryStreamInput in) {
        RequestChecks.streamName(in.deliveryStreamName(), NAME, false);
        streams.delete(ctx.namespace(), in.deliveryStreamName());
        return null;
    }

    public Void updateDestination(RequestContext ctx, DeliveryStreamShapes.UpdateDestinationInput in) {
        RequestChecks.streamName(in.deliveryStreamName(), NAME, false);
        String version = RequestChecks.versionId(in.currentDeliveryStreamVersionId(), "currentDeliveryStreamVersionId");
        String destinationId = RequestChecks.destinationId(in.destinationId(), "destinationId");
        Map<String, JsonNode> updates = new LinkedHashMap<>();
        put(updates, "S3DestinationUpdate", in.s3());
        put(updates, "ExtendedS3DestinationUpdate", in.extendedS3());
        put(updates, "HttpEndpointDestinationUpdate", in.httpEndpoint());
        put(updates, "RedshiftDestinationUpdate", in.redshift());
        put(updates, "ElasticsearchDestinationUpdate", in.elasticsearch());
        put(updates, "AmazonopensearchserviceDestinationUpdate", in.openSearch());
        put(updates, "SplunkDestinationUpdate", in.splunk());
        put(updates, "AmazonOpenSearchServerlessDestinationUpdate", in.openSearchServerless());
        put(updates, "SnowflakeDestinationUpdate", in.snowflake());
        put(updates, "IcebergDestinationUpdate", in.iceberg());
        streams.updateDestination(ctx.namespace(), in.deliveryStreamName(), version, destinationId, updates);
        return null;
    }

    public Void tagDeliveryStream(RequestContext ctx, DeliveryStreamShapes.TagDeliveryStreamInput in) {
        RequestChecks.streamName(in.deliveryStreamName(), NAME, false);
        List<Tag> tags = in.tags() == null ? List.of() : in.tags();
        streams.tag(ctx.namespace(), in.deliveryStreamName(), tags.stream().map(Tag::toEngine).toList());
        return null;
    }

    public Void untagDeliveryStream(RequestContext ctx, DeliveryStreamShapes.UntagDeliveryStreamInput in) {
        RequestChecks.streamName(in.deliveryStreamName(), NAME, false);
        streams.untag(ctx.namespace(), in.deliveryStreamName(), in.tagKeys() == null ? List.of() : in.tagKeys());
        return null;
    }

    public DeliveryStreamShapes.ListTagsForDeliveryStreamOutput listTagsForDeliveryStream(RequestContext ctx,
            DeliveryStreamShapes.ListTagsForDeliveryStreamInput in) {
        int limit = RequestChecks.limit(in.limit(), "limit", 1, 50, 50);
        DeliveryStreamMeta m = streams.describe(ctx.namespace(), in.deliveryStreamName());
        List<Tag> tags = new ArrayList<>();
        boolean more = false;
        for (Map.Entry<String, String> t : m.tags().entrySet()) {
            if (in.exclusiveStartTagKey() != null && t.getKey().compareTo(in.exclusiveStartTagKey()) <= 0) {
                continue;
            }
            if (tags.size() == limit) {
                more = true;
                break;
            }
            tags.add(new Tag(t.getKey(), t.getValue()));
        }
        return new DeliveryStreamShapes.ListTagsForDeliveryStreamOutput(tags, more);
    }

    public Void startDeliveryStreamEncryption(RequestContext ctx, DeliveryStreamShapes.StartDeliveryStreamEncryptionInput in) {
        RequestChecks.streamName(in.deliveryStreamName(), NAME, false);
        streams.startEncryption(ctx.namespace(), in.deliveryStreamName(), in.encryptionInput());
        return null;
    }

    public Void stopDeliveryStreamEncryption(RequestContext ctx, DeliveryStreamShapes.StopDeliveryStreamEncryptionInput in) {
        RequestChecks.streamName(in.deliveryStreamName(), NAME, false);
        streams.stopEncryption(ctx.namespace(), in.deliveryStreamName());
        return null;
    }

    private static void put(Map<String, JsonNode> members, String name, @Nullable JsonNode value) {
        if (value != null && !value.isNull()) {
            members.put(name, value);
        }
    }
}
