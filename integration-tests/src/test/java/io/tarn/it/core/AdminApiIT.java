package io.tarn.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.it.AdminCalls;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TarnServerExtension.class)
class AdminApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void healthListsEveryService(URI endpoint) throws Exception {
        HttpResponse<String> r = AdminCalls.send(endpoint, "GET", "/_tarn/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(r.body());
        assertThat(health.get("status").asText()).isEqualTo("ready");
        assertThat(health.get("services").get("kms").asText()).isEqualTo("ready");
        assertThat(health.get("services").get("sts").asText()).isEqualTo("ready");
    }

    @Test
    void theClockAdvancesAndChangesSpeed(URI endpoint) throws Exception {
        Instant before = Instant.parse(JSON.readTree(AdminCalls.send(endpoint, "GET", "/_tarn/clock", null).body()).get("now").asText());
        JsonNode after = JSON.readTree(AdminCalls.send(endpoint, "POST", "/_tarn/clock", "{\"advance\":\"P30D\"}").body());
        assertThat(Instant.parse(after.get("now").asText())).isAfterOrEqualTo(before.plus(Duration.ofDays(30)));

        JsonNode frozen = JSON.readTree(AdminCalls.send(endpoint, "POST", "/_tarn/clock", "{\"scale\":0}").body());
        assertThat(frozen.get("scale").asDouble()).isZero();
        Thread.sleep(20);
        assertThat(JSON.readTree(AdminCalls.send(endpoint, "GET", "/_tarn/clock", null).body()).get("now").asText())
                .isEqualTo(frozen.get("now").asText());
        AdminCalls.send(endpoint, "POST", "/_tarn/clock", "{\"scale\":1}");
    }

    @Test
    void badAdminInputIsA400NotA500(URI endpoint) throws Exception {
        assertThat(AdminCalls.send(endpoint, "POST", "/_tarn/clock", "{\"advance\":\"thirty days\"}").statusCode()).isEqualTo(400);
        assertThat(AdminCalls.send(endpoint, "POST", "/_tarn/clock", "{\"advance\":\"-PT1H\"}").statusCode()).isEqualTo(400);
        assertThat(AdminCalls.send(endpoint, "POST", "/_tarn/clock", "not json").statusCode()).isEqualTo(400);
        assertThat(AdminCalls.send(endpoint, "POST", "/_tarn/reset", "{\"service\":\"nope\"}").statusCode()).isEqualTo(404);
        assertThat(AdminCalls.send(endpoint, "GET", "/_tarn/nothing-here", null).statusCode()).isEqualTo(404);
    }
}
