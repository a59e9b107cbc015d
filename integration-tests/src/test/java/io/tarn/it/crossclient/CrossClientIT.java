package io.tarn.it.crossclient;

import io.tarn.it.Scripts;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same flows through boto3 and the AWS CLI (scripts in src/test/python), skipped when the
 * machine has no python3 with boto3 or no aws command (failed under CI).
 */
@ExtendWith(TarnServerExtension.class)
class CrossClientIT {

    @Test
    void boto3(URI endpoint) throws Exception {
        Scripts.requireClient(Scripts.BOTO3, "python3 with boto3 is not installed");
        Scripts.assertRuns(List.of("python3", Scripts.script("kms_sts_boto3.py"), endpoint.toString()), 180);
    }

    @Test
    void glueBoto3(URI endpoint) throws Exception {
        Scripts.requireClient(Scripts.BOTO3, "python3 with boto3 is not installed");
        Scripts.assertRuns(List.of("python3", Scripts.script("glue_boto3_check.py"), endpoint.toString()), 180);
    }

    @Test
    void glueCli(URI endpoint) throws Exception {
        Scripts.requireClient(Scripts.AWS_CLI, "the AWS CLI is not installed");
        Scripts.assertRuns(List.of("bash", Scripts.script("glue_cli_check.sh"), endpoint.toString()), 180);
    }

    @Test
    void glueSchemaRegistryBoto3(URI endpoint) throws Exception {
        Scripts.requireClient(Scripts.BOTO3, "python3 with boto3 is not installed");
        Scripts.assertRuns(List.of("python3", Scripts.script("glue_registry_boto3_check.py"), endpoint.toString()), 180);
    }

    @Test
    void awsCli(URI endpoint) throws Exception {
        Scripts.requireClient(Scripts.AWS_CLI, "the AWS CLI is not installed");
        Scripts.assertRuns(List.of("bash", Scripts.script("kms_sts_cli.sh"), endpoint.toString()), 180);
    }
}
