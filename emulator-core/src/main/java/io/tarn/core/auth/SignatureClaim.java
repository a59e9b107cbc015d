package io.tarn.core.auth;

import org.jspecify.annotations.Nullable;

/**
 * What a request claims about who signed it: SigV4 (every service) or SigV2 (S3's legacy
 * {@code AWS key:signature} header and query form). Nothing here is verified yet.
 */
public sealed interface SignatureClaim permits SigV4Signature, SigV2Signature {

    String accessKeyId();

    /** X-Amz-Security-Token, from the header or the query. */
    @Nullable String sessionToken();

    /** Whether the signature came in the URL's query (a presigned URL), which then expires. */
    boolean presigned();
}
