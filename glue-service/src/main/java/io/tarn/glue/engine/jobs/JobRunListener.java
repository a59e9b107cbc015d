package io.tarn.glue.engine.jobs;

import io.tarn.core.spi.Namespace;
import io.tarn.glue.model.JobRunRecord;

/**
 * Told of every state a job run enters, once it is stored (conditional triggers and workflows watch
 * runs end through it). Called on the thread that changed the run, outside the engine's lock, so a
 * listener may start other runs; it must not block.
 */
@FunctionalInterface
public interface JobRunListener {
    void changed(Namespace ns, JobRunRecord run);
}
