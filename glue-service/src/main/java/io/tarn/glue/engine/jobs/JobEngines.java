package io.tarn.glue.engine.jobs;

/** Glue's job engines together, as the service wires them and the operations use them. */
public record JobEngines(Jobs jobs, JobRuns runs, JobBookmarks bookmarks) {}
