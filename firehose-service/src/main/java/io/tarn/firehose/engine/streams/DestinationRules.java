package io.tarn.firehose.engine.streams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.firehose.FirehoseErrors;

/**
 * What CreateDeliveryStream and UpdateDestination check of an S3 destination beyond its members'
 * shapes: its prefixes' expressions, processors and dynamic partitioning, which delivery
 * ({@code engine/partition}, {@code engine/prefix}) owns and plugs in with
 * {@link DeliveryStreamEngine#useDestinationRules}. {@link #BASIC} checks only what needs no parsing.
 */
@FunctionalInterface
public interface DestinationRules {

    /** Throws AWS's InvalidArgumentException when the destination (its description) is not one AWS accepts. */
    void check(ObjectNode description);

    /** An expression in Prefix needs an ErrorOutputPrefix (AWS cannot evaluate it for failed records otherwise). */
    DestinationRules BASIC = description -> {
        String prefix = S3Destinations.text(description, "Prefix");
        String errorOutputPrefix = S3Destinations.text(description, "ErrorOutputPrefix");
        if (prefix != null && prefix.contains("!{") && (errorOutputPrefix == null || errorOutputPrefix.isEmpty())) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception(
                    "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.");
        }
    };
}
