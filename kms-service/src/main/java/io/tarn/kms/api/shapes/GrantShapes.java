package io.tarn.kms.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Wire shapes of the grant operations. */
public final class GrantShapes {

    private GrantShapes() {}

    public record GrantConstraints(
            @JsonProperty("EncryptionContextSubset") @Nullable Map<String, String> encryptionContextSubset,
            @JsonProperty("EncryptionContextEquals") @Nullable Map<String, String> encryptionContextEquals) {}

    public record CreateGrantInput(
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("GranteePrincipal") @Nullable String granteePrincipal,
            @JsonProperty("RetiringPrincipal") @Nullable String retiringPrincipal,
            @JsonProperty("Operations") @Nullable List<String> operations,
            @JsonProperty("Constraints") @Nullable GrantConstraints constraints,
            @JsonProperty("GrantTokens") @Nullable List<String> grantTokens,
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("DryRun") @Nullable Boolean dryRun) {}

    public record CreateGrantOutput(@JsonProperty("GrantToken") String grantToken, @JsonProperty("GrantId") String grantId) {}

    public record ListGrantsInput(
            @JsonProperty("Limit") @Nullable Integer limit,
            @JsonProperty("Marker") @Nullable String marker,
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("GrantId") @Nullable String grantId,
            @JsonProperty("GranteePrincipal") @Nullable String granteePrincipal) {}

    public record ListRetirableGrantsInput(
            @JsonProperty("Limit") @Nullable Integer limit,
            @JsonProperty("Marker") @Nullable String marker,
            @JsonProperty("RetiringPrincipal") @Nullable String retiringPrincipal) {}

    public record GrantListEntry(
            @JsonProperty("KeyId") String keyId,
            @JsonProperty("GrantId") String grantId,
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("CreationDate") Instant creationDate,
            @JsonProperty("GranteePrincipal") String granteePrincipal,
            @JsonProperty("RetiringPrincipal") @Nullable String retiringPrincipal,
            @JsonProperty("IssuingAccount") String issuingAccount,
            @JsonProperty("Operations") List<String> operations,
            @JsonProperty("Constraints") @Nullable GrantConstraints constraints) {}

    public record ListGrantsOutput(
            @JsonProperty("Grants") List<GrantListEntry> grants,
            @JsonProperty("NextMarker") @Nullable String nextMarker,
            @JsonProperty("Truncated") boolean truncated) {}

    public record RetireGrantInput(
            @JsonProperty("GrantToken") @Nullable String grantToken,
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("GrantId") @Nullable String grantId,
            @JsonProperty("DryRun") @Nullable Boolean dryRun) {}

    public record RevokeGrantInput(
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("GrantId") @Nullable String grantId,
            @JsonProperty("DryRun") @Nullable Boolean dryRun) {}
}
