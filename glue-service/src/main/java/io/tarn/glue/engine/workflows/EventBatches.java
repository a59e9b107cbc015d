package io.tarn.glue.engine.workflows;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.ports.WorkflowEventPort;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.glue.engine.crawler.StoredNamespaces;
import io.tarn.glue.engine.triggers.Triggers;
import io.tarn.glue.model.EventBatch;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.TriggerDefinition;
import io.tarn.glue.model.TriggerMeta;
import io.tarn.glue.model.WorkflowRunRecord.StartingEventBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EVENT triggers' batches: the events an event rule sends a workflow wait, in the state store, in
 * the batch of each ACTIVATED EVENT trigger of the workflow, until {@code BatchSize} of them have
 * come or {@code BatchWindow} seconds of emulator time have passed since the first; then a run of
 * the workflow starts from that trigger ({@code StartingEventBatchCondition} says which, run
 * property {@code aws:eventIds} names the events). A batch's window is re-armed at start-up, so one
 * that ended while Tarn was down starts its run then. A batch is kept until its run has started: a
 * crash in between starts the run again after the restart, never loses the events.
 */
public final class EventBatches implements WorkflowEventPort {

    private static final Logger log = LoggerFactory.getLogger(EventBatches.class);
    /** Glue's default window, when an EVENT trigger's condition gives none. */
    static final int DEFAULT_WINDOW_SECONDS = 900;

    private record TriggerId(Namespace ns, String name) {}

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Scheduler scheduler;
    private final Triggers triggers;
    private final WorkflowRuns runs;
    private final Object lock = new Object();
    private final Map<TriggerId, Scheduler.Timer> windows = new ConcurrentHashMap<>();

    public EventBatches(Keyspace keyspace, EmulatorClock clock, Scheduler scheduler, Triggers triggers, WorkflowRuns runs) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.scheduler = scheduler;
        this.triggers = triggers;
        this.runs = runs;
    }

    /** An event for the workflow: each of its ACTIVATED EVENT triggers counts it; a workflow without one drops it, as Glue does. */
    @Override
    public void notifyEvent(Namespace ns, String workflowName, String eventId) {
        runs.requireWorkflow(ns, workflowName); // EntityNotFoundException: the bus skips the target
        for (TriggerMeta t : triggers.ofWorkflow(ns, workflowName)) {
            if (TriggerDefinition.EVENT.equals(t.type()) && t.active()) {
                add(ns, t, eventId);
            }
        }
    }

    private void add(Namespace ns, TriggerMeta trigger, String eventId) {
        synchronized (lock) {
            EventBatch batch = keyspace.get(GlueKeys.eventBatch(ns, trigger.name()), EventBatch.class).orElse(null);
            if (batch != null && batch.eventIds().contains(eventId)) {
                return; // the bus sent it again (at least once)
            }
            List<String> ids = new ArrayList<>(batch == null ? List.of() : batch.eventIds());
            ids.add(eventId);
            EventBatch now = new EventBatch(ids, batch == null ? clock.instant() : batch.firstEventAt());
            keyspace.put(GlueKeys.eventBatch(ns, trigger.name()), now);
            if (ids.size() >= batchSize(trigger)) {
                start(ns, trigger.name(), now, new StartingEventBatch(ids.size(), 0));
            } else if (batch == null) {
                armWindow(ns, trigger.name(), now.firstEventAt(), window(trigger));
            }
        }
    }

    private void armWindow(Namespace ns, String trigger, Instant firstEventAt, int windowSeconds) {
        TriggerId id = new TriggerId(ns, trigger);
        Scheduler.Timer old = windows.put(id, scheduler.at(firstEventAt.plus(Duration.ofSeconds(windowSeconds)), () -> {
            synchronized (lock) {
                EventBatch batch = keyspace.get(GlueKeys.eventBatch(ns, trigger), EventBatch.class).orElse(null);
                // a batch that started by its size meanwhile, and the next one begun since, are not this window's
                if (batch != null && batch.firstEventAt().equals(firstEventAt)) {
                    start(ns, trigger, batch, new StartingEventBatch(0, windowSeconds));
                }
            }
        }));
        if (old != null) {
            old.cancel();
        }
    }

    /** The batch is complete: a run starts from its trigger (if still ACTIVATED), then the batch goes. Under the lock. */
    private void start(Namespace ns, String triggerName, EventBatch batch, StartingEventBatch condition) {
        Scheduler.Timer window = windows.remove(new TriggerId(ns, triggerName));
        if (window != null) {
            window.cancel();
        }
        TriggerMeta trigger = triggers.find(ns, triggerName);
        if (trigger != null && trigger.active() && TriggerDefinition.EVENT.equals(trigger.type())) {
            try {
                runs.startFromEvents(ns, trigger, batch.eventIds(), condition);
            } catch (AwsException e) {
                // e.g. ConcurrentRunsExceededException: the batch's events start nothing, as on AWS
                log.warn("EVENT trigger {}: no run of workflow {} started for {} events: {}", triggerName,
                        trigger.definition().workflowName(), batch.eventIds().size(), e.getMessage());
            }
        }
        keyspace.delete(GlueKeys.eventBatch(ns, triggerName));
    }

    private static int batchSize(TriggerMeta t) {
        TriggerDefinition.EventBatchingCondition c = t.definition().eventBatchingCondition();
        return c == null || c.batchSize() == null ? 1 : c.batchSize();
    }

    private static int window(TriggerMeta t) {
        TriggerDefinition.EventBatchingCondition c = t.definition().eventBatchingCondition();
        return c == null || c.batchWindow() == null ? DEFAULT_WINDOW_SECONDS : c.batchWindow();
    }

    /** At start-up: every waiting batch's window armed again (one already ended starts its run now). */
    public void recover() {
        for (Namespace ns : StoredNamespaces.of(keyspace)) {
            Map<String, EventBatch> waiting = new LinkedHashMap<>(); // by trigger name
            keyspace.scan(GlueKeys.eventBatches(ns), null, e -> {
                waiting.put(e.key().string(e.key().parts().size() - 1), e.value(EventBatch.class));
                return true;
            });
            waiting.forEach((name, batch) -> {
                TriggerMeta t = triggers.find(ns, name);
                if (t == null) {
                    keyspace.delete(GlueKeys.eventBatch(ns, name));
                } else {
                    armWindow(ns, name, batch.firstEventAt(), window(t));
                }
            });
        }
    }

    /** After the keyspace was cleared, or when the server stops: no windows. */
    public void reset() {
        windows.values().forEach(Scheduler.Timer::cancel);
        windows.clear();
    }
}
