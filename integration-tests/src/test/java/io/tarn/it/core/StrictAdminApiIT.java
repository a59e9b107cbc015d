package io.tarn.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.it.AdminCalls;
import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kms.KmsClient;

/** With --auth strict, the admin API changes state only for a signed request by a known key or the admin token. */
@ExtendWith(TarnServerExtension.class)
@ServerArgs({"--auth", "strict", "--admin-token", StrictAdminApiIT.TOKEN})
class StrictAdminApiIT {

    static final String TOKEN = "it-admin-token-4c1d";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anUnsignedResetIsRefusedAndLeavesTheStateAlone(URI endpoint, KmsClient kms) throws Exception {
        String keyId = kms.createKey(b -> { }).keyMetadata().keyId();

        HttpResponse<String> refused = AdminCalls.sendUnsigned(endpoint, "POST", "/_tarn/reset", null);

        assertThat(refused.statusCode()).isEqualTo(403);
        JsonNode error = JSON.readTree(refused.body());
        assertThat(error.get("error").asText()).isEqualTo("AccessDenied");
        assertThat(error.get("message").asText()).contains("signed");
        assertThat(kms.describeKey(b -> b.keyId(keyId)).keyMetadata().keyId()).isEqualTo(keyId);
    }

    @Test
    void aWrongTokenIsRefusedAndAnUnsignedClockChangeToo(URI endpoint) throws Exception {
        Instant before = now(endpoint);
        HttpResponse<String> wrongToken = AdminCalls.sendWithToken(endpoint, "POST", "/_tarn/clock", "{\"advance\":\"P1D\"}", "guess");
        HttpResponse<String> unsigned = AdminCalls.sendUnsigned(endpoint, "POST", "/_tarn/clock", "{\"advance\":\"P1D\"}");

        assertThat(JSON.readTree(wrongToken.body()).get("error").asText()).isEqualTo("AccessDenied");
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(unsigned.body()).get("error").asText()).isEqualTo("AccessDenied");
        assertThat(now(endpoint)).isBefore(before.plus(Duration.ofHours(1)));
    }

    @Test
    void aRequestSignedByAKnownKeyMovesTheClock(URI endpoint) throws Exception {
        Instant before = now(endpoint);
        HttpResponse<String> r = AdminCalls.send(endpoint, "POST", "/_tarn/clock", "{\"advance\":\"P2D\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Instant.parse(JSON.readTree(r.body()).get("now").asText())).isAfterOrEqualTo(before.plus(Duration.ofDays(2)));
    }

    @Test
    void theAdminTokenResets(URI endpoint, KmsClient kms) throws Exception {
        kms.createKey(b -> { });
        HttpResponse<String> r = AdminCalls.sendWithToken(endpoint, "POST", "/_tarn/reset?service=kms", null, TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(kms.listKeys().keys()).isEmpty();
    }

    @Test
    void readsStayOpen(URI endpoint) throws Exception {
        assertThat(AdminCalls.sendUnsigned(endpoint, "GET", "/_tarn/health", null).statusCode()).isEqualTo(200);
        assertThat(AdminCalls.sendUnsigned(endpoint, "GET", "/_tarn/clock", null).statusCode()).isEqualTo(200);
    }

    private static Instant now(URI endpoint) throws Exception {
        return Instant.parse(JSON.readTree(AdminCalls.sendUnsigned(endpoint, "GET", "/_tarn/clock", null).body()).get("now").asText());
    }
}
