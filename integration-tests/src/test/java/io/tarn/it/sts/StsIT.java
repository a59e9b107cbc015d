package io.tarn.it.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

@ExtendWith(TarnServerExtension.class)
class StsIT {

    @Test
    void callerIdentityComesFromTheAccessKey(StsClient sts, URI endpoint) {
        GetCallerIdentityResponse me = sts.getCallerIdentity();
        assertThat(me.account()).isEqualTo("000000000000");
        assertThat(me.arn()).isEqualTo("arn:aws:iam::000000000000:root");

        try (StsClient other = client(endpoint, AwsBasicCredentials.create("111122223333", "anything"))) {
            assertThat(other.getCallerIdentity().account()).isEqualTo("111122223333");
        }
    }

    @Test
    void assumedRoleCredentialsActAsTheRoleInItsAccount(StsClient sts, URI endpoint) {
        AssumeRoleResponse role = sts.assumeRole(b -> b.roleArn("arn:aws:iam::123456789012:role/app/reader")
                .roleSessionName("it-session").durationSeconds(900));
        Credentials c = role.credentials();
        assertThat(c.accessKeyId()).startsWith("ASIA");
        assertThat(c.expiration()).isAfter(Instant.now().plus(Duration.ofMinutes(14)));
        assertThat(role.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/reader/it-session");

        try (StsClient asRole = client(endpoint, AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))) {
            GetCallerIdentityResponse me = asRole.getCallerIdentity();
            assertThat(me.account()).isEqualTo("123456789012");
            assertThat(me.arn()).isEqualTo(role.assumedRoleUser().arn());
            assertThat(me.userId()).isEqualTo(role.assumedRoleUser().assumedRoleId());
        }
    }

    @Test
    void sessionTokenKeepsTheCaller(StsClient sts) {
        Credentials c = sts.getSessionToken(b -> b.durationSeconds(3600)).credentials();
        assertThat(c.sessionToken()).isNotBlank();
        assertThat(c.secretAccessKey()).isNotBlank();
    }

    @Test
    void badInputGetsStsErrors(StsClient sts) {
        assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn("arn:aws:iam::123456789012:role/x").roleSessionName("s")))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
        assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn("arn:aws:iam::123456789012:role/x").roleSessionName("ok-name")
                .durationSeconds(60)))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> sts.getFederationToken(b -> b.name("fed")))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                    assertThat(e.statusCode()).isEqualTo(501);
                });
    }

    static StsClient client(URI endpoint, software.amazon.awssdk.auth.credentials.AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }
}
