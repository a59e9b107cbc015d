package io.tarn.s3.api;

import io.tarn.core.paging.PageTokens;
import io.tarn.s3.S3Errors;

/**
 * S3's continuation tokens (ListObjectsV2, ListBuckets): the core's authenticated page tokens,
 * bound to the listing they were issued for (kind, bucket or account, prefix). An empty, forged,
 * altered or another listing's token is {@code InvalidArgument}, as S3 answers an unknown one.
 */
final class ContinuationTokens {

    private final PageTokens tokens;

    ContinuationTokens(PageTokens tokens) {
        this.tokens = tokens;
    }

    String issue(String scope, String position) {
        return tokens.issue(scope, position);
    }

    /** The position {@code token} carries, if it was issued for {@code scope}. */
    String open(String scope, String token) {
        PageTokens.Position at = token.isEmpty() ? null : tokens.open(scope, token);
        if (at == null) {
            throw S3Errors.INVALID_ARGUMENT.exception("The continuation token provided is incorrect")
                    .with("ArgumentName", "continuation-token").with("ArgumentValue", token);
        }
        return at.value();
    }
}
