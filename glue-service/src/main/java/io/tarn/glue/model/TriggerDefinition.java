package io.tarn.glue.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a client defines of a trigger: CreateTrigger's request, stored (without its tags, which live with
 * {@link io.tarn.glue.engine.Tags}) as the trigger's definition. Every member is one the trigger engine
 * reasons about (type, schedule, predicate, actions), so all are typed.
 */
public record TriggerDefinition(
        @JsonProperty("Name") @Nullable String name,
        @JsonProperty("WorkflowName") @Nullable String workflowName,
        @JsonProperty("Type") @Nullable String type,
        @JsonProperty("Schedule") @Nullable String schedule,
        @JsonProperty("Predicate") @Nullable Predicate predicate,
        @JsonProperty("Actions") @Nullable List<Action> actions,
        @JsonProperty("Description") @Nullable String description,
        @JsonProperty("StartOnCreation") @Nullable Boolean startOnCreation,
        @JsonProperty("Tags") @Nullable Map<String, String> tags,
        @JsonProperty("EventBatchingCondition") @Nullable EventBatchingCondition eventBatchingCondition) {

    public static final String ON_DEMAND = "ON_DEMAND";
    public static final String SCHEDULED = "SCHEDULED";
    public static final String CONDITIONAL = "CONDITIONAL";
    public static final String EVENT = "EVENT";

    /** A job run or a crawl the trigger starts. */
    public record Action(
            @JsonProperty("JobName") @Nullable String jobName,
            @JsonProperty("Arguments") @Nullable Map<String, String> arguments,
            @JsonProperty("Timeout") @Nullable Integer timeout,
            @JsonProperty("SecurityConfiguration") @Nullable String securityConfiguration,
            @JsonProperty("NotificationProperty") @Nullable NotificationProperty notificationProperty,
            @JsonProperty("CrawlerName") @Nullable String crawlerName) {}

    public record NotificationProperty(@JsonProperty("NotifyDelayAfter") @Nullable Integer notifyDelayAfter) {}

    /** When a CONDITIONAL trigger fires: {@code Logical} AND (the default) or ANY over its conditions. */
    public record Predicate(
            @JsonProperty("Logical") @Nullable String logical,
            @JsonProperty("Conditions") @Nullable List<Condition> conditions) {

        public static final String AND = "AND";
        public static final String ANY = "ANY";

        public boolean any() {
            return ANY.equals(logical);
        }
    }

    /** A job run reaching {@code State}, or a crawl ending in {@code CrawlState}. */
    public record Condition(
            @JsonProperty("LogicalOperator") @Nullable String logicalOperator,
            @JsonProperty("JobName") @Nullable String jobName,
            @JsonProperty("State") @Nullable String state,
            @JsonProperty("CrawlerName") @Nullable String crawlerName,
            @JsonProperty("CrawlState") @Nullable String crawlState) {}

    public record EventBatchingCondition(
            @JsonProperty("BatchSize") @Nullable Integer batchSize,
            @JsonProperty("BatchWindow") @Nullable Integer batchWindow) {}

    /** TriggerUpdate's members replace this definition's; a null member keeps the current one. */
    public TriggerDefinition updatedBy(Update u) {
        return new TriggerDefinition(name, workflowName, type, u.schedule() != null ? u.schedule() : schedule,
                u.predicate() != null ? u.predicate() : predicate, u.actions() != null ? u.actions() : actions,
                u.description() != null ? u.description() : description, startOnCreation, null,
                u.eventBatchingCondition() != null ? u.eventBatchingCondition() : eventBatchingCondition);
    }

    public TriggerDefinition withoutTags() {
        return new TriggerDefinition(name, workflowName, type, schedule, predicate, actions, description, startOnCreation, null,
                eventBatchingCondition);
    }

    public List<Action> actionList() {
        return actions == null ? List.of() : actions;
    }

    public List<Condition> conditionList() {
        return predicate == null || predicate.conditions() == null ? List.of() : predicate.conditions();
    }

    /** UpdateTrigger's TriggerUpdate. */
    public record Update(
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("Description") @Nullable String description,
            @JsonProperty("Schedule") @Nullable String schedule,
            @JsonProperty("Actions") @Nullable List<Action> actions,
            @JsonProperty("Predicate") @Nullable Predicate predicate,
            @JsonProperty("EventBatchingCondition") @Nullable EventBatchingCondition eventBatchingCondition) {}
}
