package io.tarn.glue.engine.workflows;

import io.tarn.glue.engine.triggers.Triggers;

/** Glue's orchestration engines together (triggers, workflows and their runs), as the service wires them. */
public record Orchestration(Triggers triggers, Workflows workflows, WorkflowRuns runs) {}
