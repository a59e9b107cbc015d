package io.tarn.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Runs the image of {@code docker/Dockerfile} (built here from the fat jar), or the image named by
 * {@code -Dtarn.image=}. Skipped without a Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class TarnContainerTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String JAR = "emulator-server/target/tarn-server.jar";

    private static TarnContainer tarn;

    @BeforeAll
    @SuppressWarnings("deprecation") // withDockerfile(Path) names the file relative to its own folder, not to this context
    static void start() {
        String image = System.getProperty("tarn.image");
        if (image != null) {
            tarn = new TarnContainer(image);
        } else {
            assumeTrue(Files.exists(ROOT.resolve(JAR)), "no " + JAR + ": run mvn package first, or pass -Dtarn.image=");
            // only the files the Dockerfile copies, not the whole repository, as build context
            tarn = new TarnContainer(new ImageFromDockerfile("tarn/tarn-test", true)
                    .withFileFromPath("docker/Dockerfile", ROOT.resolve("docker/Dockerfile"))
                    .withFileFromPath(JAR, ROOT.resolve(JAR))
                    .withDockerfilePath("docker/Dockerfile"));
        }
        tarn.withTimeScale(1).withAuth("lenient").start();
    }

    @AfterAll
    static void stop() {
        if (tarn != null) {
            tarn.stop();
        }
    }

    @Test
    void healthAnswers() throws Exception {
        HttpURLConnection health = (HttpURLConnection) tarn.endpoint().resolve("/_tarn/health").toURL().openConnection();
        try {
            assertThat(health.getResponseCode()).isEqualTo(200);
        } finally {
            health.disconnect();
        }
    }
}
