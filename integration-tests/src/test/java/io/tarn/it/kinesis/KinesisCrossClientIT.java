package io.tarn.it.kinesis;

import io.tarn.it.Scripts;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Kinesis put/get flows through boto3 and the AWS CLI (scripts in src/test/python), skipped without them (failed under CI). */
@ExtendWith(TarnServerExtension.class)
class KinesisCrossClientIT {

    @Test
    void boto3(URI endpoint) throws Exception {
        Scripts.requireClient(Scripts.BOTO3, "python3 with boto3 is not installed");
        Scripts.assertRuns(List.of("python3", Scripts.script("kinesis_boto3_check.py"), endpoint.toString()), 180);
    }

    @Test
    void awsCli(URI endpoint) throws Exception {
        Scripts.requireClient(Scripts.AWS_CLI, "the AWS CLI is not installed");
        Scripts.assertRuns(List.of("bash", Scripts.script("kinesis_cli_check.sh"), endpoint.toString()), 180);
    }
}
