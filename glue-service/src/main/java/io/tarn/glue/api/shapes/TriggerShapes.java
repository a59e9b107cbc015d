package io.tarn.glue.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tarn.glue.model.TriggerDefinition;
import io.tarn.glue.model.TriggerMeta;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The trigger operations' wire shapes (CreateTrigger's input is {@link TriggerDefinition} itself). */
public final class TriggerShapes {

    private TriggerShapes() {}

    public record Trigger(
            @JsonProperty("Name") String name,
            @JsonProperty("WorkflowName") @Nullable String workflowName,
            @JsonProperty("Type") String type,
            @JsonProperty("State") String state,
            @JsonProperty("Description") @Nullable String description,
            @JsonProperty("Schedule") @Nullable String schedule,
            @JsonProperty("Actions") List<TriggerDefinition.Action> actions,
            @JsonProperty("Predicate") TriggerDefinition.@Nullable Predicate predicate,
            @JsonProperty("EventBatchingCondition") TriggerDefinition.@Nullable EventBatchingCondition eventBatchingCondition) {

        public static Trigger of(TriggerMeta t) {
            TriggerDefinition d = t.definition();
            return new Trigger(d.name(), d.workflowName(), d.type(), t.state(), d.description(), d.schedule(), d.actionList(),
                    d.predicate(), d.eventBatchingCondition());
        }
    }

    public record NameInput(@JsonProperty("Name") @Nullable String name) {}

    public record NameOutput(@JsonProperty("Name") @Nullable String name) {}

    public record GetTriggerOutput(@JsonProperty("Trigger") Trigger trigger) {}

    public record GetTriggersInput(
            @JsonProperty("NextToken") @Nullable String nextToken,
            @JsonProperty("DependentJobName") @Nullable String dependentJobName,
            @JsonProperty("MaxResults") @Nullable Integer maxResults) {}

    public record GetTriggersOutput(
            @JsonProperty("Triggers") List<Trigger> triggers,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record ListTriggersInput(
            @JsonProperty("NextToken") @Nullable String nextToken,
            @JsonProperty("DependentJobName") @Nullable String dependentJobName,
            @JsonProperty("MaxResults") @Nullable Integer maxResults,
            @JsonProperty("Tags") @Nullable Map<String, String> tags) {}

    public record ListTriggersOutput(
            @JsonProperty("TriggerNames") List<String> triggerNames,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record BatchGetTriggersInput(@JsonProperty("TriggerNames") @Nullable List<String> triggerNames) {}

    public record BatchGetTriggersOutput(
            @JsonProperty("Triggers") List<Trigger> triggers,
            @JsonProperty("TriggersNotFound") List<String> triggersNotFound) {}

    public record UpdateTriggerInput(
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("TriggerUpdate") TriggerDefinition.@Nullable Update triggerUpdate) {}
}
