package io.tarn.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An IAM user of the init file: requests signed with its access key act as
 * {@code arn:aws:iam::ACCOUNT:user/NAME}, with the permissions its identity policies grant.
 *
 * @param account its account; null means the default account
 * @param policies its inline identity-based policies by name: each a policy document (a JSON
 *     object, or its text), or the path of a file holding one, relative to the init file
 */
public record ConfiguredUser(
        @JsonProperty("name") String name,
        @JsonProperty("account") @Nullable String account,
        @JsonProperty("accessKeyId") String accessKeyId,
        @JsonProperty("secretAccessKey") String secretAccessKey,
        @JsonProperty("policies") @Nullable Map<String, JsonNode> policies) {

    public ConfiguredUser {
        Objects.requireNonNull(name, "a user's name");
        Objects.requireNonNull(accessKeyId, "user " + name + ": accessKeyId");
        Objects.requireNonNull(secretAccessKey, "user " + name + ": secretAccessKey");
        policies = policies == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(policies));
    }
}
