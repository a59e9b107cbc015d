package io.tarn.it.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.it.AdminCalls;
import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** With --auth strict, signatures are verified and STS credentials expire on the emulator clock. */
@ExtendWith(TarnServerExtension.class)
@ServerArgs({"--auth", "strict"})
class StrictAuthIT {

    @Test
    void theRightSecretPasses(StsClient sts) {
        assertThat(sts.getCallerIdentity().account()).isEqualTo("000000000000");
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatch(URI endpoint) {
        try (StsClient sts = StsIT.client(endpoint, AwsBasicCredentials.create("test", "not-the-secret"))) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                assertThat(e.statusCode()).isEqualTo(403);
            });
        }
    }

    @Test
    void anUnknownKeyIsInvalidClientTokenId(URI endpoint) {
        try (StsClient sts = StsIT.client(endpoint, AwsBasicCredentials.create("AKIAUNKNOWN", "x"))) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                assertThat(e.statusCode()).isEqualTo(403);
            });
        }
    }

    @Test
    void temporaryCredentialsWorkUntilTheyExpire(StsClient sts, URI endpoint) throws Exception {
        Credentials c = sts.assumeRole(b -> b.roleArn("arn:aws:iam::222233334444:role/job").roleSessionName("strict")
                .durationSeconds(900)).credentials();
        try (StsClient asRole = StsIT.client(endpoint, AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))) {
            assertThat(asRole.getCallerIdentity().account()).isEqualTo("222233334444");
            try (StsClient noToken = StsIT.client(endpoint, AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()))) {
                assertThatThrownBy(noToken::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                    assertThat(e.statusCode()).isEqualTo(403);
                });
            }
            // strict mode: the admin call that changes the clock must be signed too
            AdminCalls.changeClock(endpoint, "{\"advance\":\"PT16M\"}");
            assertThatThrownBy(asRole::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
                assertThat(e.statusCode()).isEqualTo(400);
            });
        }
    }

    @Test
    void unsignedRequestsAreRefused(URI endpoint) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", "TrentService.ListKeys")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("MissingAuthenticationTokenException");
    }
}
