package io.tarn.it.examples;

import io.tarn.it.Scripts;
import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The offline pipeline demo of {@code examples/pipeline/} (producer -> Kinesis -> Firehose, Parquet by
 * action -> S3 -> Glue crawler -> pyarrow), run as a user runs it, against a fresh server. The script
 * checks each step itself (objects there, every event back once with its values, the crawled table's
 * columns and partition key) and exits non-zero otherwise. Skipped without boto3 and pyarrow (failed
 * under CI). Firehose streams stay CREATING for 500 ms instead of 5 s; the script moves the emulator
 * clock itself.
 */
@ExtendWith(TarnServerExtension.class)
@ServerArgs({"--firehose-delays", "500ms"})
class PipelineExampleIT {

    @Test
    void runsEndToEnd(URI endpoint) throws Exception {
        Scripts.requireClient(List.of("python3", "-c", "import boto3, pyarrow.dataset, pyarrow.fs, pyarrow.parquet"),
                "python3 with boto3 and pyarrow is not installed");
        Scripts.assertRuns(List.of("python3", Scripts.fromRepoRoot("examples/pipeline/pipeline.py"),
                "--endpoint", endpoint.toString()), 300);
    }
}
