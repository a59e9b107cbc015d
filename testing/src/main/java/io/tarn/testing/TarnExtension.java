package io.tarn.testing;

import io.tarn.core.config.AuthMode;
import io.tarn.core.config.TarnConfig;
import io.tarn.server.Tarn;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs Tarn in-process for a test class: started once on a free port with ephemeral state before
 * the class's first test, stopped after its last. Resolves parameters of test, lifecycle and
 * constructor methods: {@link TarnInstance}, and any AWS SDK v2 client interface ({@code KmsClient},
 * {@code S3Client}, {@code KinesisAsyncClient}...) configured for the server and closed with it.
 *
 * <pre>
 * &#64;ExtendWith(TarnExtension.class)
 * class MyTest {
 *     &#64;Test
 *     void encrypts(KmsClient kms, TarnInstance tarn) { ... }
 * }
 *
 * class FrozenClockTest {
 *     &#64;RegisterExtension
 *     static final TarnExtension tarn = TarnExtension.builder().timeScale(0).build();
 * }
 * </pre>
 *
 * {@code @Nested} classes share their outer class's server.
 */
public final class TarnExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TarnExtension.class);
    private static final String KEY = "tarn";

    private final double timeScale;
    private final AuthMode authMode;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final Consumer<TarnConfig.Builder> config;

    /** Defaults: real-time clock, lenient auth, credentials test/test; what {@code @ExtendWith} uses. */
    public TarnExtension() {
        this(builder());
    }

    private TarnExtension(Builder b) {
        this.timeScale = b.timeScale;
        this.authMode = b.authMode;
        this.accessKeyId = b.accessKeyId;
        this.secretAccessKey = b.secretAccessKey;
        this.config = b.config;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        instance(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // Only the class that started the server stops it: remove() does not look at outer classes.
        Running running = context.getStore(NAMESPACE).remove(KEY, Running.class);
        if (running != null) {
            running.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TarnInstance.class || TarnInstance.isClientType(type);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        TarnInstance tarn = instance(context);
        if (type == TarnInstance.class) {
            return tarn;
        }
        try {
            return tarn.client(type);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot build a " + type.getName() + " for Tarn: " + e.getMessage(), e);
        }
    }

    /**
     * The server of this class or an enclosing one, started if there is none yet (constructor
     * parameters of a PER_CLASS test are resolved before beforeAll). It lives in the class-level
     * store, which also closes it should afterAll never run (an extension registered on a method).
     */
    private TarnInstance instance(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, k -> start(), Running.class).instance;
    }

    private Running start() {
        TarnConfig.Builder builder = TarnConfig.builder().port(0).ephemeral(true).timeScale(timeScale).authMode(authMode);
        config.accept(builder);
        TarnConfig built = builder.build();
        Tarn tarn = Tarn.start(built);
        return new Running(new TarnInstance(tarn, built.defaultRegion(), accessKeyId, secretAccessKey));
    }

    /** The store value: AutoCloseable, so JUnit closes it if afterAll did not. */
    private static final class Running implements AutoCloseable {
        final TarnInstance instance;
        private boolean closed;

        Running(TarnInstance instance) {
            this.instance = instance;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                instance.close();
            }
        }
    }

    /** Settings of a {@code @RegisterExtension} field. */
    public static final class Builder {
        private double timeScale = 1;
        private AuthMode authMode = AuthMode.LENIENT;
        private String accessKeyId = "test";
        private String secretAccessKey = "test";
        private Consumer<TarnConfig.Builder> config = c -> { };

        private Builder() {
        }

        /** Emulator time per real second: 1 real time (the default), 3600 an hour a second, 0 frozen. */
        public Builder timeScale(double timeScale) {
            this.timeScale = timeScale;
            return this;
        }

        /** LENIENT (the default) accepts any credentials; STRICT verifies SigV4 signatures. */
        public Builder authMode(AuthMode authMode) {
            this.authMode = Objects.requireNonNull(authMode);
            return this;
        }

        /** The credentials injected clients sign with; default {@code test}/{@code test}. */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            this.accessKeyId = Objects.requireNonNull(accessKeyId);
            this.secretAccessKey = Objects.requireNonNull(secretAccessKey);
            return this;
        }

        /**
         * Any other server setting (default region or account, init file, service extras), applied
         * after the extension's own: port 0 and ephemeral state, which it can also override.
         */
        public Builder config(Consumer<TarnConfig.Builder> config) {
            this.config = Objects.requireNonNull(config);
            return this;
        }

        public TarnExtension build() {
            return new TarnExtension(this);
        }
    }
}
