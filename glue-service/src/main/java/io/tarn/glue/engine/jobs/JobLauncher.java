package io.tarn.glue.engine.jobs;

import io.tarn.core.spi.Namespace;
import io.tarn.glue.model.JobRunRecord;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Starts the work of a job run: for Tarn a child process ({@link ProcessLauncher}). {@link JobRuns} calls it
 * on a worker thread, never a request thread, and learns of the work's end through {@code onExit}, called
 * once, from another thread.
 */
public interface JobLauncher {

    /**
     * Starts the run's work (fetching its script first); answers once it runs.
     *
     * @throws LaunchException when it cannot start: the run FAILS with the exception's message
     */
    Launched launch(RunRequest request, Consumer<RunExit> onExit) throws LaunchException;

    /** The run was deleted (DeleteJob, retention): whatever the launcher keeps of it, its logs included, goes. */
    default void forget(String runId) {}

    /** What a launch is given: the run as stored (its merged arguments, command and settings) and the job's bookmark state. */
    record RunRequest(Namespace ns, JobRunRecord run, @Nullable String bookmark) {}

    /** How the work ended: its exit, the error message a failure reports, and the bookmark state the script left. */
    record RunExit(boolean succeeded, @Nullable String errorMessage, @Nullable String bookmark) {}

    /** Work under way. */
    interface Launched {
        /** The process id, kept with the run so that a restart can end an orphan; null when there is no process. */
        @Nullable Long pid();

        /** Ends the work at once (stop, timeout); {@code onExit} is still called. */
        void kill();
    }

    /** A run that cannot start, with the ErrorMessage its run reports. */
    final class LaunchException extends Exception {
        private static final long serialVersionUID = 1L;

        public LaunchException(String message) {
            super(message);
        }
    }
}
