package io.tarn.glue.engine.jobs;

import org.jspecify.annotations.Nullable;

/** The credentials a run's process signs its AWS calls to Tarn with: those of the caller that started the run. */
public record RunCredentials(String accessKeyId, String secretAccessKey, @Nullable String sessionToken) {

    /** Tarn's default credentials, for a run started without any (a trigger, an unsigned call). */
    public static final RunCredentials DEFAULT = new RunCredentials("test", "test", null);
}
