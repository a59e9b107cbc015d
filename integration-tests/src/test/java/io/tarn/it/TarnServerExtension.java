package io.tarn.it;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * One server process per test class on a free port with its data in a temp dir, or the running
 * endpoint named by {@code -Dtarn.it.endpoint=}. Resolves {@link URI} (the endpoint),
 * {@link TarnProcess} and any SDK v2 client interface parameter, configured for the server with
 * credentials test/test in us-east-1.
 */
public final class TarnServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final String EXTERNAL = System.getProperty("tarn.it.endpoint", "");

    private TarnProcess process;
    private Path dir;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (EXTERNAL.isEmpty()) {
            dir = Files.createTempDirectory("tarn-it-");
            process = TarnProcess.start(dir.resolve("data"), serverArgs(context));
        }
    }

    private static String[] serverArgs(ExtensionContext context) {
        ServerArgs args = context.getRequiredTestClass().getAnnotation(ServerArgs.class);
        return args == null ? new String[0] : args.value();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (process != null) {
            process.close();
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public URI endpoint() {
        return EXTERNAL.isEmpty() ? process.endpoint() : URI.create(EXTERNAL);
    }

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        Class<?> type = pc.getParameter().getType();
        return type == URI.class || type == TarnProcess.class || (type.isInterface() && SdkClient.class.isAssignableFrom(type));
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        Class<?> type = pc.getParameter().getType();
        if (type == URI.class) {
            return endpoint();
        }
        if (type == TarnProcess.class) {
            return process;
        }
        return client(type, endpoint());
    }

    /** A client of {@code type} (e.g. KmsClient.class) configured for {@code endpoint}. */
    public static <T> T client(Class<T> type, URI endpoint) {
        try {
            Method builderMethod = type.getMethod("builder");
            AwsClientBuilder<?, ?> builder = (AwsClientBuilder<?, ?>) builderMethod.invoke(null);
            configure(builder, endpoint);
            if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder) {
                ((software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?>) builder)
                        .httpClientBuilder(UrlConnectionHttpClient.builder());
            }
            return type.cast(((software.amazon.awssdk.utils.builder.SdkBuilder<?, ?>) builder).build());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a " + type.getSimpleName(), e);
        }
    }

    private static void configure(AwsClientBuilder<?, ?> builder, URI endpoint) {
        builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    }
}
