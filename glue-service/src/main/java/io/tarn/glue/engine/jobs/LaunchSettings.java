package io.tarn.glue.engine.jobs;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How Tarn runs job processes: the Python of Python shell jobs, the user's {@code spark-submit} for Spark
 * jobs (none: they fail at once, telling how to configure it) with its master URL, and where each run's
 * files and logs are kept ({@code <runs>/<run id>/}).
 */
public record LaunchSettings(String python, @Nullable String sparkSubmit, @Nullable String sparkMaster, Path runsDir) {

    /** Spark's master when none is configured: local, on every core. */
    public static final String LOCAL_MASTER = "local[*]";

    /** Each run's folder: script, fetched files, stdout and stderr. Run ids are Tarn's own ({@code jr_...}). */
    public Path runDir(String runId) {
        return runsDir.resolve(runId);
    }
}
