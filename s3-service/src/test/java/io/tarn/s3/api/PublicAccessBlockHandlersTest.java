package io.tarn.s3.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Caller;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.RequestContext;
import io.tarn.core.spi.ServiceRequest;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.engine.policy.PublicAccessBlocks;
import io.tarn.s3.model.AccessControl;
import io.tarn.s3.model.PublicAccessBlock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PublicAccessBlockConfiguration documents, and S3 Control's requests: which are its, whose account, its error shape. */
class PublicAccessBlockHandlersTest {

    private static final String ACCOUNT = "000000000000";

    @TempDir
    Path dir;

    private final EmulatorClock clock = EmulatorClock.manual(Instant.parse("2024-01-01T00:00:00Z"));
    private StateStore store;
    private BucketEngine buckets;
    private PublicAccessBlocks blocks;
    private PublicAccessBlockHandlers handlers;

    @BeforeEach
    void open() {
        store = StateStore.open(dir.resolve("db"), false);
        buckets = new BucketEngine(store.keyspace("s3"), clock);
        blocks = new PublicAccessBlocks(store.keyspace("s3"));
        handlers = new PublicAccessBlockHandlers(buckets, blocks, true);
        buckets.create("pab-bucket", ACCOUNT, "us-east-1", "ObjectWriter", new AccessControl("o", List.of()));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ServiceRequest request(String method, String path, Caller caller, String body, String... headers) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("host", List.of(ACCOUNT + ".localhost:4566"));
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], List.of(headers[i + 1]));
        }
        RequestContext ctx = new RequestContext("req-1", new Namespace(caller.account(), "us-east-1"), caller, "s3", clock);
        return new ServiceRequest(ctx, method, path, Map.of(), h, body.getBytes(StandardCharsets.UTF_8));
    }

    private S3Call bucketCall(String method, String body) {
        return new S3Call(request(method, "/pab-bucket", Caller.root("test", ACCOUNT), body), new S3Address("pab-bucket", null));
    }

    @Test
    void absentSettingsAreFalseAndOnlyBooleansAreTaken() {
        handlers.put(bucketCall("PUT", "<PublicAccessBlockConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<BlockPublicPolicy>TRUE</BlockPublicPolicy></PublicAccessBlockConfiguration>"));
        assertThat(buckets.require("pab-bucket").publicAccessBlock()).isEqualTo(new PublicAccessBlock(false, false, true, false));
        assertThatThrownBy(() -> handlers.put(bucketCall("PUT",
                "<PublicAccessBlockConfiguration><BlockPublicAcls>yes</BlockPublicAcls></PublicAccessBlockConfiguration>")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("MalformedXML"));
        String xml = new String(handlers.get(bucketCall("GET", "")).body(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<BlockPublicAcls>false</BlockPublicAcls>", "<BlockPublicPolicy>true</BlockPublicPolicy>");
        handlers.delete(bucketCall("DELETE", ""));
        assertThatThrownBy(() -> handlers.get(bucketCall("GET", ""))).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("NoSuchPublicAccessBlockConfiguration");
            assertThat(e.status()).isEqualTo(404);
        });
    }

    @Test
    void controlRequestsAreTheirAccountsOwn() {
        String path = "/v20180820/configuration/publicAccessBlock";
        ServiceRequest put = request("PUT", path, Caller.root("test", ACCOUNT),
                "<PublicAccessBlockConfiguration><IgnorePublicAcls>true</IgnorePublicAcls></PublicAccessBlockConfiguration>",
                "x-amz-account-id", ACCOUNT);
        assertThat(PublicAccessBlockHandlers.isControl(put)).isTrue();
        assertThat(PublicAccessBlockHandlers.isControl(request("PUT", path, Caller.root("test", ACCOUNT), ""))).isFalse();
        assertThat(handlers.control(put).status()).isEqualTo(200);
        assertThat(blocks.effective(buckets.require("pab-bucket")).ignorePublicAcls()).isTrue();

        ServiceRequest others = request("GET", path, Caller.root("test", "111111111111"), "", "x-amz-account-id", ACCOUNT);
        assertThatThrownBy(() -> handlers.control(others)).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.code()).isEqualTo("AccessDenied"));
        ServiceRequest accessPoints = request("GET", "/v20180820/accesspoint", Caller.root("test", ACCOUNT), "", "x-amz-account-id",
                ACCOUNT);
        assertThatThrownBy(() -> handlers.control(accessPoints)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("NotImplemented");
            ServiceResponse shown = PublicAccessBlockHandlers.controlError(e, "req-1", "host-1");
            assertThat(shown.status()).isEqualTo(501);
            assertThat(new String(shown.body(), StandardCharsets.UTF_8)).startsWith("<?xml").contains(
                    "<ErrorResponse><Error><Code>NotImplemented</Code>", "</Error><RequestId>req-1</RequestId>");
        });
    }
}
