package io.tarn.glue.engine.triggers;

import io.tarn.core.spi.Namespace;
import io.tarn.glue.model.TriggerMeta;

/** What the trigger engine asks of workflows: {@link io.tarn.glue.engine.workflows.WorkflowRuns} answers it. */
public interface WorkflowHook {

    /** Throws EntityNotFoundException unless the workflow exists. */
    void requireWorkflow(Namespace ns, String workflow);

    /**
     * A start trigger of a workflow fired (its schedule, StartTrigger): a run of the workflow starts from it;
     * ConcurrentRunsExceededException when the workflow has MaxConcurrentRuns runs under way.
     */
    void fired(Namespace ns, TriggerMeta trigger);

    /** A job run or crawl ended: true when it was part of a workflow run (only that run's triggers see it). */
    boolean ended(Namespace ns, ActionEnd end);

    /** No workflows (a build or test without them). */
    WorkflowHook NONE = new WorkflowHook() {
        @Override
        public void requireWorkflow(Namespace ns, String workflow) {
            throw io.tarn.glue.GlueErrors.ENTITY_NOT_FOUND.exception("Workflow with name: %s not found", workflow);
        }

        @Override
        public void fired(Namespace ns, TriggerMeta trigger) {}

        @Override
        public boolean ended(Namespace ns, ActionEnd end) {
            return false;
        }
    };
}
