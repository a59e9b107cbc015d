package io.tarn.it.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tarn.it.Scripts;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A client of a service Tarn does not serve gets an error in its own protocol naming the service,
 * not an S3 error it cannot read; S3 still takes what names no service.
 */
@ExtendWith(TarnServerExtension.class)
class UnservedServiceIT {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private static void assertUnserved(Runnable call, String service) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Tarn does not serve " + service);
        });
    }

    @Test
    void sdkClientsOfServicesTarnLacksSeeWhichServiceIsMissing(URI endpoint) {
        try (SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                        .credentialsProvider(CREDENTIALS).build()) {
            assertUnserved(() -> sqs.listQueues(), "sqs");
            assertUnserved(() -> sqs.sendMessage(b -> b.queueUrl(endpoint + "/000000000000/q").messageBody("x")), "sqs");
        }
    }

    @Test
    void anUnsignedTargetOfAnotherServiceIsAnsweredInJson(URI endpoint) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.0").header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/x-amz-json-1.0");
        assertThat(r.body()).contains("\"__type\":\"UnknownOperationException\"").contains("Tarn does not serve dynamodb");
    }

    @Test
    void s3StillTakesWhatNamesNoService(URI endpoint) {
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(CREDENTIALS).build()) {
            s3.createBucket(b -> b.bucket("unserved-check"));
            assertThat(s3.listBuckets().buckets()).anyMatch(b -> b.name().equals("unserved-check"));
        }
    }

    @Test
    void boto3ClientsOfServicesTarnLacksSeeWhichServiceIsMissing(URI endpoint) throws Exception {
        assumeTrue(Scripts.available(List.of("python3", "-c", "import boto3")), "python3 with boto3 is not installed");
        Scripts.assertRuns(List.of("python3", Scripts.script("unserved_boto3_check.py"), endpoint.toString()), 120);
    }
}
