package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A trigger as stored: its definition, its state (CREATED, ACTIVATED or DEACTIVATED: Tarn's changes are
 * immediate, so the transitional states are never seen), the next firing of an active schedule, and, for
 * a CONDITIONAL trigger outside a workflow, which of its conditions were met since it last fired (and by which
 * job runs: the PredecessorRuns of the runs it starts).
 */
public record TriggerMeta(
        @JsonProperty("definition") TriggerDefinition definition,
        @JsonProperty("state") String state,
        @JsonProperty("nextRun") @Nullable Instant nextRun,
        @JsonProperty("met") Set<Integer> met,
        @JsonProperty("metRuns") Map<Integer, String> metRuns) {

    public TriggerMeta {
        metRuns = metRuns == null ? Map.of() : Map.copyOf(metRuns); // triggers stored before the runs were kept
    }

    public TriggerMeta(TriggerDefinition definition, String state, @Nullable Instant nextRun, Set<Integer> met) {
        this(definition, state, nextRun, met, Map.of());
    }

    public static final String CREATED = "CREATED";
    public static final String ACTIVATED = "ACTIVATED";
    public static final String DEACTIVATED = "DEACTIVATED";

    public String name() {
        return definition.name();
    }

    public String type() {
        return definition.type();
    }

    public boolean active() {
        return ACTIVATED.equals(state);
    }

    public TriggerMeta with(TriggerDefinition d) {
        return new TriggerMeta(d, state, nextRun, Set.of(), Map.of());
    }

    public TriggerMeta withState(String s, @Nullable Instant next) {
        return new TriggerMeta(definition, s, next, met, metRuns);
    }

    public TriggerMeta withNextRun(@Nullable Instant next) {
        return new TriggerMeta(definition, state, next, met, metRuns);
    }

    /** The conditions met since the trigger last fired, with the job run that met each job condition. */
    public TriggerMeta withMet(Set<Integer> conditions, Map<Integer, String> runs) {
        return new TriggerMeta(definition, state, nextRun, new TreeSet<>(conditions), runs);
    }
}
