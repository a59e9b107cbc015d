package io.tarn.core.spi;

import io.tarn.core.iam.Policy;
import org.jspecify.annotations.Nullable;

/**
 * Who made a request, as far as the credentials tell.
 *
 * @param accessKeyId the access key that signed the request (empty when unsigned)
 * @param account the account the credentials belong to
 * @param arn the principal's ARN ({@code arn:aws:iam::000000000000:root}, or an assumed role's)
 * @param userId the principal's unique id as GetCallerIdentity reports it
 * @param sessionToken the session token of temporary credentials, else null
 * @param sessionPolicy the session policy the temporary credentials were issued with, compiled; else null
 */
public record Caller(String accessKeyId, String account, String arn, String userId, @Nullable String sessionToken,
        @Nullable Policy sessionPolicy) {

    public Caller(String accessKeyId, String account, String arn, String userId, @Nullable String sessionToken) {
        this(accessKeyId, account, arn, userId, sessionToken, null);
    }

    /** An unsigned request: it has no access key (its account is the default one, for services that need one). */
    public boolean anonymous() {
        return accessKeyId.isEmpty();
    }

    public static Caller root(String accessKeyId, String account) {
        return new Caller(accessKeyId, account, "arn:aws:iam::" + account + ":root", account, null);
    }
}
