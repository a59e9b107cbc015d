package io.tarn.it.firehose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.it.AdminCalls;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamEncryptionStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.DestinationDescription;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.KeyType;
import software.amazon.awssdk.services.firehose.model.ListTagsForDeliveryStreamResponse;
import software.amazon.awssdk.services.firehose.model.Tag;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The Firehose control plane through the SDK v2 Firehose client: streams created, described,
 * listed, updated, tagged, encrypted and deleted, with AWS's errors. The emulator clock is frozen
 * and moved on by hand, so the 5 s transitions (the server's default) end exactly when a test says.
 */
@ExtendWith(TarnServerExtension.class)
class FirehoseStreamIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final String BUCKET = "arn:aws:s3:::firehose-it";

    @BeforeAll
    static void freezeClock(URI endpoint) throws Exception {
        AdminCalls.changeClock(endpoint, "{\"scale\":0}");
    }

    @AfterAll
    static void runClock(URI endpoint) throws Exception {
        AdminCalls.changeClock(endpoint, "{\"scale\":1}");
    }

    private static void advance(URI endpoint, String duration) throws Exception {
        HttpResponse<String> r = AdminCalls.send(endpoint, "POST", "/_tarn/clock", "{\"advance\":\"" + duration + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static void assertFirehoseError(Runnable call, String code, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(FirehoseException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
        });
    }

    private static ExtendedS3DestinationConfiguration s3(String prefix) {
        return ExtendedS3DestinationConfiguration.builder().roleARN(ROLE).bucketARN(BUCKET).prefix(prefix).build();
    }

    private static DeliveryStreamDescription describe(FirehoseClient firehose, String name) {
        return firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription();
    }

    @Test
    void aStreamIsCreatingThenActiveAndDescribedAsAwsDoes(FirehoseClient firehose, URI endpoint) throws Exception {
        String arn = firehose.createDeliveryStream(b -> b.deliveryStreamName("it-life").extendedS3DestinationConfiguration(s3("logs/"))
                .tags(Tag.builder().key("team").value("data").build())).deliveryStreamARN();
        assertThat(arn).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/it-life");

        DeliveryStreamDescription d = describe(firehose, "it-life");
        assertThat(d.deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.CREATING);
        assertThat(d.deliveryStreamType()).isEqualTo(DeliveryStreamType.DIRECT_PUT);
        assertThat(d.versionId()).isEqualTo("1");
        assertThat(d.createTimestamp()).isNotNull();
        assertThat(d.lastUpdateTimestamp()).isNull();
        assertThat(d.hasMoreDestinations()).isFalse();
        assertThat(d.deliveryStreamEncryptionConfiguration().status()).isEqualTo(DeliveryStreamEncryptionStatus.DISABLED);
        DestinationDescription dest = d.destinations().get(0);
        assertThat(dest.destinationId()).isEqualTo("destinationId-000000000001");
        assertThat(dest.extendedS3DestinationDescription().prefix()).isEqualTo("logs/");
        assertThat(dest.extendedS3DestinationDescription().bufferingHints().sizeInMBs()).isEqualTo(5);
        assertThat(dest.extendedS3DestinationDescription().bufferingHints().intervalInSeconds()).isEqualTo(300);
        assertThat(dest.extendedS3DestinationDescription().compressionFormat()).isEqualTo(CompressionFormat.UNCOMPRESSED);
        assertThat(dest.extendedS3DestinationDescription().encryptionConfiguration().noEncryptionConfigAsString()).isEqualTo("NoEncryption");
        assertThat(dest.extendedS3DestinationDescription().s3BackupModeAsString()).isEqualTo("Disabled");
        assertThat(dest.s3DestinationDescription().bucketARN()).isEqualTo(BUCKET);

        assertFirehoseError(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("it-life").extendedS3DestinationConfiguration(s3(""))),
                "ResourceInUseException", "it-life");
        assertFirehoseError(() -> firehose.deleteDeliveryStream(b -> b.deliveryStreamName("it-life")), "ResourceInUseException", "CREATING");

        advance(endpoint, "PT5S");
        assertThat(describe(firehose, "it-life").deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.ACTIVE);
        assertThat(firehose.listDeliveryStreams(b -> b.deliveryStreamType(DeliveryStreamType.DIRECT_PUT)).deliveryStreamNames())
                .contains("it-life");
        assertThat(firehose.listDeliveryStreams(b -> b.deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE))
                .deliveryStreamNames()).doesNotContain("it-life");

        firehose.deleteDeliveryStream(b -> b.deliveryStreamName("it-life"));
        assertThat(describe(firehose, "it-life").deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.DELETING);
        advance(endpoint, "PT5S");
        assertFirehoseError(() -> describe(firehose, "it-life"), "ResourceNotFoundException",
                "Firehose it-life under account 000000000000 not found.");
    }

    @Test
    void theOlderS3ShapeIsDescribedAsBothS3Descriptions(FirehoseClient firehose) {
        firehose.createDeliveryStream(b -> b.deliveryStreamName("it-older").s3DestinationConfiguration(c -> c.roleARN(ROLE)
                .bucketARN(BUCKET).compressionFormat(CompressionFormat.GZIP).bufferingHints(h -> h.sizeInMBs(1))));
        DestinationDescription dest = describe(firehose, "it-older").destinations().get(0);
        assertThat(dest.s3DestinationDescription().compressionFormat()).isEqualTo(CompressionFormat.GZIP);
        assertThat(dest.s3DestinationDescription().bufferingHints().sizeInMBs()).isEqualTo(1);
        assertThat(dest.s3DestinationDescription().bufferingHints().intervalInSeconds()).isEqualTo(300);
        assertThat(dest.extendedS3DestinationDescription().compressionFormat()).isEqualTo(CompressionFormat.GZIP);
        assertThat(dest.extendedS3DestinationDescription().s3BackupModeAsString()).isEqualTo("Disabled");
    }

    @Test
    void badRequestsGetAwsErrors(FirehoseClient firehose) {
        assertFirehoseError(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad name").extendedS3DestinationConfiguration(s3(""))),
                "ValidationException", "at 'deliveryStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern");
        assertFirehoseError(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("it-none")), "InvalidArgumentException",
                "destination");
        assertFirehoseError(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("it-two").extendedS3DestinationConfiguration(s3(""))
                .s3DestinationConfiguration(c -> c.roleARN(ROLE).bucketARN(BUCKET))), "InvalidArgumentException", "Only one destination");
        assertFirehoseError(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("it-splunk")
                .splunkDestinationConfiguration(c -> c.hecEndpoint("https://splunk.example.com").hecToken("t"))),
                "InvalidArgumentException", "SplunkDestinationConfiguration is not supported by Tarn");
        assertFirehoseError(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("it-size")
                .extendedS3DestinationConfiguration(c -> c.roleARN(ROLE).bucketARN(BUCKET).bufferingHints(h -> h.sizeInMBs(129)))),
                "ValidationException", "at 'extendedS3DestinationConfiguration.bufferingHints.sizeInMBs' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 128");
        assertFirehoseError(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("it-bucket")
                .extendedS3DestinationConfiguration(c -> c.roleARN(ROLE).bucketARN("my-bucket"))),
                "ValidationException", "extendedS3DestinationConfiguration.bucketARN");
        assertFirehoseError(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("it-dp")
                .extendedS3DestinationConfiguration(c -> c.roleARN(ROLE).bucketARN(BUCKET).prefix("p/")
                        .bufferingHints(h -> h.sizeInMBs(64)).dynamicPartitioningConfiguration(p -> p.enabled(true)))),
                "InvalidArgumentException", "ErrorOutputPrefix");
        assertFirehoseError(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("it-kin")
                .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                .kinesisStreamSourceConfiguration(k -> k.kinesisStreamARN("arn:aws:kinesis:us-east-1:000000000000:table/x").roleARN(ROLE))
                .extendedS3DestinationConfiguration(s3(""))),
                "ValidationException", "kinesisStreamSourceConfiguration.kinesisStreamARN");
        assertFirehoseError(() -> describe(firehose, "it-missing"), "ResourceNotFoundException", "it-missing");
    }

    @Test
    void aKinesisSourcedStreamDescribesItsSource(FirehoseClient firehose, KinesisClient kinesis, URI endpoint) throws Exception {
        String stream = "arn:aws:kinesis:us-east-1:000000000000:stream/clicks";
        assertFirehoseError(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("it-source")
                .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                .kinesisStreamSourceConfiguration(k -> k.kinesisStreamARN(stream).roleARN(ROLE)).extendedS3DestinationConfiguration(s3(""))),
                "InvalidArgumentException", "clicks");
        kinesis.createStream(b -> b.streamName("clicks").shardCount(1));
        advance(endpoint, "PT1M");
        firehose.createDeliveryStream(b -> b.deliveryStreamName("it-source").deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                .kinesisStreamSourceConfiguration(k -> k.kinesisStreamARN(stream).roleARN(ROLE)).extendedS3DestinationConfiguration(s3("")));
        DeliveryStreamDescription d = describe(firehose, "it-source");
        assertThat(d.deliveryStreamType()).isEqualTo(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE);
        assertThat(d.source().kinesisStreamSourceDescription().kinesisStreamARN()).isEqualTo(stream);
        assertThat(d.source().kinesisStreamSourceDescription().deliveryStartTimestamp()).isEqualTo(d.createTimestamp());
    }

    @Test
    void updateDestinationChecksTheVersionAndKeepsWhatItOmits(FirehoseClient firehose, URI endpoint) throws Exception {
        firehose.createDeliveryStream(b -> b.deliveryStreamName("it-update").extendedS3DestinationConfiguration(c -> c.roleARN(ROLE)
                .bucketARN(BUCKET).prefix("a/").compressionFormat(CompressionFormat.GZIP)));
        advance(endpoint, "PT5S");
        assertFirehoseError(() -> firehose.updateDestination(b -> b.deliveryStreamName("it-update").currentDeliveryStreamVersionId("7")
                .destinationId("destinationId-000000000001").extendedS3DestinationUpdate(u -> u.prefix("b/"))),
                "ConcurrentModificationException", "current version id: 1 and specified version id: 7");
        firehose.updateDestination(b -> b.deliveryStreamName("it-update").currentDeliveryStreamVersionId("1")
                .destinationId("destinationId-000000000001").extendedS3DestinationUpdate(u -> u.prefix("b/")));
        DeliveryStreamDescription d = describe(firehose, "it-update");
        assertThat(d.versionId()).isEqualTo("2");
        assertThat(d.lastUpdateTimestamp()).isNotNull();
        assertThat(d.destinations().get(0).extendedS3DestinationDescription().prefix()).isEqualTo("b/");
        assertThat(d.destinations().get(0).extendedS3DestinationDescription().compressionFormat()).isEqualTo(CompressionFormat.GZIP);

        // to an HTTP endpoint: another destination type, given whole
        firehose.updateDestination(b -> b.deliveryStreamName("it-update").currentDeliveryStreamVersionId("2")
                .destinationId("destinationId-000000000001").httpEndpointDestinationUpdate(u -> u
                        .endpointConfiguration(e -> e.url("https://example.com/ingest").name("ingest").accessKey("secret"))
                        .s3Update(s -> s.roleARN(ROLE).bucketARN(BUCKET))));
        DestinationDescription http = describe(firehose, "it-update").destinations().get(0);
        assertThat(http.extendedS3DestinationDescription()).isNull();
        assertThat(http.httpEndpointDestinationDescription().endpointConfiguration().url()).isEqualTo("https://example.com/ingest");
        assertThat(http.httpEndpointDestinationDescription().s3BackupModeAsString()).isEqualTo("FailedDataOnly");
    }

    @Test
    void tagsArePagedAndLimited(FirehoseClient firehose) {
        firehose.createDeliveryStream(b -> b.deliveryStreamName("it-tags").extendedS3DestinationConfiguration(s3("")));
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tags.add(Tag.builder().key(String.format("k%02d", i)).value("v" + i).build());
        }
        firehose.tagDeliveryStream(b -> b.deliveryStreamName("it-tags").tags(tags));
        ListTagsForDeliveryStreamResponse first = firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName("it-tags").limit(20));
        assertThat(first.tags()).hasSize(20);
        assertThat(first.hasMoreTags()).isTrue();
        ListTagsForDeliveryStreamResponse rest = firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName("it-tags")
                .exclusiveStartTagKey("k19"));
        assertThat(rest.tags()).hasSize(30);
        assertThat(rest.tags().get(0).key()).isEqualTo("k20");
        assertThat(rest.hasMoreTags()).isFalse();
        assertFirehoseError(() -> firehose.tagDeliveryStream(b -> b.deliveryStreamName("it-tags").tags(Tag.builder().key("one-more").build())),
                "LimitExceededException", "50");
        firehose.untagDeliveryStream(b -> b.deliveryStreamName("it-tags").tagKeys("k00", "k01"));
        assertThat(firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName("it-tags")).tags()).hasSize(48);
    }

    @Test
    void encryptionIsEnablingThenEnabledWithTarnsKms(FirehoseClient firehose, KmsClient kms, URI endpoint) throws Exception {
        firehose.createDeliveryStream(b -> b.deliveryStreamName("it-sse").extendedS3DestinationConfiguration(s3("")));
        advance(endpoint, "PT5S");
        assertFirehoseError(() -> firehose.startDeliveryStreamEncryption(b -> b.deliveryStreamName("it-sse").deliveryStreamEncryptionConfigurationInput(
                c -> c.keyType(KeyType.CUSTOMER_MANAGED_CMK).keyARN("arn:aws:kms:us-east-1:000000000000:key/00000000-0000-0000-0000-000000000000"))),
                "InvalidKMSResourceException", "");
        String key = kms.createKey().keyMetadata().arn();
        firehose.startDeliveryStreamEncryption(b -> b.deliveryStreamName("it-sse").deliveryStreamEncryptionConfigurationInput(
                c -> c.keyType(KeyType.CUSTOMER_MANAGED_CMK).keyARN(key)));
        assertThat(describe(firehose, "it-sse").deliveryStreamEncryptionConfiguration().status())
                .isEqualTo(DeliveryStreamEncryptionStatus.ENABLING);
        advance(endpoint, "PT5S");
        var enc = describe(firehose, "it-sse").deliveryStreamEncryptionConfiguration();
        assertThat(enc.status()).isEqualTo(DeliveryStreamEncryptionStatus.ENABLED);
        assertThat(enc.keyARN()).isEqualTo(key);
        assertThat(enc.keyType()).isEqualTo(KeyType.CUSTOMER_MANAGED_CMK);

        firehose.stopDeliveryStreamEncryption(b -> b.deliveryStreamName("it-sse"));
        assertThat(describe(firehose, "it-sse").deliveryStreamEncryptionConfiguration().status())
                .isEqualTo(DeliveryStreamEncryptionStatus.DISABLING);
        advance(endpoint, "PT5S");
        assertThat(describe(firehose, "it-sse").deliveryStreamEncryptionConfiguration().status())
                .isEqualTo(DeliveryStreamEncryptionStatus.DISABLED);
    }
}
