package io.tarn.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A long-term access key accepted in strict mode.
 *
 * @param account the account it belongs to; null means the 12-digit rule, else the default account
 */
public record StaticCredential(
        @JsonProperty("accessKeyId") String accessKeyId,
        @JsonProperty("secretAccessKey") String secretAccessKey,
        @JsonProperty("account") @Nullable String account) {

    public StaticCredential {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }
}
