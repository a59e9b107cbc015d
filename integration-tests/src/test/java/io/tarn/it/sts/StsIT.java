package io.tarn.it.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.it.AdminCalls;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
        assertThat(c.sessionToken()).isNotEqualTo(c.accessKeyId()).isNotEqualTo(c.secretAccessKey());
        assertThat(role.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/reader/it-session");

        try (StsClient asRole = client(endpoint, AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))) {
            GetCallerIdentityResponse me = asRole.getCallerIdentity();
            assertThat(me.account()).isEqualTo("123456789012");
            assertThat(me.arn()).isEqualTo(role.assumedRoleUser().arn());
            assertThat(me.userId()).isEqualTo(role.assumedRoleUser().assumedRoleId());
        }
    }

    @Test
    void rootSessionTokenKeepsTheCallerForAnHourAtMost(StsClient sts, URI endpoint) throws Exception {
        Instant now = AdminCalls.changeClock(endpoint, "{\"scale\":0}"); // frozen: expirations are exact
        try {
            Credentials c = sts.getSessionToken(b -> b.durationSeconds(129_600)).credentials();
            assertThat(c.expiration()).isEqualTo(now.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS));
            assertThat(c.accessKeyId()).startsWith("ASIA");
            try (StsClient session = client(endpoint, AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()))) {
                GetCallerIdentityResponse me = session.getCallerIdentity();
                assertThat(me.account()).isEqualTo("000000000000");
                assertThat(me.arn()).isEqualTo("arn:aws:iam::000000000000:root");
                assertThatThrownBy(session::getSessionToken).isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot call GetSessionToken with session credentials");
                    assertThat(e.statusCode()).isEqualTo(403);
                });
            }
            assertThat(sts.getSessionToken(b -> b.durationSeconds(900)).credentials().expiration())
                    .isEqualTo(now.plus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.SECONDS));
        } finally {
            AdminCalls.changeClock(endpoint, "{\"scale\":1}");
        }
    }

    @Test
    void roleChainingIsLimitedToAnHour(StsClient sts, URI endpoint) {
        Credentials first = sts.assumeRole(b -> b.roleArn("arn:aws:iam::123456789012:role/hub").roleSessionName("first")
                .durationSeconds(7200)).credentials();
        try (StsClient asRole = client(endpoint, AwsSessionCredentials.create(first.accessKeyId(), first.secretAccessKey(),
                first.sessionToken()))) {
            assertThatThrownBy(() -> asRole.assumeRole(b -> b.roleArn("arn:aws:iam::123456789012:role/spoke").roleSessionName("second")
                    .durationSeconds(3601))).isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
            AssumeRoleResponse second = asRole.assumeRole(b -> b.roleArn("arn:aws:iam::123456789012:role/spoke").roleSessionName("second"));
            assertThat(second.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/spoke/second");
        }
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
