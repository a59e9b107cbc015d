package io.tarn.testing;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.Future;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Tarn in Docker, for tests that want it out of process (another JVM, another language, the
 * image users run). Ready once {@code /_tarn/health} answers 200, i.e. every service is up.
 *
 * <pre>
 * &#64;Container
 * static final TarnContainer tarn = new TarnContainer().withTimeScale(60);
 * ... S3Client.builder().endpointOverride(tarn.endpoint()) ...
 * </pre>
 *
 * Needs {@code org.testcontainers:testcontainers} on the test class path (an optional dependency
 * of this module).
 */
public class TarnContainer extends GenericContainer<TarnContainer> {

    public static final String DEFAULT_IMAGE = "tarn/tarn:latest";
    public static final int PORT = 4566;

    public TarnContainer() {
        this(DEFAULT_IMAGE);
    }

    public TarnContainer(String image) {
        this(DockerImageName.parse(image));
    }

    public TarnContainer(DockerImageName image) {
        super(image);
        init();
    }

    /** An image built on demand, e.g. an {@code ImageFromDockerfile} of {@code docker/Dockerfile}. */
    public TarnContainer(Future<String> image) {
        super(image);
        init();
    }

    private void init() {
        addExposedPorts(PORT);
        setWaitStrategy(Wait.forHttp("/_tarn/health").forStatusCode(200));
    }

    /** The mapped endpoint, e.g. {@code http://localhost:32768}; valid once started. */
    public URI endpoint() {
        String host = getHost();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + getMappedPort(PORT));
    }

    /** Emulator time per real second (TARN_TIME_SCALE): 3600 an hour a second, 0 frozen. */
    public TarnContainer withTimeScale(double timeScale) {
        return withEnv("TARN_TIME_SCALE", Double.toString(timeScale));
    }

    /** {@code lenient} (the default: any credentials) or {@code strict} (SigV4 verified); TARN_AUTH. */
    public TarnContainer withAuth(String mode) {
        return withEnv("TARN_AUTH", mode.toLowerCase(Locale.ROOT));
    }

    /**
     * With {@code strict} auth, a token that may also change state through the admin API (reset,
     * clock) sent as {@code Authorization: Bearer <token>}; TARN_ADMIN_TOKEN. Without it, those
     * calls must be SigV4-signed by a known key.
     */
    public TarnContainer withAdminToken(String token) {
        return withEnv("TARN_ADMIN_TOKEN", token);
    }
}
