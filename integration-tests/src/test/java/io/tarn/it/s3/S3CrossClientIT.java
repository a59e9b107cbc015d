package io.tarn.it.s3;

import io.tarn.it.Scripts;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * S3 through other clients (scripts in src/test/python): boto3, the AWS CLI, and pyarrow + polars
 * reading and writing Parquet. Each is skipped when its tool or module is not installed (and fails
 * under CI); each script runs under a time limit and is killed past it.
 */
@ExtendWith(TarnServerExtension.class)
class S3CrossClientIT {

    @Test
    void boto3(URI endpoint) throws Exception {
        Scripts.requireClient(Scripts.BOTO3, "python3 with boto3 is not installed");
        Scripts.assertRuns(List.of("python3", Scripts.script("s3_boto3_check.py"), endpoint.toString()), 180);
    }

    @Test
    void awsCli(URI endpoint) throws Exception {
        Scripts.requireClient(Scripts.AWS_CLI, "the AWS CLI is not installed");
        Scripts.assertRuns(List.of("bash", Scripts.script("s3_cli_check.sh"), endpoint.toString()), 240);
    }

    @Test
    void pyarrowAndPolarsParquet(URI endpoint) throws Exception {
        Scripts.requireClient(List.of("python3", "-c", "import boto3, pyarrow.fs, polars"),
                "python3 with boto3, pyarrow and polars is not installed (pip install pyarrow polars)");
        Scripts.assertRuns(List.of("python3", Scripts.script("s3_parquet_check.py"), endpoint.toString()), 180);
    }
}
