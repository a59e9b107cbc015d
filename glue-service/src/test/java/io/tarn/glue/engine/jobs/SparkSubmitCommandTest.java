package io.tarn.glue.engine.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spark-submit command of a Spark job run: S3A at Tarn, the application, and Glue's arguments after it. */
class SparkSubmitCommandTest {

    private static final URI TARN = URI.create("http://127.0.0.1:4566");

    @Test
    void pythonScriptRunsWithS3aPointedAtTarnAndGlueArguments() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("--source", "s3://in/data");
        List<String> command = SparkSubmitCommand.build("/opt/spark/bin/spark-submit", null, TARN, "eu-west-1", "etl", "jr_1",
                Path.of("/runs/jr_1/script/etl.py"), List.of(), List.of(Path.of("/runs/jr_1/py/lib.zip")), args);
        assertThat(command).startsWith("/opt/spark/bin/spark-submit", "--master", "local[*]", "--name", "etl-jr_1");
        assertThat(command).containsSubsequence("--conf", "spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:4566");
        assertThat(command).containsSubsequence("--conf", "spark.hadoop.fs.s3a.path.style.access=true");
        assertThat(command).containsSubsequence("--conf", "spark.hadoop.fs.s3a.endpoint.region=eu-west-1");
        assertThat(command).containsSubsequence("--conf", "spark.hadoop.fs.s3a.connection.ssl.enabled=false");
        assertThat(command).containsSubsequence("--conf", "spark.hadoop.fs.s3.impl=org.apache.hadoop.fs.s3a.S3AFileSystem");
        assertThat(command).containsSubsequence("--py-files", "/runs/jr_1/py/lib.zip");
        assertThat(command).doesNotContain("--class").noneMatch(c -> c.contains("secret"));
        assertThat(command).endsWith("/runs/jr_1/script/etl.py", "--JOB_NAME", "etl", "--JOB_RUN_ID", "jr_1", "--source", "s3://in/data");
    }

    @Test
    void withClassTheFirstExtraJarIsTheApplicationAndTheOthersGoOnTheClassPath() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("--class", "com.example.Etl");
        args.put("--extra-jars", "s3://b/app.jar,s3://b/dep.jar");
        List<String> command = SparkSubmitCommand.build("spark-submit", "spark://master:7077", TARN, "us-east-1", "etl", "jr_2",
                Path.of("/r/script/Etl.scala"), List.of(Path.of("/r/jars/app.jar"), Path.of("/r/jars/dep.jar")), List.of(), args);
        assertThat(command).containsSubsequence("--master", "spark://master:7077");
        assertThat(command).containsSubsequence("--class", "com.example.Etl", "--jars", "/r/jars/dep.jar", "/r/jars/app.jar",
                "--JOB_NAME", "etl", "--JOB_RUN_ID", "jr_2", "--class", "com.example.Etl");
        assertThat(command).doesNotContain("/r/script/Etl.scala");
    }

    @Test
    void gluesConfArgumentBecomesSparkSettingsAfterTarnsSoThatTheJobCanOverrideThem() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("--conf", " spark.sql.shuffle.partitions=2  --conf spark.ui.enabled=false --conf spark.hadoop.fs.s3a.endpoint=http://other:1 ");
        List<String> command = SparkSubmitCommand.build("spark-submit", null, TARN, "us-east-1", "etl", "jr_3",
                Path.of("/r/script/etl.py"), List.of(), List.of(), args);
        assertThat(command).containsSubsequence("--conf", "spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:4566",
                "--conf", "spark.sql.shuffle.partitions=2", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.hadoop.fs.s3a.endpoint=http://other:1", "/r/script/etl.py");
        assertThat(command.subList(0, command.indexOf("/r/script/etl.py"))).filteredOn("--conf"::equals).hasSize(5 + 3);
    }

    @Test
    void theErrorMessageOfAFailedDriverIsTheExceptionThatEndedItsMainThread() {
        String stderr = """
                26/12/06 06:27:19 WARN FileStreamSink: Assume no metadata directory.
                java.io.FileNotFoundException: No such file or directory: s3://in/missing
                	at org.apache.hadoop.fs.s3a.S3AFileSystem.s3GetFileStatus(S3AFileSystem.java:4156)
                Exception in thread "main" org.apache.spark.sql.AnalysisException: [PATH_NOT_FOUND] Path does not exist: s3://in/missing.
                	at org.apache.spark.sql.errors.QueryCompilationErrors$.dataPathNotExistError(QueryCompilationErrors.scala:1)
                26/12/06 06:27:21 INFO ShutdownHookManager: Deleting directory /tmp/spark-11230c36
                """;
        assertThat(SparkSubmitCommand.uncaughtException(stderr))
                .isEqualTo("org.apache.spark.sql.AnalysisException: [PATH_NOT_FOUND] Path does not exist: s3://in/missing.");
        assertThat(SparkSubmitCommand.uncaughtException("Traceback (most recent call last):\nValueError: boom\n")).isNull();
    }
}
