package io.tarn.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.core.auth.CredentialStore;
import io.tarn.core.auth.RequestAuthenticator;
import io.tarn.core.auth.SigV4Signature;
import io.tarn.core.auth.SigV4Verifier;
import io.tarn.core.config.AuthMode;
import io.tarn.core.config.TarnConfig;
import io.tarn.core.http.RequestHead;
import io.tarn.core.routing.ServiceTable;
import io.tarn.core.spi.ServiceResponse;
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

class AdminApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String AMZ_DATE = "20260101T000000Z";
    private static final String TOKEN = "s3cret-admin-token";

    @TempDir
    Path dir;
    private StateStore store;
    private EmulatorClock clock;
    private CredentialStore credentials;
    private final List<String> resets = new ArrayList<>();

    @BeforeEach
    void open() {
        store = StateStore.open(dir, false);
        clock = EmulatorClock.manual(T0);
        credentials = new CredentialStore(TarnConfig.builder().build(), store.keyspace("sts"), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private AdminApi admin(AuthMode mode) {
        AdminAccess access = new AdminAccess(new RequestAuthenticator(mode, credentials, clock), TOKEN);
        return new AdminApi(new ServiceTable(List.of()), access, clock, s -> resets.add(s == null ? "all" : s), "test");
    }

    private static ServiceResponse call(AdminApi admin, String method, String path, Map<String, List<String>> headers, String body) {
        RequestHead head = new RequestHead(method, path, "", Map.of(), headers);
        return admin.exchange(head).complete(body.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, List<String>> headers(String... nameValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("localhost:4566"));
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return headers;
    }

    /** The headers of {@code POST path} with {@code body} signed by {@code accessKey}/{@code secret}, as an SDK signs. */
    private static Map<String, List<String>> signed(String path, String body, String accessKey, String secret) {
        Map<String, List<String>> headers = headers("x-amz-date", AMZ_DATE);
        List<String> signedHeaders = List.of("host", "x-amz-date");
        SigV4Signature draft = new SigV4Signature(accessKey, "20260101", "us-east-1", "tarn", signedHeaders, "", AMZ_DATE,
                false, 0, null);
        String canonical = SigV4Verifier.canonicalRequest("POST", path, "", headers, signedHeaders,
                SigV4Verifier.sha256Hex(body.getBytes(StandardCharsets.UTF_8)), true);
        headers.put("authorization", List.of("AWS4-HMAC-SHA256 Credential=" + accessKey + "/20260101/us-east-1/tarn/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=" + SigV4Verifier.sign(secret, draft, canonical)));
        return headers;
    }

    private static void assertError(ServiceResponse r, int status, String code) throws Exception {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.headers()).containsEntry("content-type", "application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.size()).isEqualTo(2);
    }

    @Test
    void strictModeRefusesAnUnsignedResetOrClockChangeWithA403() throws Exception {
        AdminApi admin = admin(AuthMode.STRICT);
        assertError(call(admin, "POST", "/_tarn/reset", headers(), ""), 403, "AccessDenied");
        assertError(call(admin, "POST", "/_tarn/clock", headers(), "{\"advance\":\"P1D\"}"), 403, "AccessDenied");
        assertError(call(admin, "DELETE", "/_tarn/kms/audit", headers(), ""), 403, "AccessDenied");
        assertThat(resets).isEmpty();
        assertThat(clock.instant()).isEqualTo(T0);
    }

    @Test
    void strictModeAcceptsARequestSignedByAKnownKey() throws Exception {
        AdminApi admin = admin(AuthMode.STRICT);
        String body = "{\"advance\":\"P1D\"}";
        ServiceResponse r = call(admin, "POST", "/_tarn/clock", signed("/_tarn/clock", body, "test", "test"), body);
        assertThat(r.status()).isEqualTo(200);
        assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofDays(1)));
    }

    @Test
    void strictModeRefusesABadSignatureAnUnknownKeyAndATamperedBody() throws Exception {
        AdminApi admin = admin(AuthMode.STRICT);
        assertError(call(admin, "POST", "/_tarn/reset", signed("/_tarn/reset", "", "test", "wrong"), ""), 403, "AccessDenied");
        assertError(call(admin, "POST", "/_tarn/reset", signed("/_tarn/reset", "", "AKIANOBODY", "test"), ""), 403, "AccessDenied");
        assertError(call(admin, "POST", "/_tarn/reset", signed("/_tarn/reset", "", "test", "test"), "{\"service\":\"kms\"}"),
                403, "AccessDenied");
        assertThat(resets).isEmpty();
    }

    @Test
    void strictModeAcceptsTheAdminTokenAndNoOtherBearer() throws Exception {
        AdminApi admin = admin(AuthMode.STRICT);
        assertError(call(admin, "POST", "/_tarn/reset", headers("authorization", "Bearer guess"), ""), 403, "AccessDenied");
        assertThat(call(admin, "POST", "/_tarn/reset", headers("authorization", "Bearer " + TOKEN), "").status()).isEqualTo(200);
        assertThat(resets).containsExactly("all");
    }

    @Test
    void withoutATokenConfiguredNoBearerIsAccepted() throws Exception {
        AdminApi admin = new AdminApi(new ServiceTable(List.of()),
                new AdminAccess(new RequestAuthenticator(AuthMode.STRICT, credentials, clock), null), clock, resets::add, "test");
        assertError(call(admin, "POST", "/_tarn/reset", headers("authorization", "Bearer "), ""), 403, "AccessDenied");
        assertThat(resets).isEmpty();
    }

    @Test
    void readsStayOpenInStrictMode() throws Exception {
        AdminApi admin = admin(AuthMode.STRICT);
        ServiceResponse r = call(admin, "GET", "/_tarn/clock", headers(), "");
        assertThat(r.status()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("now").asText()).isEqualTo(T0.toString());
        assertThat(call(admin, "GET", "/_tarn/health", headers(), "").status()).isEqualTo(200);
    }

    @Test
    void lenientModeLetsAnyoneChangeState() throws Exception {
        AdminApi admin = admin(AuthMode.LENIENT);
        assertThat(call(admin, "POST", "/_tarn/reset", headers(), "").status()).isEqualTo(200);
        assertThat(resets).containsExactly("all");
    }

    @Test
    void everyErrorHasTheOneShape() throws Exception {
        AdminApi admin = admin(AuthMode.LENIENT);
        assertError(call(admin, "POST", "/_tarn/clock", headers(), "{\"advance\":\"thirty days\"}"), 400, "ValidationException");
        assertError(call(admin, "POST", "/_tarn/clock", headers(), "{\"advance\":\"-PT1H\"}"), 400, "ValidationException");
        assertError(call(admin, "POST", "/_tarn/clock", headers(), "not json"), 400, "ValidationException");
        assertError(call(admin, "POST", "/_tarn/reset", headers(), "{\"service\":\"nope\"}"), 404, "NotFound");
        assertError(call(admin, "GET", "/_tarn/reset", headers(), ""), 405, "MethodNotAllowed");
        assertError(call(admin, "GET", "/_tarn/nothing-here", headers(), ""), 404, "NotFound");
        assertError(admin.exchange(new RequestHead("POST", "/_tarn/clock", "", Map.of(), headers())).tooLarge(),
                413, "RequestEntityTooLarge");
    }
}
