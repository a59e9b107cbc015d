package io.tarn.firehose.engine.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.firehose.engine.delivery.DeliveryTarget;
import io.tarn.firehose.model.DeliveryStreamMeta;
import io.tarn.firehose.model.DeliveryStreamStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control plane over a real RocksDB in a temp dir and a manual clock. */
class DeliveryStreamEngineTest {

    static final Namespace NS = new Namespace("000000000000", "us-east-1");
    static final String ROLE = "arn:aws:iam::000000000000:role/firehose";

    @TempDir
    Path dir;

    EmulatorClock clock;
    Scheduler scheduler;
    StateStore store;
    DeliveryStreamEngine engine;
    FirehoseSettings settings = FirehoseSettings.DEFAULT;

    @BeforeEach
    void open() {
        clock = EmulatorClock.manual(Instant.parse("2024-01-01T00:00:00Z"));
        start();
    }

    private void start() {
        scheduler = new Scheduler(clock);
        store = StateStore.open(dir.resolve("db"), false);
        engine = new DeliveryStreamEngine(store.keyspace("firehose"), clock, scheduler, settings, () -> {
            throw new IllegalStateException("no KMS in this test");
        });
    }

    @AfterEach
    void close() {
        scheduler.close();
        store.close();
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private DeliveryStreamMeta create(String name, String member, String config) {
        return engine.create(NS, new NewDeliveryStream(name, null, null, null, null, Map.of(member, (JsonNode) json(config)), List.of(), null));
    }

    private static String s3(String extra) {
        return "{\"RoleARN\":\"" + ROLE + "\",\"BucketARN\":\"arn:aws:s3:::b\"" + extra + "}";
    }

    private static String code(Runnable call) {
        try {
            call.run();
        } catch (AwsException e) {
            return e.code() + ": " + e.getMessage();
        }
        throw new AssertionError("no error");
    }

    @Test
    void statusMovesOnTheClockAndDeliverySeesTheTarget() {
        DeliveryStreamMeta m = create("s", "ExtendedS3DestinationConfiguration", s3(",\"Prefix\":\"p/\",\"CompressionFormat\":\"GZIP\""
                + ",\"EncryptionConfiguration\":{\"KMSEncryptionConfig\":{\"AWSKMSKeyARN\":\"arn:aws:kms:us-east-1:000000000000:key/k\"}}"));
        assertThat(m.statusAt(clock.millis())).isEqualTo(DeliveryStreamStatus.CREATING);
        DeliveryTarget t = engine.lookup().find(NS, "s");
        assertThat(t.status()).isEqualTo("CREATING");
        clock.advance(Duration.ofMillis(4_999));
        assertThat(engine.lookup().find(NS, "s").status()).isEqualTo("CREATING");
        clock.advance(Duration.ofMillis(1));
        t = engine.lookup().find(NS, "s");
        assertThat(t.status()).isEqualTo("ACTIVE");
        assertThat(t.incarnation()).isEqualTo(m.incarnation());
        assertThat(t.versionId()).isEqualTo(1);
        assertThat(t.destinationId()).isEqualTo("destinationId-000000000001");
        assertThat(t.s3().description().get("BucketARN").asText()).isEqualTo("arn:aws:s3:::b");
        assertThat(t.s3().description().get("Prefix").asText()).isEqualTo("p/");
        assertThat(t.s3().description().at("/BufferingHints/SizeInMBs").asInt()).isEqualTo(5);
        assertThat(t.s3().description().at("/BufferingHints/IntervalInSeconds").asInt()).isEqualTo(300);
        assertThat(t.s3().description().get("CompressionFormat").asText()).isEqualTo("GZIP");
        assertThat(t.s3().description().at("/EncryptionConfiguration/KMSEncryptionConfig/AWSKMSKeyARN").asText()).isEqualTo("arn:aws:kms:us-east-1:000000000000:key/k");
        assertThat(t.httpEndpoint()).isNull();
    }

    @Test
    void aDeletedStreamIsGoneByItsTimerAndListenersHearOfIt() {
        DeliveryStreamMeta m = create("s", "ExtendedS3DestinationConfiguration", s3(""));
        List<String> gone = new ArrayList<>();
        engine.onStreamGone(meta -> gone.add(meta.incarnation()));
        assertThat(code(() -> engine.delete(NS, "s"))).startsWith("ResourceInUseException");
        clock.advance(Duration.ofSeconds(5));
        engine.delete(NS, "s");
        assertThat(engine.describe(NS, "s").statusAt(clock.millis())).isEqualTo(DeliveryStreamStatus.DELETING);
        clock.advance(Duration.ofSeconds(5)); // the timer fires before the advance returns
        assertThat(gone).containsExactly(m.incarnation());
        assertThat(engine.lookup().find(NS, "s")).isNull();
        DeliveryStreamMeta again = create("s", "ExtendedS3DestinationConfiguration", s3(""));
        assertThat(again.incarnation()).isNotEqualTo(m.incarnation());
    }

    @Test
    void streamsSurviveARestart() {
        DeliveryStreamMeta m = create("s", "HttpEndpointDestinationConfiguration",
                "{\"EndpointConfiguration\":{\"Url\":\"http://127.0.0.1:4720/in\",\"AccessKey\":\"k\"},\"S3Configuration\":" + s3("") + "}");
        close();
        clock.advance(Duration.ofSeconds(6));
        start();
        DeliveryTarget t = engine.lookup().find(NS, "s");
        assertThat(t.incarnation()).isEqualTo(m.incarnation());
        assertThat(t.status()).isEqualTo("ACTIVE");
        assertThat(t.s3()).isNull();
        assertThat(t.httpEndpoint().at("/EndpointConfiguration/AccessKey").asText()).isEqualTo("k");
        assertThat(StreamDescriptions.destination(engine.describe(NS, "s")).at("/HttpEndpointDestinationDescription/EndpointConfiguration")
                .has("AccessKey")).isFalse();
    }

    @Test
    void creationRulesAreAwss() {
        assertThat(code(() -> create("s", "ExtendedS3DestinationConfiguration", s3(",\"BufferingHints\":{\"IntervalInSeconds\":901}"))))
                .isEqualTo("ValidationException: 1 validation error detected: Value '901' at "
                        + "'extendedS3DestinationConfiguration.bufferingHints.intervalInSeconds' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 900");
        assertThat(code(() -> create("s", "ExtendedS3DestinationConfiguration", s3(",\"CompressionFormat\":\"LZ4\""))))
                .startsWith("ValidationException").contains("Member must satisfy enum value set: [UNCOMPRESSED, GZIP, ZIP, Snappy, HADOOP_SNAPPY]");
        assertThat(code(() -> create("s", "ExtendedS3DestinationConfiguration", s3(",\"ErrorOutputPrefix\":\"e/\","
                + "\"DynamicPartitioningConfiguration\":{\"Enabled\":true},\"BufferingHints\":{\"SizeInMBs\":32}"))))
                .isEqualTo("InvalidArgumentException: BufferingHints.SizeInMBs must be at least 64 when Dynamic Partitioning is enabled.");
        assertThat(code(() -> create("s", "ExtendedS3DestinationConfiguration", s3(",\"CompressionFormat\":\"GZIP\","
                + "\"DataFormatConversionConfiguration\":{\"Enabled\":true}"))))
                .isEqualTo("InvalidArgumentException: CompressionFormat must be set to UNCOMPRESSED when data format conversion is enabled.");
        assertThat(code(() -> create("s", "ExtendedS3DestinationConfiguration", s3(",\"Prefix\":\"!{timestamp:yyyy}/\""))))
                .startsWith("InvalidArgumentException: ErrorOutputPrefix");
        assertThat(code(() -> create("s", "RedshiftDestinationConfiguration", "{}")))
                .startsWith("InvalidArgumentException: RedshiftDestinationConfiguration is not supported by Tarn");
        // conversion without a buffer size gets AWS's 128 MiB
        DeliveryStreamMeta converting = create("c", "ExtendedS3DestinationConfiguration", s3(",\"DataFormatConversionConfiguration\":{}"));
        assertThat(converting.destination().at("/BufferingHints/SizeInMBs").asInt()).isEqualTo(128);
        assertThat(code(() -> create("c", "ExtendedS3DestinationConfiguration", s3("")))).startsWith("ResourceInUseException");
    }

    @Test
    void theQuotaOfStreamsIsEnforced() {
        close();
        settings = FirehoseSettings.DEFAULT.withStreamLimit(2);
        start();
        create("a", "ExtendedS3DestinationConfiguration", s3(""));
        create("b", "ExtendedS3DestinationConfiguration", s3(""));
        assertThat(code(() -> create("c", "ExtendedS3DestinationConfiguration", s3(""))))
                .isEqualTo("LimitExceededException: You have already consumed your firehose quota of 2 hoses. Firehose names: [a, b]");
    }

    @Test
    void updatesCheckTheVersionAndFailuresAreReported() {
        DeliveryStreamMeta m = create("s", "ExtendedS3DestinationConfiguration", s3(",\"Prefix\":\"a/\""));
        clock.advance(Duration.ofSeconds(5));
        engine.updateDestination(NS, "s", "1", DeliveryStreamEngine.DESTINATION_ID,
                Map.of("S3DestinationUpdate", json("{\"BufferingHints\":{\"SizeInMBs\":2}}")));
        DeliveryTarget t = engine.lookup().find(NS, "s");
        assertThat(t.versionId()).isEqualTo(2);
        assertThat(t.s3().description().get("Prefix").asText()).isEqualTo("a/");
        assertThat(t.s3().description().at("/BufferingHints/SizeInMBs").asInt()).isEqualTo(2);
        assertThat(code(() -> engine.updateDestination(NS, "s", "1", DeliveryStreamEngine.DESTINATION_ID,
                Map.of("ExtendedS3DestinationUpdate", json("{}"))))).startsWith("ConcurrentModificationException");
        assertThat(code(() -> engine.updateDestination(NS, "s", "2", DeliveryStreamEngine.DESTINATION_ID,
                Map.of("ExtendedS3DestinationUpdate", json("{\"ErrorOutputPrefix\":\"e/\",\"BufferingHints\":{\"SizeInMBs\":64},"
                        + "\"DynamicPartitioningConfiguration\":{\"Enabled\":true}}")))))
                .startsWith("InvalidArgumentException: Dynamic partitioning can be enabled only");

        engine.reportFailure(NS, "s", m.incarnation(), new DeliveryStreamMeta.Failure("UNKNOWN_ERROR", "The bucket b does not exist."));
        assertThat(engine.describe(NS, "s").failure().details()).isEqualTo("The bucket b does not exist.");
        engine.reportFailure(NS, "s", "another-incarnation", null);
        assertThat(engine.describe(NS, "s").failure()).isNotNull();
        engine.reportFailure(NS, "s", m.incarnation(), null);
        assertThat(engine.describe(NS, "s").failure()).isNull();
    }
}
