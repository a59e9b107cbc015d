package io.tarn.it.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Kinesis clients for one server, per {@link Wire}: the JSON ones are built
 * while the system property {@code aws.cborEnabled} is false (the SDK reads it once, when a client
 * is built). Every client records the Content-Type of what it sent and got back, so
 * {@link #assertWire()} proves each protocol's traffic really was CBOR or JSON.
 */
final class KinesisClients implements AutoCloseable {

    /** One request and its response, as the client saw them on the wire. */
    record Exchange(Wire protocol, String operation, String requestType, String responseType) {}

    private static final Object BUILD_LOCK = new Object();

    private final URI endpoint;
    private final List<Exchange> exchanges = new ArrayList<>();
    private final Map<Wire, KinesisClient> sync = new EnumMap<>(Wire.class);
    private final Map<Wire, KinesisClient> noRetry = new EnumMap<>(Wire.class);
    private final Map<Wire, KinesisAsyncClient> async = new EnumMap<>(Wire.class);
    private KmsClient kms;

    private KinesisClients(URI endpoint) {
        this.endpoint = endpoint;
    }

    static KinesisClients open(URI endpoint) {
        return new KinesisClients(endpoint);
    }

    URI endpoint() {
        return endpoint;
    }

    /** The sync client (HTTP/1.1, the SDK's default retries) speaking {@code p}. */
    synchronized KinesisClient sync(Wire p) {
        return sync.computeIfAbsent(p, k -> build(p, () -> KinesisClient.builder()
                .endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new Recorder(p)))
                .build()));
    }

    /** A sync client that never retries, so throttling errors reach the test. */
    synchronized KinesisClient noRetry(Wire p) {
        return noRetry.computeIfAbsent(p, k -> build(p, () -> KinesisClient.builder()
                .endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).addExecutionInterceptor(new Recorder(p)))
                .build()));
    }

    /**
     * The async client as the KCL uses it: Netty, HTTP/2 with prior knowledge (h2c) to the http://
     * endpoint, which SubscribeToShard needs.
     */
    synchronized KinesisAsyncClient async(Wire p) {
        return async.computeIfAbsent(p, k -> build(p, () -> KinesisAsyncClient.builder()
                .endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2)
                        .protocolNegotiation(ProtocolNegotiation.ASSUME_PROTOCOL)
                        .connectionTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new Recorder(p)))
                .build()));
    }

    synchronized KmsClient kms() {
        if (kms == null) {
            kms = TarnServerExtension.client(KmsClient.class, endpoint);
        }
        return kms;
    }

    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    /** Builds a client with {@code aws.cborEnabled} set for {@code p}, then puts the property back. */
    private static <T> T build(Wire p, Supplier<T> builder) {
        String property = SdkSystemSetting.CBOR_ENABLED.property();
        synchronized (BUILD_LOCK) {
            String before = System.getProperty(property);
            System.setProperty(property, Boolean.toString(p.cbor()));
            try {
                return builder.get();
            } finally {
                if (before == null) {
                    System.clearProperty(property);
                } else {
                    System.setProperty(property, before);
                }
            }
        }
    }

    /** Every exchange since the last call used its client's protocol, both ways; forgets them. */
    void assertWire() {
        List<Exchange> seen;
        synchronized (exchanges) {
            seen = List.copyOf(exchanges);
            exchanges.clear();
        }
        assertThat(seen).as("exchanges recorded by the clients' interceptors").isNotEmpty();
        for (Exchange e : seen) {
            // SubscribeToShard is JSON whatever the setting: the SDK's async client marshals its event-stream
            // operation with its JSON protocol factory (DefaultKinesisAsyncClient.jsonProtocolFactory)
            String expected = e.operation().equals("SubscribeToShard") ? Wire.JSON.contentType : e.protocol().contentType;
            assertThat(e.requestType()).as("Content-Type of the %s request of the %s client", e.operation(), e.protocol())
                    .isEqualTo(expected);
            if ("application/vnd.amazon.eventstream".equals(e.responseType())) {
                continue; // an event stream, whose events carry the protocol's payloads
            }
            if (e.responseType() != null) {
                assertThat(e.responseType()).as("Content-Type of the %s response to the %s client", e.operation(), e.protocol())
                        .isEqualTo(expected);
            }
        }
    }

    @Override
    public synchronized void close() {
        sync.values().forEach(KinesisClient::close);
        noRetry.values().forEach(KinesisClient::close);
        async.values().forEach(KinesisAsyncClient::close);
        if (kms != null) {
            kms.close();
        }
    }

    private final class Recorder implements ExecutionInterceptor {
        private final Wire protocol;

        Recorder(Wire protocol) {
            this.protocol = protocol;
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            String operation = context.request().getClass().getSimpleName().replaceFirst("Request$", "");
            String requestType = context.httpRequest().firstMatchingHeader("Content-Type").orElse(null);
            String responseType = context.httpResponse().firstMatchingHeader("Content-Type").orElse(null);
            synchronized (exchanges) {
                exchanges.add(new Exchange(protocol, operation, requestType, responseType));
            }
        }
    }
}
