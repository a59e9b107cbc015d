package io.tarn.glue.engine.workflows;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.engine.Listing;
import io.tarn.glue.engine.Page;
import io.tarn.glue.engine.Tags;
import io.tarn.glue.engine.triggers.Triggers;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.WorkflowMeta;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Workflow definitions: CreateWorkflow, GetWorkflow, the listings, UpdateWorkflow and DeleteWorkflow (which
 * takes the workflow's triggers, runs and tags with it, in one batch; its jobs and crawlers stay).
 */
public final class Workflows {

    /** AWS's quota of workflows per account and region. */
    static final int MAX_WORKFLOWS = 1000;
    static final int MAX_NAME = 255;
    /** WorkflowDescriptionString. */
    static final int MAX_DESCRIPTION = 120_000;

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Tags tags;
    private final Triggers triggers;
    private final Object lock = new Object();

    public Workflows(Keyspace keyspace, EmulatorClock clock, Tags tags, Triggers triggers) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.tags = tags;
        this.triggers = triggers;
        tags.register("workflow", (ns, name) -> find(ns, name) == null ? notFound(name) : null);
    }

    public WorkflowMeta create(Namespace ns, @Nullable String name, @Nullable String description,
            @Nullable Map<String, String> defaultRunProperties, @Nullable Integer maxConcurrentRuns, @Nullable Map<String, String> tagMap) {
        String workflow = name(name);
        check(description, maxConcurrentRuns);
        if (tagMap != null) {
            Tags.check(tagMap, "tags");
        }
        synchronized (lock) {
            if (find(ns, workflow) != null) {
                throw GlueErrors.ALREADY_EXISTS.exception("Workflow with name %s already exists", workflow);
            }
            int[] n = {0};
            keyspace.scan(GlueKeys.workflows(ns), null, e -> ++n[0] < MAX_WORKFLOWS);
            if (n[0] >= MAX_WORKFLOWS) {
                throw GlueErrors.RESOURCE_NUMBER_LIMIT_EXCEEDED.exception("Account %s has reached the limit of %d workflows",
                        ns.account(), MAX_WORKFLOWS);
            }
            Instant now = clock.instant();
            WorkflowMeta created = new WorkflowMeta(workflow, description, properties(defaultRunProperties), maxConcurrentRuns, now, now);
            keyspace.write(b -> {
                Tags.attach(b, ns, Tags.resource("workflow", workflow), tagMap);
                b.put(GlueKeys.workflow(ns, workflow), created);
            });
            return created;
        }
    }

    public WorkflowMeta get(Namespace ns, @Nullable String name) {
        WorkflowMeta w = find(ns, name(name));
        if (w == null) {
            throw notFound(name);
        }
        return w;
    }

    public @Nullable WorkflowMeta find(Namespace ns, String name) {
        return keyspace.get(GlueKeys.workflow(ns, name), WorkflowMeta.class).orElse(null);
    }

    public Page<WorkflowMeta> list(Namespace ns, @Nullable String after, int limit) {
        return Listing.page(keyspace, GlueKeys.workflows(ns), after, limit, e -> e.value(WorkflowMeta.class));
    }

    /** UpdateWorkflow: the members given replace the workflow's. */
    public WorkflowMeta update(Namespace ns, @Nullable String name, @Nullable String description,
            @Nullable Map<String, String> defaultRunProperties, @Nullable Integer maxConcurrentRuns) {
        check(description, maxConcurrentRuns);
        synchronized (lock) {
            WorkflowMeta w = get(ns, name);
            WorkflowMeta updated = new WorkflowMeta(w.name(), description != null ? description : w.description(),
                    defaultRunProperties != null ? properties(defaultRunProperties) : w.defaultRunProperties(),
                    maxConcurrentRuns != null ? maxConcurrentRuns : w.maxConcurrentRuns(), w.createdOn(), clock.instant());
            keyspace.put(GlueKeys.workflow(ns, w.name()), updated);
            return updated;
        }
    }

    /** DeleteWorkflow: no error when it does not exist, as AWS answers; its triggers and runs go with it. */
    public void delete(Namespace ns, @Nullable String name) {
        String workflow = name(name);
        synchronized (lock) {
            if (find(ns, workflow) == null) {
                return;
            }
            keyspace.write(b -> {
                b.delete(GlueKeys.workflow(ns, workflow));
                Tags.detach(b, ns, Tags.resource("workflow", workflow));
                triggers.deleteAll(b, ns, workflow);
                b.deletePrefix(GlueKeys.workflowRuns(ns, workflow));
                b.deletePrefix(GlueKeys.workflowRunsByStart(ns, workflow));
                b.deletePrefix(GlueKeys.activeWorkflowRuns(ns).with(workflow));
            });
        }
    }

    private static void check(@Nullable String description, @Nullable Integer maxConcurrentRuns) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value at 'description' failed to satisfy constraint: "
                    + "Member must have length less than or equal to %d", MAX_DESCRIPTION);
        }
        if (maxConcurrentRuns != null && maxConcurrentRuns < 1) {
            throw GlueErrors.INVALID_INPUT.exception("MaxConcurrentRuns must be at least 1");
        }
    }

    static Map<String, String> properties(@Nullable Map<String, String> given) {
        Map<String, String> p = new TreeMap<>();
        if (given != null) {
            given.forEach((k, v) -> {
                if (k == null || k.isEmpty() || k.length() > MAX_NAME) {
                    throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'runProperties' failed to satisfy "
                            + "constraint: Map keys must satisfy constraint: [Member must have length between 1 and %d]", k, MAX_NAME);
                }
                p.put(k, v == null ? "" : v);
            });
        }
        return p;
    }

    static String name(@Nullable String name) {
        if (name == null) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value null at 'name' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'name' failed to satisfy constraint: "
                    + "Member must have length between 1 and %d", name, MAX_NAME);
        }
        return name;
    }

    static AwsException notFound(@Nullable String name) {
        return GlueErrors.ENTITY_NOT_FOUND.exception("Workflow with name: %s not found", name);
    }
}
