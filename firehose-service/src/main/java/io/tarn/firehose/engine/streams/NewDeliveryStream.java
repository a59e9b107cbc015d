package io.tarn.firehose.engine.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A CreateDeliveryStream request as the engine checks it: the members of AWS's request, the
 * structures kept as the client's JSON.
 *
 * @param destinations every destination member the request has (supported or not), by its wire name
 * @param otherSources the source members Tarn does not build that the request has ({@code MSKSourceConfiguration}...)
 * @param tags the request's Tags, null when absent
 */
public record NewDeliveryStream(
        @Nullable String name,
        @Nullable String type,
        @Nullable ObjectNode directPutSource,
        @Nullable ObjectNode kinesisSource,
        @Nullable ObjectNode encryption,
        Map<String, JsonNode> destinations,
        List<String> otherSources,
        @Nullable List<Tags.Tag> tags) {}
