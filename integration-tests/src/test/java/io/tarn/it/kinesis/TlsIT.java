package io.tarn.it.kinesis;

import static io.tarn.it.kinesis.KinesisSupport.await;
import static io.tarn.it.kinesis.KinesisSupport.createStream;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.ServerArgs;
import io.tarn.it.TarnProcess;
import io.tarn.it.TarnServerExtension;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * With {@code --tls} the port also takes TLS, with the certificate the server keeps in its data
 * dir: the sync client over HTTP/1.1, and SubscribeToShard's event stream through the async client
 * over HTTP/2 negotiated by ALPN, as against AWS's https endpoints. The clients trust that
 * certificate alone, so a name or chain the certificate did not cover would fail the handshake.
 */
@ExtendWith(TarnServerExtension.class)
@ServerArgs({"--tls", "--kinesis-throttling", "off"})
class TlsIT {

    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    @Test
    void recordsArePutAndPushedOverTlsWithHttp11AndAlpnHttp2(URI endpoint, TarnProcess server) throws Exception {
        URI https = URI.create("https://localhost:" + endpoint.getPort());
        TrustManager[] trust = trusting(server.dataDir().resolve("tls/tarn-cert.pem"));
        try (KinesisClient sync = KinesisClient.builder().endpointOverride(https).region(Region.US_EAST_1)
                        .credentialsProvider(CREDENTIALS)
                        .httpClientBuilder(ApacheHttpClient.builder().tlsTrustManagersProvider(() -> trust))
                        .build();
                KinesisAsyncClient async = KinesisAsyncClient.builder().endpointOverride(https).region(Region.US_EAST_1)
                        .credentialsProvider(CREDENTIALS)
                        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2)
                                .protocolNegotiation(ProtocolNegotiation.ALPN)
                                .tlsTrustManagersProvider(() -> trust)
                                .connectionTimeout(Duration.ofSeconds(5)))
                        .build()) {
            String streamArn = createStream(sync, "over-tls", 1);
            String consumerArn = sync.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("tls")).consumer().consumerARN();
            await("the consumer to be ACTIVE", () -> sync.describeStreamConsumer(b -> b.consumerARN(consumerArn)).consumerDescription().consumerStatus()
                    == ConsumerStatus.ACTIVE);
            sync.putRecord(b -> b.streamName("over-tls").partitionKey("k").data(SdkBytes.fromUtf8String("before")));

            List<String> received = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> subscribed = new CompletableFuture<>();
            CompletableFuture<Void> done = async.subscribeToShard(b -> b.consumerARN(consumerArn).shardId("shardId-000000000000")
                    .startingPosition(p -> p.type(ShardIteratorType.TRIM_HORIZON)),
                    SubscribeToShardResponseHandler.builder()
                            .onResponse(r -> subscribed.complete(null))
                            .onError(subscribed::completeExceptionally)
                            .subscriber(SubscribeToShardResponseHandler.Visitor.builder().onSubscribeToShardEvent(e ->
                                    e.records().stream().map(Record::data).map(SdkBytes::asUtf8String).forEach(received::add)).build())
                            .build());
            subscribed.get(10, TimeUnit.SECONDS);
            sync.putRecord(b -> b.streamName("over-tls").partitionKey("k").data(SdkBytes.fromUtf8String("after")));
            await("both records", () -> received.size() >= 2);
            assertThat(received).containsExactly("before", "after");
            done.cancel(true);
        }
        assertThat(Files.readString(server.dataDir().resolve("tls/tarn-cert.pem"), StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN CERTIFICATE-----");
    }

    /** Trust managers that trust the one certificate in {@code pem}. */
    private static TrustManager[] trusting(Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            store.setCertificateEntry("tarn", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }
}
