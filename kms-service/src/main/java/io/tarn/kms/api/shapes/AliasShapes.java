package io.tarn.kms.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Wire shapes of the alias operations. */
public final class AliasShapes {

    private AliasShapes() {}

    /** CreateAlias and UpdateAlias take the same members. */
    public record AliasInput(
            @JsonProperty("AliasName") @Nullable String aliasName,
            @JsonProperty("TargetKeyId") @Nullable String targetKeyId) {}

    public record DeleteAliasInput(@JsonProperty("AliasName") @Nullable String aliasName) {}

    public record ListAliasesInput(
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("Limit") @Nullable Integer limit,
            @JsonProperty("Marker") @Nullable String marker) {}

    public record AliasListEntry(
            @JsonProperty("AliasName") String aliasName,
            @JsonProperty("AliasArn") String aliasArn,
            @JsonProperty("TargetKeyId") String targetKeyId,
            @JsonProperty("CreationDate") Instant creationDate,
            @JsonProperty("LastUpdatedDate") Instant lastUpdatedDate) {}

    public record ListAliasesOutput(
            @JsonProperty("Aliases") List<AliasListEntry> aliases,
            @JsonProperty("NextMarker") @Nullable String nextMarker,
            @JsonProperty("Truncated") boolean truncated) {}
}
