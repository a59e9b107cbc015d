package io.tarn.glue.engine.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The command line of a Python shell job run: {@code python3 script --JOB_NAME ... --JOB_RUN_ID ... --key value...}. */
final class PythonShellCommand {

    private PythonShellCommand() {}

    static List<String> build(String python, Path script, String jobName, String runId, Map<String, String> arguments) {
        List<String> command = new ArrayList<>(List.of(python, "-u", script.toString()));
        command.addAll(glueArguments(jobName, runId, arguments));
        return command;
    }

    /** What Glue passes a job's script: its name and run id, then each argument as {@code --key value}. */
    static List<String> glueArguments(String jobName, String runId, Map<String, String> arguments) {
        List<String> out = new ArrayList<>(List.of("--JOB_NAME", jobName, "--JOB_RUN_ID", runId));
        arguments.forEach((key, value) -> {
            out.add(key.startsWith("--") ? key : "--" + key);
            out.add(value);
        });
        return out;
    }
}
