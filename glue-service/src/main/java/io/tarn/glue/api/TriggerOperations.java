package io.tarn.glue.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.api.shapes.TriggerShapes.BatchGetTriggersInput;
import io.tarn.glue.api.shapes.TriggerShapes.BatchGetTriggersOutput;
import io.tarn.glue.api.shapes.TriggerShapes.GetTriggerOutput;
import io.tarn.glue.api.shapes.TriggerShapes.GetTriggersInput;
import io.tarn.glue.api.shapes.TriggerShapes.GetTriggersOutput;
import io.tarn.glue.api.shapes.TriggerShapes.ListTriggersInput;
import io.tarn.glue.api.shapes.TriggerShapes.ListTriggersOutput;
import io.tarn.glue.api.shapes.TriggerShapes.NameInput;
import io.tarn.glue.api.shapes.TriggerShapes.NameOutput;
import io.tarn.glue.api.shapes.TriggerShapes.Trigger;
import io.tarn.glue.api.shapes.TriggerShapes.UpdateTriggerInput;
import io.tarn.glue.engine.Page;
import io.tarn.glue.engine.triggers.Triggers;
import io.tarn.glue.model.TriggerDefinition;
import io.tarn.glue.model.TriggerMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** CreateTrigger, GetTrigger, GetTriggers, ListTriggers, BatchGetTriggers, UpdateTrigger, DeleteTrigger, StartTrigger, StopTrigger. */
public final class TriggerOperations {

    /** TriggerNames of BatchGetTriggers: AWS takes at most 100 names. */
    private static final int MAX_BATCH = 100;

    private final Triggers triggers;
    private final NextTokens tokens;

    public TriggerOperations(Triggers triggers, NextTokens tokens) {
        this.triggers = triggers;
        this.tokens = tokens;
    }

    public NameOutput createTrigger(RequestContext ctx, TriggerDefinition in) {
        return new NameOutput(triggers.create(ctx.namespace(), in).name());
    }

    public GetTriggerOutput getTrigger(RequestContext ctx, NameInput in) {
        return new GetTriggerOutput(Trigger.of(triggers.get(ctx.namespace(), in.name())));
    }

    /**
     * GetTriggers: with DependentJobName, the triggers that can start that job, and, as the API reference
     * says, "if there is no such trigger, all triggers are returned".
     */
    public GetTriggersOutput getTriggers(RequestContext ctx, GetTriggersInput in) {
        String scope = NextTokens.scope(ctx, "GetTriggers", in.dependentJobName());
        Page<TriggerMeta> page = triggers.list(ctx.namespace(), tokens.open(scope, in.nextToken()), NextTokens.pageSize(in.maxResults(), 200),
                dependents(ctx, in.dependentJobName()));
        return new GetTriggersOutput(page.items().stream().map(Trigger::of).toList(), tokens.issue(scope, page.next()));
    }

    /** ListTriggers: names, those starting DependentJobName (as GetTriggers) and carrying every tag of the Tags filter. */
    public ListTriggersOutput listTriggers(RequestContext ctx, ListTriggersInput in) {
        Map<String, String> wanted = in.tags() == null ? Map.of() : in.tags();
        String scope = NextTokens.scope(ctx, "ListTriggers", in.dependentJobName(), wanted.isEmpty() ? null : new TreeMap<>(wanted).toString());
        Predicate<TriggerMeta> dependents = dependents(ctx, in.dependentJobName());
        Page<TriggerMeta> page = triggers.list(ctx.namespace(), tokens.open(scope, in.nextToken()), NextTokens.pageSize(in.maxResults(), 200),
                t -> dependents.test(t) && hasTags(triggers.tags(ctx.namespace(), t.name()), wanted));
        return new ListTriggersOutput(page.items().stream().map(TriggerMeta::name).toList(), tokens.issue(scope, page.next()));
    }

    private Predicate<TriggerMeta> dependents(RequestContext ctx, @Nullable String job) {
        if (job == null) {
            return t -> true;
        }
        triggers.requireJob(ctx.namespace(), job);
        Predicate<TriggerMeta> starts = t -> t.definition().actionList().stream().anyMatch(a -> job.equals(a.jobName()));
        boolean any = !triggers.list(ctx.namespace(), null, 1, starts).items().isEmpty();
        return any ? starts : t -> true;
    }

    public BatchGetTriggersOutput batchGetTriggers(RequestContext ctx, BatchGetTriggersInput in) {
        List<String> names = Required.member(in.triggerNames(), "triggerNames");
        if (names.size() > MAX_BATCH) {
            throw GlueErrors.INVALID_INPUT.exception("Cannot get more than %d triggers at once", MAX_BATCH);
        }
        List<Trigger> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            TriggerMeta t = triggers.find(ctx.namespace(), name);
            if (t == null) {
                missing.add(name);
            } else {
                found.add(Trigger.of(t));
            }
        }
        return new BatchGetTriggersOutput(found, missing);
    }

    public GetTriggerOutput updateTrigger(RequestContext ctx, UpdateTriggerInput in) {
        return new GetTriggerOutput(Trigger.of(triggers.update(ctx.namespace(), in.name(), in.triggerUpdate())));
    }

    public NameOutput deleteTrigger(RequestContext ctx, NameInput in) {
        triggers.delete(ctx.namespace(), in.name());
        return new NameOutput(in.name());
    }

    public NameOutput startTrigger(RequestContext ctx, NameInput in) {
        triggers.start(ctx.namespace(), in.name());
        return new NameOutput(in.name());
    }

    public NameOutput stopTrigger(RequestContext ctx, NameInput in) {
        triggers.stop(ctx.namespace(), in.name());
        return new NameOutput(in.name());
    }

    private static boolean hasTags(Map<String, String> tags, Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(t -> tags.containsKey(t.getKey()) && Objects.equals(tags.get(t.getKey()), t.getValue()));
    }
}
