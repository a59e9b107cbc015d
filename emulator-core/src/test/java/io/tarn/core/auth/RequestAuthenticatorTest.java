package io.tarn.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.config.AuthMode;
import io.tarn.core.config.TarnConfig;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Caller;
import io.tarn.core.spi.Protocol;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestAuthenticatorTest {

    private static final String AMZ_DATE = "20260101T000000Z";
    private static final byte[] BODY = "{\"KeyId\":\"k\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private StateStore store;
    private EmulatorClock clock;
    private CredentialStore credentials;

    @BeforeEach
    void open() {
        store = StateStore.open(dir, false);
        clock = EmulatorClock.manual(Instant.parse("2026-01-01T00:00:00Z"));
        credentials = new CredentialStore(TarnConfig.builder().build(), store.keyspace("sts"), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A request signed as a client would, returned as its headers. */
    private static Map<String, List<String>> signed(String accessKey, String secret, String token, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", new ArrayList<>(List.of("localhost:4566")));
        headers.put("x-amz-date", new ArrayList<>(List.of(AMZ_DATE)));
        headers.put("x-amz-target", new ArrayList<>(List.of("TrentService.Encrypt")));
        List<String> signedHeaders = new ArrayList<>(List.of("host", "x-amz-date", "x-amz-target"));
        if (token != null) {
            headers.put("x-amz-security-token", new ArrayList<>(List.of(token)));
            signedHeaders.add("x-amz-security-token");
        }
        SigV4Signature draft = new SigV4Signature(accessKey, "20260101", "us-east-1", "kms", signedHeaders, "", AMZ_DATE,
                false, 0, token);
        String canonical = SigV4Verifier.canonicalRequest("POST", "/", "", headers, signedHeaders,
                SigV4Verifier.sha256Hex(body), true);
        String signature = SigV4Verifier.sign(secret, draft, canonical);
        headers.put("authorization", List.of("AWS4-HMAC-SHA256 Credential=" + accessKey + "/20260101/us-east-1/kms/aws4_request, "
                + "SignedHeaders=" + String.join(";", signedHeaders) + ", Signature=" + signature));
        return headers;
    }

    private Caller authenticate(AuthMode mode, Map<String, List<String>> headers, byte[] body) {
        SigV4Signature sig = SigV4Parser.parse(headers, Map.of());
        return new RequestAuthenticator(mode, credentials, clock).authenticate(Protocol.JSON, sig, "POST", "/", "", headers, body);
    }

    private static void assertRefused(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void strictModeAcceptsAGoodSignatureAndRefusesTampering() {
        assertThat(authenticate(AuthMode.STRICT, signed("test", "test", null, BODY), BODY).account()).isEqualTo("000000000000");
        byte[] tampered = "{\"KeyId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        assertRefused(() -> authenticate(AuthMode.STRICT, signed("test", "test", null, BODY), tampered), "InvalidSignatureException");
        assertRefused(() -> authenticate(AuthMode.STRICT, signed("test", "wrong", null, BODY), BODY), "InvalidSignatureException");
        assertRefused(() -> authenticate(AuthMode.STRICT, signed("AKIANOBODY", "x", null, BODY), BODY), "UnrecognizedClientException");
        assertRefused(() -> authenticate(AuthMode.STRICT, Map.of(), BODY), "MissingAuthenticationTokenException");
    }

    @Test
    void theScopeDateMustBeTheRequestDate() {
        Map<String, List<String>> headers = signed("test", "test", null, BODY);
        String auth = headers.get("authorization").get(0).replace("/20260101/", "/20260102/");
        headers.put("authorization", List.of(auth));
        assertThatThrownBy(() -> authenticate(AuthMode.STRICT, headers, BODY)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("InvalidSignatureException");
            assertThat(e.getMessage()).contains("'20260102' != '20260101'");
        });
    }

    @Test
    void twelveDigitKeysAreAccounts() {
        assertThat(authenticate(AuthMode.LENIENT, signed("123456789012", "anything", null, BODY), BODY).account())
                .isEqualTo("123456789012");
        assertThat(authenticate(AuthMode.STRICT, signed("123456789012", "test", null, BODY), BODY).account())
                .isEqualTo("123456789012");
        assertThat(authenticate(AuthMode.LENIENT, signed("AKIAANY", "x", null, BODY), BODY).account()).isEqualTo("000000000000");
    }

    @Test
    void temporaryCredentialsNeedTheirTokenAndExpire() {
        TemporaryCredential t = credentials.issue("555555555555", "arn:aws:sts::555555555555:assumed-role/r/s", "AROAX:s",
                Duration.ofMinutes(15));
        Caller caller = authenticate(AuthMode.STRICT, signed(t.accessKeyId(), t.secretAccessKey(), t.sessionToken(), BODY), BODY);
        assertThat(caller.account()).isEqualTo("555555555555");
        assertThat(caller.arn()).isEqualTo("arn:aws:sts::555555555555:assumed-role/r/s");
        assertRefused(() -> authenticate(AuthMode.STRICT, signed(t.accessKeyId(), t.secretAccessKey(), null, BODY), BODY),
                "UnrecognizedClientException");
        // lenient mode still knows whose they are
        assertThat(authenticate(AuthMode.LENIENT, signed(t.accessKeyId(), "x", null, BODY), BODY).account()).isEqualTo("555555555555");
        clock.advance(Duration.ofMinutes(15));
        assertRefused(() -> authenticate(AuthMode.STRICT, signed(t.accessKeyId(), t.secretAccessKey(), t.sessionToken(), BODY), BODY),
                "ExpiredTokenException");
    }

    @Test
    void presignedUrlsExpireOnTheEmulatorClock() {
        Map<String, List<String>> query = Map.of(
                "X-Amz-Algorithm", List.of("AWS4-HMAC-SHA256"),
                "X-Amz-Credential", List.of("test/20260101/us-east-1/s3/aws4_request"),
                "X-Amz-Date", List.of(AMZ_DATE),
                "X-Amz-Expires", List.of("60"),
                "X-Amz-SignedHeaders", List.of("host"),
                "X-Amz-Signature", List.of("00"));
        Map<String, List<String>> headers = Map.of("host", List.of("localhost"));
        SigV4Signature sig = SigV4Parser.parse(headers, query);
        RequestAuthenticator lenient = new RequestAuthenticator(AuthMode.LENIENT, credentials, clock);
        assertThat(lenient.authenticate(Protocol.REST_XML, sig, "GET", "/b/k", "", headers, null).account()).isEqualTo("000000000000");
        clock.advance(Duration.ofSeconds(61));
        assertThatThrownBy(() -> lenient.authenticate(Protocol.REST_XML, sig, "GET", "/b/k", "", headers, null))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("AccessDenied");
                    assertThat(e.getMessage()).isEqualTo("Request has expired");
                    assertThat(e.status()).isEqualTo(403);
                });
    }

    @Test
    void sigV2IsVerifiedInStrictModeAndExpiresOnTheEmulatorClock() {
        long expires = Instant.parse("2026-01-01T00:10:00Z").getEpochSecond();
        String resource = "/bucket/key";
        SigV2Signature draft = new SigV2Signature("test", "", Instant.ofEpochSecond(expires), Long.toString(expires),
                resource, null);
        Map<String, List<String>> headers = Map.of("host", List.of("localhost"));
        String signature = SigV2Verifier.sign("test", SigV2Verifier.stringToSign(draft, "GET", headers, "versionId=v1"));
        String rawQuery = "versionId=v1&AWSAccessKeyId=test&Signature="
                + java.net.URLEncoder.encode(signature, StandardCharsets.UTF_8) + "&Expires=" + expires;
        SignatureClaim sig = SignatureParser.parse(headers, SigV4VerifierTest.decode(rawQuery), Protocol.REST_XML, resource);
        RequestAuthenticator strict = new RequestAuthenticator(AuthMode.STRICT, credentials, clock);
        assertThat(strict.authenticate(Protocol.REST_XML, sig, "GET", "/key", rawQuery, headers, null).account())
                .isEqualTo("000000000000");
        assertThat(strict.streamSigning(sig, headers)).isNull();
        // another version, another method: not what was signed
        assertThatThrownBy(() -> strict.authenticate(Protocol.REST_XML, sig, "GET", "/key",
                rawQuery.replace("v1", "v2"), headers, null))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.extra()).containsEntry("StringToSign", "GET\n\n\n" + expires + "\n/bucket/key?versionId=v2")
                            .containsEntry("SignatureProvided", signature);
                });
        assertRefused(() -> strict.authenticate(Protocol.REST_XML, sig, "PUT", "/key", rawQuery, headers, null),
                "SignatureDoesNotMatch");

        clock.advance(Duration.ofMinutes(11));
        RequestAuthenticator lenient = new RequestAuthenticator(AuthMode.LENIENT, credentials, clock);
        assertThatThrownBy(() -> lenient.authenticate(Protocol.REST_XML, sig, "GET", "/key", rawQuery, headers, null))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("AccessDenied");
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).isEqualTo("Request has expired");
                    assertThat(e.extra()).containsEntry("Expires", "2026-01-01T00:10:00Z")
                            .containsEntry("ServerTime", "2026-01-01T00:11:00Z");
                });
    }

    @Test
    void sigV2KeySelectsTheAccountInLenientMode() {
        SignatureClaim sig = SignatureParser.parse(Map.of("authorization", List.of("AWS 123456789012:anything"),
                "date", List.of("Thu, 01 Jan 2026 00:00:00 GMT")), Map.of(), Protocol.REST_XML, "/b");
        RequestAuthenticator lenient = new RequestAuthenticator(AuthMode.LENIENT, credentials, clock);
        assertThat(lenient.authenticate(Protocol.REST_XML, sig, "GET", "/b", "", Map.of(), null).account())
                .isEqualTo("123456789012");
    }
}
