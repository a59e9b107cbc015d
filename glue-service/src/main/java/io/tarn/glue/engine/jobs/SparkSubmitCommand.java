package io.tarn.glue.engine.jobs;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code spark-submit} command of a Spark job run: S3A pointed at Tarn's S3 (endpoint, path-style
 * addresses; {@code s3://} served by S3A too, as Glue serves it), the job's name
 * and run id, then Glue's arguments. With {@code --class} (a Scala or Java job), the first jar of
 * {@code --extra-jars} is the application and the others go on the class path; else the script is.
 */
final class SparkSubmitCommand {

    static final String CLASS = "--class";
    static final String EXTRA_JARS = "--extra-jars";
    static final String EXTRA_PY_FILES = "--extra-py-files";

    private SparkSubmitCommand() {}

    static List<String> build(String sparkSubmit, @Nullable String master, URI endpoint, String region,
            String jobName, String runId, Path script, List<Path> jars, List<Path> pyFiles, Map<String, String> arguments) {
        List<String> command = new ArrayList<>(List.of(sparkSubmit,
                "--master", master == null ? LaunchSettings.LOCAL_MASTER : master,
                "--name", jobName + "-" + runId));
        conf(command, "spark.hadoop.fs.s3a.endpoint", endpoint.toString());
        conf(command, "spark.hadoop.fs.s3a.endpoint.region", region);
        conf(command, "spark.hadoop.fs.s3a.path.style.access", "true");
        conf(command, "spark.hadoop.fs.s3a.connection.ssl.enabled", String.valueOf("https".equals(endpoint.getScheme())));
        conf(command, "spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        String mainClass = arguments.get(CLASS);
        Path application = script;
        List<Path> classPath = jars;
        if (mainClass != null && !jars.isEmpty()) {
            application = jars.get(0);
            classPath = jars.subList(1, jars.size());
        }
        if (mainClass != null) {
            command.add(CLASS);
            command.add(mainClass);
        }
        if (!classPath.isEmpty()) {
            command.add("--jars");
            command.add(join(classPath));
        }
        if (!pyFiles.isEmpty()) {
            command.add("--py-files");
            command.add(join(pyFiles));
        }
        command.add(application.toString());
        command.addAll(PythonShellCommand.glueArguments(jobName, runId, arguments));
        return command;
    }

    private static void conf(List<String> command, String key, String value) {
        command.add("--conf");
        command.add(key + "=" + value);
    }

    private static String join(List<Path> paths) {
        return String.join(",", paths.stream().map(Path::toString).toList());
    }
}
