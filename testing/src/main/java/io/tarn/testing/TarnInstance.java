package io.tarn.testing;

import io.tarn.core.time.EmulatorClock;
import io.tarn.server.Tarn;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * A Tarn server started by {@link TarnExtension}: where it listens, the credentials and region
 * clients should use, and its clock. Inject it as a test or lifecycle method parameter.
 */
public final class TarnInstance {

    private final Tarn tarn;
    private final Region region;
    private final AwsBasicCredentials credentials;
    private final StaticCredentialsProvider credentialsProvider;
    private final List<SdkClient> clients = new ArrayList<>();

    TarnInstance(Tarn tarn, String region, String accessKeyId, String secretAccessKey) {
        this.tarn = Objects.requireNonNull(tarn);
        this.region = Region.of(region);
        this.credentials = AwsBasicCredentials.create(accessKeyId, secretAccessKey);
        this.credentialsProvider = StaticCredentialsProvider.create(credentials);
    }

    /** The server's HTTP endpoint, e.g. {@code http://127.0.0.1:54321}. */
    public URI endpoint() {
        return tarn.endpoint();
    }

    /** The server's default region, the one {@link #configure} sets. */
    public Region region() {
        return region;
    }

    public String accessKeyId() {
        return credentials.accessKeyId();
    }

    public String secretAccessKey() {
        return credentials.secretAccessKey();
    }

    public StaticCredentialsProvider credentialsProvider() {
        return credentialsProvider;
    }

    /** The emulator clock every service reads: timers (state transitions, expiries) run on it. */
    public EmulatorClock clock() {
        return tarn.clock();
    }

    /** Moves emulator time forward; timers that fall due fire before this returns. */
    public Instant advanceClock(Duration by) {
        return tarn.clock().advance(by);
    }

    /**
     * Points an SDK v2 client builder at this server: endpoint, region, credentials, and for sync
     * clients the URLConnection HTTP client (async clients keep their default). S3 builders also
     * get path-style addressing, since {@code <bucket>.127.0.0.1} does not resolve.
     */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        apply(builder);
        return builder;
    }

    /** A client of {@code type} (an SDK client interface such as {@code KmsClient}), closed with the server. */
    <T> T client(Class<T> type) {
        Method builderMethod = builderMethod(type);
        if (builderMethod == null) {
            throw new IllegalArgumentException(type.getName() + " has no static builder()");
        }
        Object builder;
        try {
            builder = builderMethod.invoke(null);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot create a builder for " + type.getName(), e);
        }
        if (!(builder instanceof AwsClientBuilder)) {
            throw new IllegalArgumentException(type.getName() + " is not an AWS service client");
        }
        apply((AwsClientBuilder<?, ?>) builder);
        T client = type.cast(((SdkBuilder<?, ?>) builder).build());
        synchronized (clients) {
            clients.add((SdkClient) client);
        }
        return client;
    }

    /** True for SDK client interfaces with a static {@code builder()}: {@code S3Client}, {@code KinesisAsyncClient}... */
    static boolean isClientType(Class<?> type) {
        return type.isInterface() && SdkClient.class.isAssignableFrom(type) && builderMethod(type) != null;
    }

    private static @Nullable Method builderMethod(Class<?> type) {
        try {
            Method m = type.getMethod("builder");
            return Modifier.isStatic(m.getModifiers()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private void apply(AwsClientBuilder<?, ?> builder) {
        builder.endpointOverride(endpoint());
        builder.region(region);
        builder.credentialsProvider(credentialsProvider);
        if (builder instanceof SdkSyncClientBuilder) {
            ((SdkSyncClientBuilder<?, ?>) builder).httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        forcePathStyle(builder);
    }

    // Reflective so that S3 stays an optional dependency: S3ClientBuilder and S3AsyncClientBuilder
    // both inherit forcePathStyle(Boolean) from the public S3BaseClientBuilder.
    private static void forcePathStyle(Object builder) {
        for (Class<?> c = builder.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> api : c.getInterfaces()) {
                try {
                    api.getMethod("forcePathStyle", Boolean.class).invoke(builder, Boolean.TRUE);
                    return;
                } catch (NoSuchMethodException e) {
                    // not an S3 builder interface
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot set path-style addressing on " + api.getName(), e);
                }
            }
        }
    }

    /** Closes the clients the extension made, then the server. */
    void close() {
        RuntimeException failure = null;
        synchronized (clients) {
            for (SdkClient client : clients) {
                try {
                    client.close();
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            clients.clear();
        }
        tarn.close();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "Tarn at " + endpoint();
    }
}
