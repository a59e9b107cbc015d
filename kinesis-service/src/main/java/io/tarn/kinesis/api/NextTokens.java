package io.tarn.kinesis.api;

import io.tarn.core.paging.PageTokens;
import io.tarn.kinesis.KinesisErrors;

/**
 * Kinesis's NextTokens (ListStreams, ListShards, ListStreamConsumers): the core's authenticated
 * page tokens, refused in another listing, and expired 300 seconds after issue as ListShards documents.
 */
public final class NextTokens {

    private static final long TTL_MILLIS = 300_000;

    private final PageTokens tokens;

    public NextTokens(PageTokens tokens) {
        this.tokens = tokens;
    }

    /** A token resuming the listing {@code scope} after {@code position}, issued at emulator time {@code now}. */
    String issue(String scope, String position, long now) {
        return tokens.issue(scope, position, now);
    }

    /** The position of {@code token}; InvalidArgument if it is not one of {@code scope}'s, ExpiredNextToken after 300 s. */
    String open(String scope, String token, long now) {
        PageTokens.Position at = tokens.open(scope, token);
        if (at == null) {
            throw KinesisErrors.INVALID_ARGUMENT.exception("Invalid NextToken.");
        }
        if (now - at.issuedMillis() > TTL_MILLIS) {
            throw KinesisErrors.EXPIRED_NEXT_TOKEN.exception("The NextToken has expired; tokens are valid for 300 seconds.");
        }
        return at.value();
    }
}
