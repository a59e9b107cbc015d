package io.tarn.glue.engine.jobs;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code spark-submit} command of a Spark job run: S3A pointed at Tarn's S3 (endpoint, path-style
 * addresses; {@code s3://} served by S3A too, as Glue serves it), the job's name
 * and run id, then Glue's arguments. With {@code --class} (a Scala or Java job), the first jar of
 * {@code --extra-jars} is the application and the others go on the class path; else the script is. Glue's
 * {@code --conf} argument ({@code k1=v1 --conf k2=v2}) becomes Spark settings, after Tarn's so that a job can
 * override them.
 */
final class SparkSubmitCommand {

    static final String CLASS = "--class";
    static final String EXTRA_JARS = "--extra-jars";
    static final String EXTRA_PY_FILES = "--extra-py-files";
    static final String CONF = "--conf";
    /** How Glue's --conf value separates its settings: {@code k1=v1 --conf k2=v2}. */
    private static final Pattern MORE_CONF = Pattern.compile("\\s+--conf\\s+");
    /** How a JVM reports the exception that ended its main thread (a Java or Scala job's driver). */
    private static final String UNCAUGHT = "Exception in thread \"main\" ";

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
        String jobConf = arguments.get(CONF);
        if (jobConf != null) {
            for (String setting : MORE_CONF.split(jobConf.trim())) {
                if (!setting.isBlank()) {
                    command.add(CONF);
                    command.add(setting);
                }
            }
        }
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

    /**
     * The ErrorMessage of a failed Spark run: the exception that ended the driver's main thread, which Spark's
     * shutdown logging would otherwise bury under the last lines of stderr; null when the driver reported none.
     */
    static @Nullable String uncaughtException(String stderrTail) {
        String found = null;
        for (String line : stderrTail.split("\\R")) {
            if (line.startsWith(UNCAUGHT)) {
                found = line.substring(UNCAUGHT.length()).strip();
            }
        }
        return found;
    }

    private static void conf(List<String> command, String key, String value) {
        command.add("--conf");
        command.add(key + "=" + value);
    }

    private static String join(List<Path> paths) {
        return String.join(",", paths.stream().map(Path::toString).toList());
    }
}
