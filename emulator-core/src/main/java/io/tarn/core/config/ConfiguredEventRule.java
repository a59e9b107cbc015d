package io.tarn.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A rule of an account's default event bus, from the init file (Tarn has no EventBridge API to
 * create one): the events its pattern matches go to each of its targets.
 *
 * @param account the bus's account; null means the default account
 * @param region the bus's region; null means the default region
 * @param eventPattern an EventBridge event pattern, as a mapping or as JSON text
 * @param targets ARNs: Glue workflows, Kinesis streams, Firehose delivery streams
 */
public record ConfiguredEventRule(
        @JsonProperty("name") String name,
        @JsonProperty("account") @Nullable String account,
        @JsonProperty("region") @Nullable String region,
        @JsonProperty("eventPattern") JsonNode eventPattern,
        @JsonProperty("targets") List<String> targets) {

    public ConfiguredEventRule {
        Objects.requireNonNull(name, "an event rule's name");
        if (eventPattern == null) {
            throw new IllegalArgumentException("event rule " + name + " has no eventPattern");
        }
        targets = targets == null ? List.of() : List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("event rule " + name + " has no targets");
        }
    }
}
