package io.tarn.it.glue;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.Scripts;
import io.tarn.it.TarnProcess;
import io.tarn.it.TarnServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A Glue Spark job ({@code glueetl} with {@code --class}) really run on Spark: Tarn started with
 * {@code --glue-spark-submit} pointing at a stand-in that runs Spark's own {@code SparkSubmit} on the class
 * path of a Spark assembled from Maven ({@code spark-test-app}: spark-sql, S3A from hadoop-aws). The job reads
 * Parquet from Tarn's S3 through S3A, aggregates it, and writes Parquet back, and an Iceberg table through
 * Iceberg's GlueCatalog into Tarn's Glue; a job whose input is missing fails with Spark's exception as its
 * ErrorMessage.
 */
class GlueSparkJobIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/AWSGlueServiceRole-it";
    private static final String BUCKET = "it-spark";
    private static final Set<JobRunState> UNDER_WAY = Set.of(JobRunState.STARTING, JobRunState.RUNNING, JobRunState.STOPPING,
            JobRunState.WAITING);
    /** The JVM options Spark's own launcher (spark-class) gives Spark 4 on Java 17: its JavaModuleOptions. */
    private static final List<String> SPARK_JVM_OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true");
    /** Spark settings of the jobs, through Glue's --conf argument: small and quiet for a 2-core CI machine. */
    private static final String SPARK_CONF = "spark.sql.shuffle.partitions=2 --conf spark.ui.enabled=false";
    /**
     * Iceberg's Spark catalog {@code glue} on Iceberg's GlueCatalog, tables in Tarn's Glue, files in Tarn's S3 through
     * S3FileIO. No endpoint: the AWS SDK in the run finds Tarn in AWS_ENDPOINT_URL, which Tarn sets for every run.
     */
    private static final String ICEBERG_CONF = " --conf spark.sql.catalog.glue=org.apache.iceberg.spark.SparkCatalog"
            + " --conf spark.sql.catalog.glue.catalog-impl=org.apache.iceberg.aws.glue.GlueCatalog"
            + " --conf spark.sql.catalog.glue.io-impl=org.apache.iceberg.aws.s3.S3FileIO"
            + " --conf spark.sql.catalog.glue.warehouse=s3://" + BUCKET + "/warehouse"
            + " --conf spark.sql.catalog.glue.s3.path-style-access=true";

    @TempDir
    static Path dir;
    private static TarnProcess tarn;
    private static GlueClient glue;
    private static S3Client s3;

    @BeforeAll
    static void startTarnWithSpark() throws IOException {
        Scripts.requireClient(List.of("python3", "-c", "import pyarrow.parquet"), "pyarrow is not installed");
        Path sparkSubmit = writeSparkSubmit(dir.resolve("spark-submit"));
        tarn = TarnProcess.start(dir.resolve("data"), "--glue-spark-submit", sparkSubmit.toString(), "--glue-spark-master", "local[2]");
        glue = TarnServerExtension.client(GlueClient.class, tarn.endpoint());
        s3 = TarnServerExtension.client(S3Client.class, tarn.endpoint());
        s3.createBucket(b -> b.bucket(BUCKET));
        s3.putObject(b -> b.bucket(BUCKET).key("jars/spark-test-app.jar"), RequestBody.fromFile(built("tarn.it.sparkAppJar")));
    }

    @AfterAll
    static void stop() {
        if (tarn != null) {
            tarn.close();
        }
    }

    /**
     * Tarn's {@code --glue-spark-submit}: a script that is Spark's own spark-submit (its SparkSubmit class) on the
     * class path Maven resolved for spark-test-app, bound to the loopback address.
     */
    private static Path writeSparkSubmit(Path script) throws IOException {
        String classPath = Files.readString(built("tarn.it.sparkClasspath"), StandardCharsets.UTF_8).trim();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String text = "#!/bin/sh\n"
                + "export SPARK_LOCAL_IP=127.0.0.1\n"
                + "exec '" + java + "' -Xmx1g -XX:TieredStopAtLevel=1 " + String.join(" ", SPARK_JVM_OPTIONS)
                + " -cp '" + classPath + "' org.apache.spark.deploy.SparkSubmit \"$@\"\n";
        Files.writeString(script, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** A file spark-test-app's build made (its path in a system property the failsafe configuration sets). */
    private static Path built(String property) {
        Path file = Path.of(System.getProperty(property, ""));
        assertThat(file).as("%s (built by spark-test-app: run mvn package from the repository's root first)", property)
                .isRegularFile();
        return file;
    }

    private static void createSparkJob(String name, Map<String, String> arguments) {
        Map<String, String> all = new HashMap<>(Map.of("--class", "io.tarn.sparkapp.SalesByRegion",
                "--extra-jars", "s3://" + BUCKET + "/jars/spark-test-app.jar", "--conf", SPARK_CONF));
        all.putAll(arguments);
        glue.createJob(b -> b.name(name).role(ROLE).glueVersion("5.0").workerType("G.1X").numberOfWorkers(2)
                .command(c -> c.name("glueetl").scriptLocation("s3://" + BUCKET + "/jars/spark-test-app.jar"))
                .defaultArguments(all));
    }

    /** Polls until the run has ended (bounded: 4 minutes, for a loaded machine starting Spark). */
    private static JobRun awaitEnd(String job, String runId) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            JobRun run = glue.getJobRun(b -> b.jobName(job).runId(runId)).jobRun();
            if (!UNDER_WAY.contains(run.jobRunState())) {
                return run;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + runId + " of " + job + " did not end");
    }

    @Test
    void aSparkJobReadsParquetThroughS3aAggregatesItAndWritesParquetBack() throws Exception {
        Path sales = dir.resolve("sales.parquet");
        Scripts.assertRuns(List.of("python3", "-c", "import sys, pyarrow as pa, pyarrow.parquet as pq; "
                + "pq.write_table(pa.table({'region': ['eu', 'us', 'eu', 'ap', 'us', 'eu'], 'amount': [10, 20, 5, 7, 1, 100]}), sys.argv[1]); "
                + "print('OK')", sales.toString()), 60);
        s3.putObject(b -> b.bucket(BUCKET).key("sales/part-0.parquet"), RequestBody.fromFile(sales));
        glue.createDatabase(b -> b.databaseInput(d -> d.name("it_spark")));
        // s3a:// as written, s3:// as Glue jobs usually name their paths (served by S3A as Tarn configures it)
        createSparkJob("it-spark-sales", Map.of("--input", "s3a://" + BUCKET + "/sales/", "--output", "s3://" + BUCKET + "/totals/",
                "--iceberg_table", "glue.it_spark.totals", "--conf", SPARK_CONF + ICEBERG_CONF));

        String runId = glue.startJobRun(b -> b.jobName("it-spark-sales")).jobRunId();
        JobRun run = awaitEnd("it-spark-sales", runId);

        assertThat(run.jobRunState()).as("%s", run).isEqualTo(JobRunState.SUCCEEDED);
        assertThat(run.errorMessage()).isNull();
        List<S3Object> written = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("totals/")).contents();
        assertThat(written).extracting(S3Object::key).contains("totals/_SUCCESS")
                .anyMatch(k -> k.startsWith("totals/part-") && k.endsWith(".parquet"))
                .noneMatch(k -> k.contains("_temporary"));
        Path totals = Files.createDirectories(dir.resolve("totals"));
        for (S3Object o : written) {
            if (o.key().endsWith(".parquet")) {
                Files.write(totals.resolve(o.key().substring("totals/".length())),
                        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(o.key())).asByteArray());
            }
        }
        Scripts.assertRuns(List.of("python3", "-c", "import sys, pyarrow.parquet as pq; "
                + "rows = sorted(pq.read_table(sys.argv[1]).to_pylist(), key=lambda r: r['region']); "
                + "assert rows == [{'region': 'ap', 'total': 7, 'sales': 1}, {'region': 'eu', 'total': 115, 'sales': 3}, "
                + "{'region': 'us', 'total': 21, 'sales': 2}], rows; print('OK')", totals.toString()), 60);

        // the same totals as an Iceberg table in Tarn's Glue, its metadata and data files in Tarn's S3
        Table table = glue.getTable(b -> b.databaseName("it_spark").name("totals")).table();
        assertThat(table.parameters()).containsEntry("table_type", "ICEBERG");
        String metadata = table.parameters().get("metadata_location");
        assertThat(metadata).startsWith("s3://" + BUCKET + "/warehouse/it_spark.db/totals/metadata/").endsWith(".metadata.json");
        s3.headObject(b -> b.bucket(BUCKET).key(metadata.substring(("s3://" + BUCKET + "/").length())));
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("warehouse/it_spark.db/totals/data/")).contents())
                .anyMatch(o -> o.key().endsWith(".parquet"));
    }

    @Test
    void aSparkJobThatThrowsFailsWithSparksExceptionAsItsErrorMessage() throws Exception {
        createSparkJob("it-spark-missing", Map.of("--input", "s3://" + BUCKET + "/no-such-input/", "--output", "s3://" + BUCKET + "/never/"));

        String runId = glue.startJobRun(b -> b.jobName("it-spark-missing")).jobRunId();
        JobRun run = awaitEnd("it-spark-missing", runId);

        assertThat(run.jobRunState()).as("%s", run).isEqualTo(JobRunState.FAILED);
        assertThat(run.errorMessage()).startsWith("org.apache.spark.sql.AnalysisException: [PATH_NOT_FOUND] Path does not exist: "
                + "s3://" + BUCKET + "/no-such-input");
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("never/")).contents()).isEmpty();
    }
}
