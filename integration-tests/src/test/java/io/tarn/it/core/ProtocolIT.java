package io.tarn.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.AdminCalls;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsAsyncClient;
import software.amazon.awssdk.services.kms.KmsClient;

/** The wire: HTTP/2 with prior knowledge, keep-alive, and malformed input answered as AWS does. */
@ExtendWith(TarnServerExtension.class)
class ProtocolIT {

    private static HttpResponse<String> post(URI endpoint, String target, String body, HttpClient.Version version) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(version).build();
        return http.send(HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", target)
                .header("X-Amz-Date", "20260101T000000Z")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/kms/aws4_request, "
                        + "SignedHeaders=host, Signature=00")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAsyncClientOverHttp2PriorKnowledgeWorks(URI endpoint) {
        // What the SDK does for Kinesis (and so the KCL): h2c with prior knowledge to an http:// endpoint.
        try (KmsAsyncClient kms = KmsAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2)
                        .connectionTimeout(Duration.ofSeconds(5)))
                .build()) {
            String keyId = kms.createKey(b -> b.description("h2")).join().keyMetadata().keyId();
            List<CompletableFuture<SdkBytes>> many = IntStream.range(0, 50)
                    .mapToObj(i -> kms.encrypt(b -> b.keyId(keyId).plaintext(SdkBytes.fromUtf8String("m" + i)))
                            .thenCompose(e -> kms.decrypt(b -> b.ciphertextBlob(e.ciphertextBlob())))
                            .thenApply(d -> d.plaintext()))
                    .toList();
            for (int i = 0; i < many.size(); i++) {
                assertThat(many.get(i).join().asUtf8String()).isEqualTo("m" + i);
            }
        }
    }

    @Test
    void http11AndHttp2ClientsOfTheJdkBothWork(URI endpoint) throws Exception {
        assertThat(post(endpoint, "TrentService.ListKeys", "{}", HttpClient.Version.HTTP_1_1).statusCode()).isEqualTo(200);
        // The JDK client tries h2c upgrade on http://; the server keeps speaking HTTP/1.1, which is fine.
        assertThat(post(endpoint, "TrentService.ListKeys", "{}", HttpClient.Version.HTTP_2).statusCode()).isEqualTo(200);
    }

    @Test
    void malformedInputIsTheClientsFault(URI endpoint) throws Exception {
        HttpResponse<String> r = post(endpoint, "TrentService.CreateKey", "{\"Description\":", HttpClient.Version.HTTP_1_1);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"__type\":\"SerializationException\"");
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();

        r = post(endpoint, "TrentService.CreateKey", "{\"Description\":42}", HttpClient.Version.HTTP_1_1);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("SerializationException");

        r = post(endpoint, "TrentService.NoSuchThing", "{}", HttpClient.Version.HTTP_1_1);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("UnknownOperationException");

        r = post(endpoint, "TrentService.Encrypt", "{\"KeyId\":\"x\",\"Plaintext\":\"" + "A".repeat(12 << 20) + "\"}",
                HttpClient.Version.HTTP_1_1);
        assertThat(r.statusCode()).isBetween(400, 499);
        assertThat(r.body()).doesNotContain("Exception:").doesNotContain("at io.tarn");
    }

    @Test
    void keepAliveServesManyRequestsOnOneConnection(KmsClient kms) {
        for (int i = 0; i < 200; i++) {
            assertThat(kms.listKeys().sdkHttpResponse().isSuccessful()).isTrue();
        }
    }

    @Test
    void resetClearsOneService(KmsClient kms, URI endpoint) throws Exception {
        kms.createKey(b -> b.description("to be reset"));
        assertThat(kms.listKeys().keys()).isNotEmpty();
        assertThat(AdminCalls.send(endpoint, "POST", "/_tarn/reset", "{\"service\":\"kms\"}").statusCode()).isEqualTo(200);
        assertThat(kms.listKeys().keys()).isEmpty();
    }
}
