package io.tarn.core.spi.ports;

import io.tarn.core.spi.Namespace;

/**
 * What Glue offers the event bus: a Glue workflow as the target of a rule, as EventBridge reaches
 * one ({@code glue:notifyEvent}). The workflow's ACTIVATED EVENT trigger batches the events and
 * starts a run of the workflow once its {@code EventBatchingCondition} is met. Errors are thrown
 * as {@link io.tarn.core.error.AwsException} with Glue's codes ({@code EntityNotFoundException}
 * for a workflow that does not exist).
 */
public interface WorkflowEventPort {

    /**
     * Tells the workflow of one event; durable when this returns. An event already waiting in the
     * workflow's batch (the same id, sent again) is not counted twice.
     */
    void notifyEvent(Namespace ns, String workflowName, String eventId);
}
