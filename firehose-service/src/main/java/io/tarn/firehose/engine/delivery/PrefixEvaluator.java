package io.tarn.firehose.engine.delivery;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Turns a destination's {@code Prefix} into the prefix of one object. The seam where the full
 * expression evaluator (namespaces {@code partitionKeyFromQuery}, {@code partitionKeyFromLambda},
 * error output types) plugs in; {@link SimplePrefixes} is the one delivery uses meanwhile.
 */
public interface PrefixEvaluator {

    /**
     * @param prefix the configured Prefix, null or empty for the default {@code YYYY/MM/dd/HH/}
     * @param openedAt the buffer's open time (UTC)
     * @param partition the buffer's partition key, null without dynamic partitioning
     */
    String evaluate(@Nullable String prefix, Instant openedAt, @Nullable String partition);
}
