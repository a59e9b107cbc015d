package io.tarn.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.auth.CredentialStore;
import io.tarn.core.auth.TemporaryCredential;
import io.tarn.core.iam.AccessRequest;
import io.tarn.core.iam.ContextKeys;
import io.tarn.core.iam.Identities;
import io.tarn.core.iam.RequestPrincipal;
import io.tarn.core.spi.Caller;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users and roles of the init file: read, compiled at start-up, and the credentials that act as them. */
class InitFileIdentitiesTest {

    @TempDir
    Path dir;

    private static final String INIT = """
            users:
              - name: alice
                account: "111111111111"
                accessKeyId: AKIAALICE
                secretAccessKey: alice-secret
                policies:
                  read-reports:
                    Version: "2012-10-17"
                    Statement:
                      - {Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::data/reports/*"}
                  from-file: policies/list.json
            roles:
              - name: reader
                account: "111111111111"
                path: /app/
                trustPolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"sts:AssumeRole"}]}'
                policies: {read: policies/list.json}
            """;

    private Path write(String init) throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("policies/list.json"), """
                {"Version": "2012-10-17", "Statement": [{"Sid": "List", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}
                """);
        Path file = dir.resolve("tarn.yaml");
        Files.writeString(file, init);
        return file;
    }

    private static boolean allowed(Identities ids, RequestPrincipal who, String action, String resource) {
        return ids.decide(new AccessRequest(who, action, resource, ContextKeys.EMPTY)).allowed();
    }

    @Test
    void usersAndRolesWithInlineAndFilePolicies() throws IOException {
        InitFile file = InitFile.read(write(INIT));
        Identities ids = ConfiguredIdentities.compile(file, TarnConfig.DEFAULT_ACCOUNT);
        RequestPrincipal alice = RequestPrincipal.of("111111111111", "arn:aws:iam::111111111111:user/alice", null);
        assertThat(ids.user("arn:aws:iam::111111111111:user/alice").policies()).containsOnlyKeys("read-reports", "from-file");
        assertThat(allowed(ids, alice, "s3:GetObject", "arn:aws:s3:::data/reports/a")).isTrue();
        assertThat(allowed(ids, alice, "s3:ListBucket", "arn:aws:s3:::data")).isTrue(); // from the file
        assertThat(allowed(ids, alice, "s3:PutObject", "arn:aws:s3:::data/reports/a")).isFalse();
        Identities.Identity reader = ids.role("111111111111", "reader");
        assertThat(reader.arn()).isEqualTo("arn:aws:iam::111111111111:role/app/reader");
        assertThat(reader.trustPolicy()).isNotNull();
    }

    @Test
    void aMalformedPolicyFailsTheStartNamingTheIdentity() throws IOException {
        Path file = write(INIT.replace("Effect: Allow, Action: s3:GetObject", "Effect: Permit, Action: s3:GetObject"));
        assertThatThrownBy(() -> InitFile.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("init file: user alice, policy read-reports: Invalid effect: Permit");
        Path missing = write(INIT.replace("from-file: policies/list.json", "from-file: policies/none.json"));
        assertThatThrownBy(() -> InitFile.read(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("init file: user alice, policy from-file: cannot read the policy file");
        Path trust = write(INIT.replace("\"Action\":\"sts:AssumeRole\"}", "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}"));
        assertThatThrownBy(() -> InitFile.read(trust)).hasMessage("init file: role reader, trust policy: Has prohibited field Resource");
    }

    @Test
    void aUsersKeySignsAsTheUserAndDefaultKeysStayTheAccountRoot() throws IOException {
        TarnConfig config = TarnConfig.builder().initFile(InitFile.read(write(INIT))).build();
        try (StateStore store = StateStore.open(dir.resolve("data"), false)) {
            CredentialStore credentials = new CredentialStore(config, store.keyspace("sts"), EmulatorClock.manual(Instant.EPOCH));
            CredentialStore.Known alice = credentials.find("AKIAALICE").orElseThrow();
            assertThat(alice.secretAccessKey()).isEqualTo("alice-secret");
            assertThat(alice.caller().arn()).isEqualTo("arn:aws:iam::111111111111:user/alice");
            assertThat(alice.caller().account()).isEqualTo("111111111111");
            assertThat(alice.caller().userId()).startsWith("AIDA").hasSize(21);
            assertThat(credentials.callerFor("test")).isEqualTo(Caller.root("test", TarnConfig.DEFAULT_ACCOUNT));
            assertThat(credentials.callerFor("222222222222")).isEqualTo(Caller.root("222222222222", "222222222222"));
        }
    }

    @Test
    void aSessionKeepsItsSessionPolicyAcrossARestart() throws IOException {
        TarnConfig config = TarnConfig.builder().initFile(InitFile.read(write(INIT))).build();
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}]}";
        String arn = "arn:aws:sts::111111111111:assumed-role/reader/s1";
        TemporaryCredential issued;
        EmulatorClock clock = EmulatorClock.manual(Instant.parse("2026-01-01T00:00:00Z"));
        try (StateStore store = StateStore.open(dir.resolve("data"), false)) {
            issued = new CredentialStore(config, store.keyspace("sts"), clock).issue("111111111111", arn, "AROAX:s1",
                    Duration.ofHours(1), policy);
        }
        try (StateStore store = StateStore.open(dir.resolve("data"), false)) {
            CredentialStore reopened = new CredentialStore(config, store.keyspace("sts"), clock);
            Caller caller = reopened.find(issued.accessKeyId()).orElseThrow().caller();
            assertThat(caller.arn()).isEqualTo(arn);
            assertThat(caller.sessionPolicy()).isNotNull();
            RequestPrincipal session = RequestPrincipal.of(caller.account(), caller.arn(), null).withSessionPolicy(caller.sessionPolicy());
            Identities ids = reopened.identities();
            assertThat(ids.decide(new AccessRequest(session, "s3:ListBucket", "arn:aws:s3:::data", ContextKeys.EMPTY)).allowed()).isTrue();
            // the role allows s3:ListBucket only; the session policy too: GetObject falls outside both
            assertThat(ids.decide(new AccessRequest(session, "s3:GetObject", "arn:aws:s3:::data/x", ContextKeys.EMPTY)).allowed())
                    .isFalse();
        }
    }
}
