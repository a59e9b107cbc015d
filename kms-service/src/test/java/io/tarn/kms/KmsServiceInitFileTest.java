package io.tarn.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.core.auth.CredentialStore;
import io.tarn.core.config.InitFile;
import io.tarn.core.config.TarnConfig;
import io.tarn.core.spi.Caller;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.Ports;
import io.tarn.core.spi.RequestContext;
import io.tarn.core.spi.RequestHandler;
import io.tarn.core.spi.ServiceContext;
import io.tarn.core.spi.ServiceRequest;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The init file's keys through the service's start, as the server runs it: real store, manual clock. */
class KmsServiceInitFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private EmulatorClock clock;
    private Scheduler scheduler;
    private StateStore store;

    @BeforeEach
    void open() {
        clock = EmulatorClock.manual(Instant.parse("2025-01-01T00:00:00Z"));
        scheduler = new Scheduler(clock);
        store = StateStore.open(dir.resolve("state"), false);
    }

    @AfterEach
    void close() {
        store.close();
        scheduler.close();
    }

    @Test
    void theInitFileKeysExistOnceTheServiceHasStarted() throws Exception {
        Path file = dir.resolve("tarn.yaml");
        Files.writeString(file, String.join("\n",
                "resources:",
                "  kms:",
                "    keys:",
                "      - alias: alias/app",
                "        description: app key",
                "      - alias: alias/eu",
                "        region: eu-west-1",
                ""));
        TarnConfig config = TarnConfig.builder().dataDir(dir).defaultAccount("123456789012")
                .initFile(InitFile.read(file)).build();
        for (int start = 0; start < 2; start++) {
            KmsService kms = new KmsService();
            RequestHandler handler = kms.start(context(config));
            JsonNode aliases = call(handler, "ListAliases", "{}");
            assertThat(aliases.get("Aliases")).hasSize(1);
            assertThat(aliases.get("Aliases").get(0).get("AliasArn").asText())
                    .isEqualTo("arn:aws:kms:us-east-1:123456789012:alias/app");
            JsonNode md = call(handler, "DescribeKey", "{\"KeyId\":\"alias/app\"}").get("KeyMetadata");
            assertThat(md.get("Description").asText()).isEqualTo("app key");
            assertThat(call(handler, "ListKeys", "{}").get("Keys")).hasSize(1);
            kms.close();
        }
    }

    @Test
    void aBadEntryFailsTheStart() throws Exception {
        Path file = dir.resolve("tarn.json");
        Files.writeString(file, "{\"resources\":{\"kms\":{\"keys\":[{\"alias\":\"alias/app\",\"keySpec\":\"AES_256\"}]}}}");
        TarnConfig config = TarnConfig.builder().dataDir(dir).initFile(InitFile.read(file)).build();
        assertThatThrownBy(() -> new KmsService().start(context(config))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("init file: resources.kms.keys[0] (alias/app): keySpec 'AES_256' is not a KMS key spec");
    }

    private ServiceContext context(TarnConfig config) {
        return new ServiceContext(config, store, clock, scheduler, new Ports(),
                new CredentialStore(config, store.keyspace("sts"), clock), dir, () -> java.net.URI.create("http://127.0.0.1:4566"));
    }

    private JsonNode call(RequestHandler handler, String operation, String body) throws Exception {
        RequestContext ctx = new RequestContext("req-1", new Namespace("123456789012", "us-east-1"),
                Caller.root("test", "123456789012"), "kms", clock);
        ServiceRequest request = new ServiceRequest(ctx, "POST", "/", Map.of(),
                Map.of("x-amz-target", List.of("TrentService." + operation),
                        "content-type", List.of("application/x-amz-json-1.1")),
                body.getBytes(StandardCharsets.UTF_8));
        ServiceResponse response = handler.handle(request);
        assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
