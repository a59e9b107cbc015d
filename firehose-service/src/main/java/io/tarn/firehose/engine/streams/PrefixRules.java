package io.tarn.firehose.engine.streams;

import io.tarn.firehose.FirehoseErrors;
import org.jspecify.annotations.Nullable;

/**
 * Where CreateDeliveryStream and UpdateDestination check an S3 destination's {@code Prefix} and
 * {@code ErrorOutputPrefix}. The full expression grammar ({@code !{timestamp:...}},
 * {@code !{firehose:...}}, {@code !{partitionKeyFrom...}}) is {@code engine/prefix}'s; until it is
 * plugged in here ({@link DeliveryStreamEngine#usePrefixRules}), {@link #BASIC} checks only what
 * needs no parsing.
 */
@FunctionalInterface
public interface PrefixRules {

    /** Throws AWS's InvalidArgumentException when the pair is not one AWS accepts. */
    void check(@Nullable String prefix, @Nullable String errorOutputPrefix, boolean dynamicPartitioning);

    /** An expression in Prefix needs an ErrorOutputPrefix (AWS cannot evaluate it for failed records otherwise). */
    PrefixRules BASIC = (prefix, errorOutputPrefix, dynamicPartitioning) -> {
        boolean noErrorPrefix = errorOutputPrefix == null || errorOutputPrefix.isEmpty();
        if (prefix != null && prefix.contains("!{") && noErrorPrefix) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception(
                    "ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.");
        }
    };
}
