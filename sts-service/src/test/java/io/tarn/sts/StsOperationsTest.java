package io.tarn.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.auth.CredentialStore;
import io.tarn.core.config.TarnConfig;
import io.tarn.core.error.AwsException;
import io.tarn.core.protocol.query.QueryParams;
import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.Caller;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.RequestContext;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.sts.api.StsOperations;
import io.tarn.sts.engine.SessionIssuer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StsOperationsTest {

    @TempDir
    Path dir;
    private StateStore store;
    private EmulatorClock clock;
    private CredentialStore credentials;
    private StsOperations sts;
    private RequestContext ctx;

    @BeforeEach
    void open() {
        store = StateStore.open(dir, false);
        clock = EmulatorClock.manual(Instant.parse("2026-03-01T12:00:00Z"));
        credentials = new CredentialStore(TarnConfig.builder().build(), store.keyspace("sts"), clock);
        sts = new StsOperations(new SessionIssuer(credentials), credentials.identities());
        ctx = new RequestContext("r", new Namespace("000000000000", "us-east-1"), Caller.root("test", "000000000000"), "sts", clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String call(String action, Map<String, String> params) {
        XmlWriter xml = new XmlWriter().start("R");
        switch (action) {
            case "AssumeRole":
                sts.assumeRole(ctx, new QueryParams(params), xml);
                break;
            case "GetSessionToken":
                sts.getSessionToken(ctx, new QueryParams(params), xml);
                break;
            default:
                sts.getCallerIdentity(ctx, new QueryParams(params), xml);
        }
        return xml.end().toString();
    }

    @Test
    void assumeRoleIssuesCredentialsTheStoreKnows() {
        String xml = call("AssumeRole", Map.of("RoleArn", "arn:aws:iam::123456789012:role/team/etl", "RoleSessionName", "job-1",
                "DurationSeconds", "1800"));
        assertThat(xml).contains("<Arn>arn:aws:sts::123456789012:assumed-role/etl/job-1</Arn>")
                .contains("<Expiration>2026-03-01T12:30:00Z</Expiration>");
        String accessKey = xml.replaceAll("(?s).*<AccessKeyId>([^<]+)</AccessKeyId>.*", "$1");
        Caller caller = credentials.callerFor(accessKey);
        assertThat(caller.account()).isEqualTo("123456789012");
        assertThat(caller.arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/etl/job-1");
        // the same role always gets the same role id
        String again = call("AssumeRole", Map.of("RoleArn", "arn:aws:iam::123456789012:role/team/etl", "RoleSessionName", "job-2"));
        String id = xml.replaceAll("(?s).*<AssumedRoleId>(AROA[A-Z2-7]+):.*", "$1");
        assertThat(again).contains("<AssumedRoleId>" + id + ":job-2</AssumedRoleId>");
    }

    @Test
    void callerIdentityIsTheCaller() {
        assertThat(call("GetCallerIdentity", Map.of())).contains("<Account>000000000000</Account>")
                .contains("<Arn>arn:aws:iam::000000000000:root</Arn>");
    }

    @Test
    void invalidParametersAreValidationErrors() {
        for (Map<String, String> bad : new Map[] {
                Map.of("RoleSessionName", "s1"),
                Map.of("RoleArn", "arn:aws:iam::123456789012:role/x", "RoleSessionName", "bad name"),
                Map.of("RoleArn", "not-an-arn-but-long-enough", "RoleSessionName", "ok"),
                Map.of("RoleArn", "arn:aws:iam::123456789012:role/x", "RoleSessionName", "ok", "DurationSeconds", "43201"),
                Map.of("RoleArn", "arn:aws:iam::123456789012:role/x", "RoleSessionName", "ok", "DurationSeconds", "soon")}) {
            assertStsError(() -> call("AssumeRole", bad), "ValidationError", 400);
        }
        assertStsError(() -> call("GetSessionToken", Map.of("DurationSeconds", "899")), "ValidationError", 400);
    }

    @Test
    void rootSessionTokensLastAtMostOneHour() {
        assertThat(call("GetSessionToken", Map.of())).contains("<Expiration>2026-03-01T13:00:00Z</Expiration>");
        assertThat(call("GetSessionToken", Map.of("DurationSeconds", "129600"))).contains("<Expiration>2026-03-01T13:00:00Z</Expiration>");
        assertThat(call("GetSessionToken", Map.of("DurationSeconds", "1800"))).contains("<Expiration>2026-03-01T12:30:00Z</Expiration>");
        assertStsError(() -> call("GetSessionToken", Map.of("DurationSeconds", "129601")), "ValidationError", 400);
    }

    @Test
    void aRoleSessionsTokenKeepsTheRequestedDuration() {
        ctx = withCaller(new Caller("ASIAUSER", "000000000000", "arn:aws:iam::000000000000:user/alice", "AIDAALICE", null));
        assertThat(call("GetSessionToken", Map.of("DurationSeconds", "7200"))).contains("<Expiration>2026-03-01T14:00:00Z</Expiration>");
        assertThat(call("GetSessionToken", Map.of())).contains("<Expiration>2026-03-02T00:00:00Z</Expiration>");
    }

    @Test
    void sessionCredentialsCannotGetASessionTokenAndChainRolesForAnHourAtMost() {
        String role = call("AssumeRole", Map.of("RoleArn", "arn:aws:iam::123456789012:role/etl", "RoleSessionName", "first"));
        ctx = withCaller(credentials.callerFor(role.replaceAll("(?s).*<AccessKeyId>([^<]+)</AccessKeyId>.*", "$1")));
        assertThatThrownBy(() -> call("GetSessionToken", Map.of())).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("AccessDenied");
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.getMessage()).isEqualTo("Cannot call GetSessionToken with session credentials");
        });
        assertThatThrownBy(() -> call("AssumeRole", Map.of("RoleArn", "arn:aws:iam::123456789012:role/next", "RoleSessionName", "second",
                "DurationSeconds", "3601"))).isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("ValidationError");
                    assertThat(e.getMessage()).isEqualTo(
                            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
                });
        assertThat(call("AssumeRole", Map.of("RoleArn", "arn:aws:iam::123456789012:role/next", "RoleSessionName", "second",
                "DurationSeconds", "3600"))).contains("<Expiration>2026-03-01T13:00:00Z</Expiration>");
    }

    private RequestContext withCaller(Caller caller) {
        return new RequestContext("r", new Namespace(caller.account(), "us-east-1"), caller, "sts", clock);
    }

    private static void assertStsError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code, int status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status()).isEqualTo(status);
        });
    }
}
