package io.tarn.core.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Credentials STS issued (persisted model): valid until {@code expiration} on the emulator clock.
 *
 * @param arn the principal the credentials act as (an assumed role's session ARN, or the caller's)
 * @param userId the unique id GetCallerIdentity reports ({@code AROA...:session} for roles)
 * @param sessionPolicy the session policy (AssumeRole's {@code Policy}) limiting the session, or null
 */
public record TemporaryCredential(
        @JsonProperty("v") int schemaVersion,
        @JsonProperty("accessKeyId") String accessKeyId,
        @JsonProperty("secretAccessKey") String secretAccessKey,
        @JsonProperty("sessionToken") String sessionToken,
        @JsonProperty("expiration") Instant expiration,
        @JsonProperty("account") String account,
        @JsonProperty("arn") String arn,
        @JsonProperty("userId") String userId,
        @JsonProperty("sessionPolicy") @Nullable String sessionPolicy) {}
