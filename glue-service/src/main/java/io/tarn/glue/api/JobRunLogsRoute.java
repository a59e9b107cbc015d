package io.tarn.glue.api;

import io.tarn.core.admin.AdminApi;
import io.tarn.core.admin.AdminErrors;
import io.tarn.core.spi.AdminRoute;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.glue.engine.jobs.LaunchSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /_tarn/glue/job-runs/<run id>/logs}: what a job run's process wrote, there being no CloudWatch:
 * {@code {"jobRunId","stdout","stderr"}}, or one of them as text with {@code ?stream=stdout} (or stderr).
 * Each is bounded (the first MiB, then the last 64 KiB) as the run wrote it.
 */
public final class JobRunLogsRoute implements AdminRoute {

    /** Tarn's run ids ({@code jr_<hex>}, {@code _attempt_<n>} for retries): nothing that could leave the runs folder. */
    private static final Pattern PATH = Pattern.compile("job-runs/(jr_[0-9a-f]+(?:_attempt_\\d+)?)/logs");

    private final LaunchSettings settings;

    public JobRunLogsRoute(LaunchSettings settings) {
        this.settings = settings;
    }

    @Override
    public ServiceResponse handle(String method, Map<String, List<String>> query, byte[] body) {
        throw AdminErrors.NOT_FOUND.exception("Name a job run: /_tarn/glue/job-runs/<run id>/logs");
    }

    @Override
    public ServiceResponse handle(String method, String path, Map<String, List<String>> query, byte[] body) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            throw AdminErrors.NOT_FOUND.exception("No admin endpoint /_tarn/glue/%s; job run logs are at "
                    + "/_tarn/glue/job-runs/<run id>/logs", path);
        }
        if (!"GET".equals(method)) {
            throw AdminErrors.METHOD_NOT_ALLOWED.exception("%s is not allowed on /_tarn/glue/%s", method, path);
        }
        String runId = m.group(1);
        Path dir = settings.runDir(runId);
        if (!Files.isDirectory(dir)) {
            throw AdminErrors.NOT_FOUND.exception("No logs for job run %s (it has not started a process, or it was deleted)", runId);
        }
        List<String> stream = query.getOrDefault("stream", List.of());
        if (!stream.isEmpty()) {
            String which = stream.get(0);
            if (!which.equals("stdout") && !which.equals("stderr")) {
                throw AdminErrors.VALIDATION.exception("stream must be stdout or stderr, not %s", which);
            }
            return ServiceResponse.of(200, "text/plain; charset=utf-8", read(dir.resolve(which + ".log")));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobRunId", runId);
        out.put("stdout", read(dir.resolve("stdout.log")));
        out.put("stderr", read(dir.resolve("stderr.log")));
        return AdminApi.json(200, out);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
