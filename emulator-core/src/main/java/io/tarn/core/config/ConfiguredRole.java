package io.tarn.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An IAM role of the init file, assumed through STS AssumeRole: its sessions act with its identity
 * policies (limited by a session policy).
 *
 * @param account its account; null means the default account
 * @param path its path ({@code /app/}); null means {@code /}
 * @param trustPolicy who may assume it (a policy document or a file path, as for policies); null
 *     trusts the role's own account, whose identities then need an identity policy allowing
 *     {@code sts:AssumeRole}
 * @param policies its inline identity-based policies by name, as a user's
 */
public record ConfiguredRole(
        @JsonProperty("name") String name,
        @JsonProperty("account") @Nullable String account,
        @JsonProperty("path") @Nullable String path,
        @JsonProperty("trustPolicy") @Nullable JsonNode trustPolicy,
        @JsonProperty("policies") @Nullable Map<String, JsonNode> policies) {

    public ConfiguredRole {
        Objects.requireNonNull(name, "a role's name");
        policies = policies == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(policies));
    }
}
