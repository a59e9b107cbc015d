package io.tarn.benchmark;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar benchmark/target/tarn-benchmark.jar <startup|kms|s3|s3-policy|s3-bucket-key|abandon|kinesis|glue|glue-jobs|firehose|lifecycle> [options]} */
@Command(name = "tarn-benchmark", mixinStandardHelpOptions = true,
        subcommands = {StartupBenchmark.class, KmsBenchmark.class, S3Benchmark.class, AbandonBenchmark.class, KinesisBenchmark.class,
                GlueBenchmark.class, GlueJobsBenchmark.class, FirehoseBenchmark.class, LifecycleBenchmark.class,
                S3PolicyBenchmark.class, S3BucketKeyBenchmark.class},
        description = "Measures a Tarn server: start-up, memory, and per-service throughput and latency.")
public final class BenchmarkMain implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchmarkMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
