package io.tarn.glue.engine.triggers;

import io.tarn.core.error.AwsException;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.engine.Tags;
import io.tarn.glue.engine.crawler.GlueCron;
import io.tarn.glue.model.TriggerDefinition;
import io.tarn.glue.model.TriggerDefinition.Action;
import io.tarn.glue.model.TriggerDefinition.Condition;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The checks a trigger definition passes before it is stored, as the model (lengths, enums, BatchSize
 * 1-100, BatchWindow 1-900, at most 500 conditions) and the developer guide ("Job and crawler states a
 * trigger can listen for": SUCCEEDED, STOPPED, FAILED, TIMEOUT; crawls SUCCEEDED, FAILED, CANCELLED)
 * state them; whether the jobs, crawlers and workflow named exist is {@link Triggers}' to check.
 */
final class TriggerRules {

    static final int MAX_NAME = 255;
    static final int MAX_DESCRIPTION = 2048;
    static final int MAX_CONDITIONS = 500;
    private static final Set<String> TYPES = Set.of(TriggerDefinition.ON_DEMAND, TriggerDefinition.SCHEDULED,
            TriggerDefinition.CONDITIONAL, TriggerDefinition.EVENT);
    private static final Set<String> JOB_STATES = Set.of("SUCCEEDED", "STOPPED", "FAILED", "TIMEOUT");
    private static final Set<String> CRAWL_STATES = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
    private static final Pattern SINGLE_LINE = Pattern.compile("[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*");

    private TriggerRules() {}

    /** A NameString (trigger, job, crawler or workflow name), as the model constrains it. */
    static String name(@Nullable String name, String field) {
        if (name == null) {
            throw required(field);
        }
        if (name.isEmpty() || name.length() > MAX_NAME || !SINGLE_LINE.matcher(name).matches()) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]* "
                    + "and have length between 1 and %d", name, field, MAX_NAME);
        }
        return name;
    }

    /** A whole definition (CreateTrigger's, or a trigger updated by a TriggerUpdate). */
    static TriggerDefinition checked(TriggerDefinition d) {
        name(d.name(), "name");
        if (d.workflowName() != null) {
            name(d.workflowName(), "workflowName");
        }
        if (d.type() == null) {
            throw required("type");
        }
        if (!TYPES.contains(d.type())) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'type' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [SCHEDULED, CONDITIONAL, ON_DEMAND, EVENT]", d.type());
        }
        if (d.actions() == null) {
            throw required("actions");
        }
        if (d.actions().isEmpty()) {
            throw GlueErrors.INVALID_INPUT.exception("A trigger must have at least one action");
        }
        if (d.description() != null && d.description().length() > MAX_DESCRIPTION) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value at 'description' failed to satisfy constraint: "
                    + "Member must have length less than or equal to %d", MAX_DESCRIPTION);
        }
        if (d.tags() != null) {
            Tags.check(d.tags(), "tags");
        }
        String type = d.type();
        boolean scheduled = type.equals(TriggerDefinition.SCHEDULED);
        if (scheduled && (d.schedule() == null || d.schedule().isEmpty())) {
            throw GlueErrors.INVALID_INPUT.exception("Schedule is required for a trigger of type SCHEDULED");
        }
        if (!scheduled && d.schedule() != null) {
            throw GlueErrors.INVALID_INPUT.exception("Schedule is only valid for a trigger of type SCHEDULED");
        }
        if (scheduled) {
            GlueCron.parse(d.schedule()); // InvalidInputException for a bad expression or one firing under 5 minutes apart
        }
        boolean conditional = type.equals(TriggerDefinition.CONDITIONAL);
        if (conditional && d.conditionList().isEmpty()) {
            throw GlueErrors.INVALID_INPUT.exception("Predicate with at least one condition is required for a trigger of type CONDITIONAL");
        }
        if (!conditional && d.predicate() != null) {
            throw GlueErrors.INVALID_INPUT.exception("Predicate is only valid for a trigger of type CONDITIONAL");
        }
        if (d.predicate() != null) {
            predicate(d);
        }
        boolean event = type.equals(TriggerDefinition.EVENT);
        if (!event && d.eventBatchingCondition() != null) {
            throw GlueErrors.INVALID_INPUT.exception("EventBatchingCondition is only valid for a trigger of type EVENT");
        }
        if (event && d.workflowName() == null) {
            throw GlueErrors.INVALID_INPUT.exception("A trigger of type EVENT must belong to a workflow");
        }
        if (d.eventBatchingCondition() != null) {
            batching(d.eventBatchingCondition());
        }
        if (Boolean.TRUE.equals(d.startOnCreation()) && type.equals(TriggerDefinition.ON_DEMAND)) {
            throw GlueErrors.INVALID_INPUT.exception("StartOnCreation is not supported for triggers of type ON_DEMAND");
        }
        d.actions().forEach(TriggerRules::action);
        return d;
    }

    private static void predicate(TriggerDefinition d) {
        String logical = d.predicate().logical();
        if (logical != null && !logical.equals(TriggerDefinition.Predicate.AND) && !logical.equals(TriggerDefinition.Predicate.ANY)) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'predicate.logical' failed to satisfy "
                    + "constraint: Member must satisfy enum value set: [AND, ANY]", logical);
        }
        List<Condition> conditions = d.conditionList();
        if (conditions.size() > MAX_CONDITIONS) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value at 'predicate.conditions' failed to satisfy "
                    + "constraint: Member must have length less than or equal to %d", MAX_CONDITIONS);
        }
        for (Condition c : conditions) {
            if (c.logicalOperator() != null && !c.logicalOperator().equals("EQUALS")) {
                throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'predicate.conditions.member."
                        + "logicalOperator' failed to satisfy constraint: Member must satisfy enum value set: [EQUALS]", c.logicalOperator());
            }
            if ((c.jobName() == null) == (c.crawlerName() == null)) {
                throw GlueErrors.INVALID_INPUT.exception("A condition names either a JobName or a CrawlerName");
            }
            if (c.jobName() != null && (c.state() == null || !JOB_STATES.contains(c.state()))) {
                throw GlueErrors.INVALID_INPUT.exception("Job state %s is not supported in a trigger condition: a trigger can listen "
                        + "for SUCCEEDED, STOPPED, FAILED and TIMEOUT", c.state());
            }
            if (c.crawlerName() != null && (c.crawlState() == null || !CRAWL_STATES.contains(c.crawlState()))) {
                throw GlueErrors.INVALID_INPUT.exception("Crawl state %s is not supported in a trigger condition: a trigger can "
                        + "listen for SUCCEEDED, FAILED and CANCELLED", c.crawlState());
            }
        }
    }

    private static void batching(TriggerDefinition.EventBatchingCondition b) {
        if (b.batchSize() == null) {
            throw required("eventBatchingCondition.batchSize");
        }
        if (b.batchSize() < 1 || b.batchSize() > 100) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%d' at 'eventBatchingCondition.batchSize' "
                    + "failed to satisfy constraint: Member must have value between 1 and 100", b.batchSize());
        }
        if (b.batchWindow() != null && (b.batchWindow() < 1 || b.batchWindow() > 900)) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%d' at 'eventBatchingCondition.batchWindow' "
                    + "failed to satisfy constraint: Member must have value between 1 and 900", b.batchWindow());
        }
    }

    private static void action(Action a) {
        if ((a.jobName() == null) == (a.crawlerName() == null)) {
            throw GlueErrors.INVALID_INPUT.exception("An action names either a JobName or a CrawlerName");
        }
        if (a.timeout() != null && a.timeout() < 1) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%d' at 'actions.member.timeout' failed to "
                    + "satisfy constraint: Member must have value greater than or equal to 1", a.timeout());
        }
        if (a.notificationProperty() != null) {
            // run delay notifications go to EventBridge, which Tarn does not have (as StartJobRun refuses them)
            throw GlueErrors.OPERATION_NOT_SUPPORTED.exception("NotificationProperty (job run delay notifications) is not built by Tarn yet");
        }
    }

    static AwsException required(String field) {
        return GlueErrors.VALIDATION.exception("1 validation error detected: Value null at '%s' failed to satisfy constraint: "
                + "Member must not be null", field);
    }
}
