package io.tarn.server;

import io.tarn.core.config.AuthMode;
import io.tarn.core.config.InitFile;
import io.tarn.core.config.TarnConfig;
import io.tarn.core.http.TarnServer;
import io.tarn.core.protocol.json.AwsJsonCodec;
import io.tarn.core.store.StateStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: every flag also reads a {@code TARN_*} environment variable. */
@Command(name = "tarn", mixinStandardHelpOptions = true, versionProvider = TarnMain.Version.class,
        description = "Emulates AWS S3, Kinesis, Firehose, Glue, KMS and STS on one port.")
public final class TarnMain implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "${env:TARN_PORT:-4566}", description = "Port (0 for a free one). Env TARN_PORT. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--host", defaultValue = "${env:TARN_HOST:-127.0.0.1}", description = "Address to listen on. Env TARN_HOST. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--data-dir", defaultValue = "${env:TARN_DATA_DIR:-tarn-data}", description = "Where state is kept. Env TARN_DATA_DIR. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--ephemeral", defaultValue = "${env:TARN_EPHEMERAL:-false}", description = "Keep state in a temporary dir deleted at exit. Env TARN_EPHEMERAL.")
    boolean ephemeral;

    @Option(names = "--time-scale", defaultValue = "${env:TARN_TIME_SCALE:-1}", description = "Emulator time per real second (3600: an hour a second; 0: frozen). Env TARN_TIME_SCALE. Default: ${DEFAULT-VALUE}")
    double timeScale;

    @Option(names = "--account-id", defaultValue = "${env:TARN_ACCOUNT_ID:-000000000000}", description = "Account of access keys that are not 12-digit account ids. Env TARN_ACCOUNT_ID. Default: ${DEFAULT-VALUE}")
    String accountId;

    @Option(names = "--region", defaultValue = "${env:TARN_REGION:-us-east-1}", description = "Region of unsigned requests. Env TARN_REGION. Default: ${DEFAULT-VALUE}")
    String region;

    @Option(names = "--auth", defaultValue = "${env:TARN_AUTH:-lenient}", converter = AuthModeConverter.class,
            description = "lenient: any credentials; strict: SigV4 signatures verified. Env TARN_AUTH. Default: ${DEFAULT-VALUE}")
    AuthMode auth;

    @Option(names = "--admin-token", defaultValue = "${env:TARN_ADMIN_TOKEN}",
            description = "With --auth strict: a bearer token that may also make the admin API's state-changing calls "
                    + "(reset, clock), besides requests signed by a known key. Env TARN_ADMIN_TOKEN (keeps it out of ps).")
    String adminToken;

    @Option(names = "--fsync", defaultValue = "${env:TARN_FSYNC:-false}", description = "Sync every acknowledged write to disk (machine-crash safe). Env TARN_FSYNC.")
    boolean fsync;

    @Option(names = "--tls", defaultValue = "${env:TARN_TLS:-false}",
            description = "Also take TLS (HTTPS, HTTP/2 by ALPN) on the same port, with a self-signed certificate kept in the data dir. Env TARN_TLS.")
    boolean tls;

    @Option(names = "--s3-domain", defaultValue = "${env:TARN_S3_DOMAIN}",
            description = "Extra domain for virtual-hosted-style S3 (bucket.s3.<domain>), besides localhost. Env TARN_S3_DOMAIN.")
    String s3Domain;

    @Option(names = "--kinesis-throttling", defaultValue = "${env:TARN_KINESIS_THROTTLING:-on}",
            description = "on: AWS's per-shard throughput and control-plane rate limits; off: none. Env TARN_KINESIS_THROTTLING. Default: ${DEFAULT-VALUE}")
    String kinesisThrottling;

    @Option(names = "--kinesis-delays", defaultValue = "${env:TARN_KINESIS_DELAYS:-0ms}",
            description = "How long Kinesis streams stay CREATING, UPDATING and DELETING (and consumers CREATING/DELETING), "
                    + "in emulator time, e.g. 500ms. Env TARN_KINESIS_DELAYS. Default: ${DEFAULT-VALUE}")
    String kinesisDelays;

    @Option(names = "--firehose-delays", defaultValue = "${env:TARN_FIREHOSE_DELAYS:-5s}",
            description = "How long Firehose streams stay CREATING and DELETING, and their encryption ENABLING and DISABLING, "
                    + "in emulator time, e.g. 0ms. Env TARN_FIREHOSE_DELAYS. Default: ${DEFAULT-VALUE}")
    String firehoseDelays;

    @Option(names = "--firehose-throttling", defaultValue = "${env:TARN_FIREHOSE_THROTTLING:-on}",
            description = "on: AWS's per-stream put quotas (records, calls and bytes per second); off: none. Env TARN_FIREHOSE_THROTTLING. Default: ${DEFAULT-VALUE}")
    String firehoseThrottling;

    @Option(names = "--s3-restore-delay", defaultValue = "${env:TARN_S3_RESTORE_DELAY:-random}",
            description = "random: a Glacier restore takes a time drawn in its tier's range (Standard 3-5 h...); max: the range's upper bound, "
                    + "for deterministic tests. Emulator time. Env TARN_S3_RESTORE_DELAY. Default: ${DEFAULT-VALUE}")
    String s3RestoreDelay;

    @Option(names = "--glue-spark-submit", defaultValue = "${env:TARN_GLUE_SPARK_SUBMIT}",
            description = "The spark-submit that runs Glue Spark jobs (glueetl, gluestreaming); without it their runs fail at once, "
                    + "saying so. Env TARN_GLUE_SPARK_SUBMIT.")
    String glueSparkSubmit;

    @Option(names = "--glue-spark-master", defaultValue = "${env:TARN_GLUE_SPARK_MASTER:-local[*]}",
            description = "The Spark master Glue Spark jobs are submitted to. Env TARN_GLUE_SPARK_MASTER. Default: ${DEFAULT-VALUE}")
    String glueSparkMaster;

    @Option(names = "--glue-python", defaultValue = "${env:TARN_GLUE_PYTHON:-python3}",
            description = "The Python that runs Glue Python shell jobs. Env TARN_GLUE_PYTHON. Default: ${DEFAULT-VALUE}")
    String gluePython;

    @Option(names = "--glue-job-processes", defaultValue = "${env:TARN_GLUE_JOB_PROCESSES:-4}",
            description = "How many Glue job runs may have a process at once; later runs wait STARTING. Env TARN_GLUE_JOB_PROCESSES. "
                    + "Default: ${DEFAULT-VALUE}")
    int glueJobProcesses;
    @Option(names = "--s3-allow-ssec-over-http", defaultValue = "${env:TARN_S3_ALLOW_SSEC_OVER_HTTP:-false}",
            description = "Take SSE-C keys over plain HTTP too (S3 takes them over HTTPS only, as Tarn does by default with --tls). "
                    + "Env TARN_S3_ALLOW_SSEC_OVER_HTTP.")
    boolean s3AllowSsecOverHttp;

    @Option(names = "--s3-access-control", defaultValue = "${env:TARN_S3_ACCESS_CONTROL:-on}",
            description = "on: S3 authorizes each request as AWS does (bucket policies; another account or an unsigned request "
                    + "gets only what a policy grants it); off: any caller may use any bucket. Env TARN_S3_ACCESS_CONTROL. Default: ${DEFAULT-VALUE}")
    String s3AccessControl;

    @Option(names = "--config", defaultValue = "${env:TARN_CONFIG}", description = "YAML or JSON init file: credentials and resources to create. Env TARN_CONFIG.")
    Path configFile;

    public static void main(String[] args) {
        // Parsing the command line keeps one core busy for a while (picocli's classes predate class
        // data sharing): meanwhile the other loads what every start needs.
        preload();
        int code = new CommandLine(new TarnMain()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (!(e instanceof IllegalStateException || e instanceof IllegalArgumentException)) {
                        throw e; // a bug: keep the stack trace
                    }
                    // a port in use, an unusable data dir, a bad init file: one clear line
                    cmd.getErr().println("tarn: " + e.getMessage());
                    return 1;
                })
                .execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Loads in the background what every start needs whatever its settings: RocksDB's native
     * library on one thread (opening the store waits for it), logging, Jackson and Netty on
     * another. (Not in {@link Tarn}: its static logger would make the caller wait for logging.)
     */
    private static void preload() {
        daemon("tarn-preload-rocksdb", StateStore::loadLibrary);
        daemon("tarn-preload", () -> {
            org.slf4j.LoggerFactory.getLogger(TarnMain.class);
            AwsJsonCodec.json();
            TarnServer.preload();
        });
    }

    private static void daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public Integer call() throws InterruptedException {
        TarnConfig config = TarnConfig.builder()
                .host(host).port(port).dataDir(dataDir).ephemeral(ephemeral).timeScale(timeScale)
                .defaultAccount(accountId).defaultRegion(region).authMode(auth).fsync(fsync).tls(tls).adminToken(adminToken)
                .initFile(configFile == null ? InitFile.EMPTY : InitFile.read(configFile))
                .extra("s3.domain", s3Domain == null ? "" : s3Domain)
                .extra("kinesis.throttling", kinesisThrottling)
                .extra("firehose.throttling", firehoseThrottling)
                .extra("s3.restoreDelay", s3RestoreDelay)
                .extra("glue.sparkSubmit", glueSparkSubmit == null ? "" : glueSparkSubmit)
                .extra("glue.sparkMaster", glueSparkMaster)
                .extra("glue.python", gluePython)
                .extra("glue.jobProcesses", String.valueOf(glueJobProcesses))
                .extra("s3.allowSsecOverHttp", Boolean.toString(s3AllowSsecOverHttp))
                .extra("s3.accessControl", s3AccessControl)
                .extra("kinesis.createDelay", kinesisDelays)
                .extra("kinesis.updateDelay", kinesisDelays)
                .extra("kinesis.deleteDelay", kinesisDelays)
                .extra("firehose.createDelay", firehoseDelays)
                .extra("firehose.deleteDelay", firehoseDelays)
                .extra("firehose.encryptionDelay", firehoseDelays)
                .build();
        Tarn tarn = Tarn.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            tarn.close();
            stopped.countDown();
        }, "tarn-shutdown"));
        stopped.await();
        return 0;
    }

    static final class AuthModeConverter implements CommandLine.ITypeConverter<AuthMode> {
        @Override
        public AuthMode convert(String value) {
            return AuthMode.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tarn " + Tarn.version()};
        }
    }
}
