package io.tarn.it.kinesis;

import static io.tarn.it.kinesis.KinesisSupport.HASH_SPACE;
import static io.tarn.it.kinesis.KinesisSupport.assertKinesisError;
import static io.tarn.it.kinesis.KinesisSupport.bytes;
import static io.tarn.it.kinesis.KinesisSupport.createStream;
import static io.tarn.it.kinesis.KinesisSupport.readShard;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.AdminCalls;
import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.DisableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.EnableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.ListTagsForStreamResponse;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.StreamSummary;
import software.amazon.awssdk.services.kinesis.model.Tag;
import software.amazon.awssdk.services.kinesis.model.UpdateStreamWarmThroughputResponse;

/**
 * The stream control plane through the SDK v2 client, in CBOR and in JSON: lifecycle, listing,
 * naming by ARN, capacity modes, retention, monitoring, tags, resource policies, limits and
 * server-side encryption. Throttling is off here (ThroughputIT covers it), so the calls may be as
 * quick as a test likes.
 */
@ExtendWith(TarnServerExtension.class)
@ServerArgs({"--kinesis-throttling", "off"})
class StreamIT extends KinesisClientsBase {

    @BothProtocols
    void createDescribeAndDelete(Wire wire) throws Exception {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("lifecycle");
        Instant before = AdminCalls.clockNow(clients.endpoint()).truncatedTo(ChronoUnit.SECONDS);
        kinesis.createStream(b -> b.streamName(name).shardCount(3));
        Instant after = AdminCalls.clockNow(clients.endpoint());
        KinesisSupport.awaitActive(kinesis, name);

        StreamDescription d = kinesis.describeStream(b -> b.streamName(name)).streamDescription();
        assertThat(d.streamName()).isEqualTo(name);
        assertThat(d.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/" + name);
        assertThat(d.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(d.streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
        assertThat(d.retentionPeriodHours()).isEqualTo(24);
        assertThat(d.encryptionType()).isEqualTo(EncryptionType.NONE);
        assertThat(d.hasMoreShards()).isFalse();
        assertThat(d.streamCreationTimestamp()).isBetween(before, after); // stamped by the emulator clock
        assertThat(d.shards()).extracting(Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        // the hash key ranges split 0..2^128-1 evenly, without gaps
        BigInteger next = BigInteger.ZERO;
        for (Shard s : d.shards()) {
            assertThat(new BigInteger(s.hashKeyRange().startingHashKey())).isEqualTo(next);
            next = new BigInteger(s.hashKeyRange().endingHashKey()).add(BigInteger.ONE);
            assertThat(s.sequenceNumberRange().startingSequenceNumber()).matches("[0-9]{20,128}");
            assertThat(s.sequenceNumberRange().endingSequenceNumber()).isNull();
            assertThat(s.parentShardId()).isNull();
        }
        assertThat(next).isEqualTo(HASH_SPACE);

        // DescribeStream pages its shards with Limit and ExclusiveStartShardId
        StreamDescription firstPage = kinesis.describeStream(b -> b.streamName(name).limit(2)).streamDescription();
        assertThat(firstPage.shards()).hasSize(2);
        assertThat(firstPage.hasMoreShards()).isTrue();
        StreamDescription secondPage = kinesis.describeStream(b -> b.streamName(name).limit(2)
                .exclusiveStartShardId("shardId-000000000001")).streamDescription();
        assertThat(secondPage.shards()).extracting(Shard::shardId).containsExactly("shardId-000000000002");
        assertThat(secondPage.hasMoreShards()).isFalse();

        StreamDescriptionSummary s = kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
        assertThat(s.streamName()).isEqualTo(name);
        assertThat(s.streamARN()).isEqualTo(d.streamARN());
        assertThat(s.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(s.openShardCount()).isEqualTo(3);
        assertThat(s.consumerCount()).isZero();
        assertThat(s.retentionPeriodHours()).isEqualTo(24);
        assertThat(s.streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
        assertThat(s.encryptionType()).isEqualTo(EncryptionType.NONE);
        assertThat(s.streamCreationTimestamp()).isEqualTo(d.streamCreationTimestamp());

        kinesis.deleteStream(b -> b.streamName(name));
        assertKinesisError(() -> kinesis.describeStream(b -> b.streamName(name)), "ResourceNotFoundException");
        assertKinesisError(() -> kinesis.describeStreamSummary(b -> b.streamName(name)), "ResourceNotFoundException");
        assertThat(kinesis.listStreamsPaginator(b -> b.limit(100)).streamNames().stream().toList()).doesNotContain(name);

        // the name is free again, and the new stream starts empty
        createStream(kinesis, name, 1);
        assertThat(readShard(kinesis, name, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON).records()).isEmpty();
        kinesis.deleteStream(b -> b.streamName(name));
    }

    @BothProtocols
    void aDuplicateNameIsResourceInUse(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("duplicate");
        createStream(kinesis, name, 1);
        assertKinesisError(() -> kinesis.createStream(b -> b.streamName(name).shardCount(2)), "ResourceInUseException",
                "Stream " + name + " under account 000000000000 already exists.");
        assertThat(kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().openShardCount()).isEqualTo(1);
        // the API model: names match [a-zA-Z0-9_.-]+
        assertKinesisError(() -> kinesis.createStream(b -> b.streamName("no spaces!").shardCount(1)), "ValidationException");
    }

    @BothProtocols
    void anUnknownStreamIsResourceNotFound(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("never-created");
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
        assertKinesisError(() -> kinesis.describeStream(b -> b.streamName(name)), "ResourceNotFoundException",
                "Stream " + name + " under account 000000000000 not found.");
        assertKinesisError(() -> kinesis.describeStreamSummary(b -> b.streamARN(arn)), "ResourceNotFoundException");
        assertKinesisError(() -> kinesis.deleteStream(b -> b.streamName(name)), "ResourceNotFoundException");
        assertKinesisError(() -> kinesis.listShards(b -> b.streamName(name)), "ResourceNotFoundException");
        assertKinesisError(() -> kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(bytes("x"))),
                "ResourceNotFoundException");
        assertKinesisError(() -> kinesis.getShardIterator(b -> b.streamName(name).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.LATEST)), "ResourceNotFoundException");
        assertKinesisError(() -> kinesis.increaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(48)),
                "ResourceNotFoundException");
        assertKinesisError(() -> kinesis.listTagsForStream(b -> b.streamName(name)), "ResourceNotFoundException");
    }

    @BothProtocols
    void listStreamsPaginatesWithLimitAndNextToken(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String prefix = wire.name("list");
        List<String> names = new ArrayList<>();
        for (char c = 'a'; c <= 'e'; c++) {
            names.add(prefix + "-" + c);
            createStream(kinesis, prefix + "-" + c, 1);
        }

        // from just before our names, two at a time, following NextToken to the end
        String start = prefix + "-";
        List<String> seen = new ArrayList<>();
        ListStreamsResponse page = kinesis.listStreams(b -> b.limit(2).exclusiveStartStreamName(start));
        int pages = 1;
        while (true) {
            assertThat(page.streamNames()).hasSizeLessThanOrEqualTo(2);
            assertThat(page.streamSummaries()).extracting(StreamSummary::streamName).containsExactlyElementsOf(page.streamNames());
            for (StreamSummary s : page.streamSummaries()) {
                assertThat(s.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/" + s.streamName());
                assertThat(s.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
                assertThat(s.streamModeDetails().streamMode()).isNotNull();
                assertThat(s.streamCreationTimestamp()).isNotNull();
            }
            seen.addAll(page.streamNames());
            if (!page.hasMoreStreams()) {
                assertThat(page.nextToken()).isNull();
                break;
            }
            assertThat(page.nextToken()).isNotBlank();
            assertThat(pages).isLessThan(100);
            String token = page.nextToken();
            page = kinesis.listStreams(b -> b.limit(2).nextToken(token));
            pages++;
        }
        assertThat(seen).allMatch(n -> n.compareTo(start) > 0).isSorted().doesNotHaveDuplicates();
        assertThat(seen.stream().filter(n -> n.startsWith(start)).toList()).containsExactlyElementsOf(names);
        assertThat(pages).isGreaterThanOrEqualTo(3);

        // the SDK's paginator follows the same tokens
        List<String> all = kinesis.listStreamsPaginator(b -> b.limit(2)).streamNames().stream().toList();
        assertThat(all).containsSubsequence(names).doesNotHaveDuplicates();
        assertThat(all).isSorted();
    }

    @BothProtocols
    void aStreamArnNamesTheStream(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("by-arn");
        String arn = createStream(kinesis, name, 1);
        assertThat(arn).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/" + name);

        assertThat(kinesis.describeStream(b -> b.streamARN(arn)).streamDescription().streamName()).isEqualTo(name);
        assertThat(kinesis.describeStreamSummary(b -> b.streamARN(arn)).streamDescriptionSummary().streamName()).isEqualTo(name);
        assertThat(kinesis.listShards(b -> b.streamARN(arn)).shards()).hasSize(1);
        PutRecordResponse put = kinesis.putRecord(b -> b.streamARN(arn).partitionKey("k").data(bytes("via arn")));
        kinesis.putRecords(b -> b.streamARN(arn).records(r -> r.partitionKey("k").data(bytes("via arn too"))));
        String it = kinesis.getShardIterator(b -> b.streamARN(arn).shardId(put.shardId())
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(put.sequenceNumber())).shardIterator();
        assertThat(kinesis.getRecords(b -> b.streamARN(arn).shardIterator(it)).records()).extracting(r -> r.data().asUtf8String())
                .containsExactly("via arn", "via arn too");
        kinesis.increaseStreamRetentionPeriod(b -> b.streamARN(arn).retentionPeriodHours(36));
        kinesis.addTagsToStream(b -> b.streamARN(arn).tags(Map.of("via", "arn")));
        assertThat(kinesis.listTagsForStream(b -> b.streamARN(arn)).tags()).extracting(Tag::key).containsExactly("via");
        assertThat(kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().retentionPeriodHours())
                .isEqualTo(36);
        // both given: they must agree
        assertThat(kinesis.describeStreamSummary(b -> b.streamName(name).streamARN(arn)).streamDescriptionSummary().streamARN())
                .isEqualTo(arn);

        kinesis.deleteStream(b -> b.streamARN(arn));
        assertKinesisError(() -> kinesis.describeStreamSummary(b -> b.streamARN(arn)), "ResourceNotFoundException");
    }

    @BothProtocols
    void anOnDemandStreamStartsWithFourShards(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("on-demand");
        int onDemandBefore = kinesis.describeLimits().onDemandStreamCount();
        kinesis.createStream(b -> b.streamName(name).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        KinesisSupport.awaitActive(kinesis, name);

        StreamDescriptionSummary s = kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
        assertThat(s.streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
        assertThat(s.openShardCount()).isEqualTo(4);
        assertThat(kinesis.listShards(b -> b.streamName(name)).shards()).hasSize(4);
        assertThat(kinesis.describeLimits().onDemandStreamCount()).isEqualTo(onDemandBefore + 1);
        assertThat(kinesis.listStreamsPaginator(b -> b.limit(100)).streamSummaries().stream().toList())
                .filteredOn(x -> x.streamName().equals(name))
                .singleElement().satisfies(x -> assertThat(x.streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND));

        String arn = s.streamARN();
        kinesis.updateStreamMode(b -> b.streamARN(arn).streamModeDetails(m -> m.streamMode(StreamMode.PROVISIONED)));
        KinesisSupport.awaitActive(kinesis, name);
        StreamDescriptionSummary after = kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
        assertThat(after.streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
        assertThat(after.openShardCount()).isEqualTo(4);
        assertThat(kinesis.describeLimits().onDemandStreamCount()).isEqualTo(onDemandBefore);
    }

    @BothProtocols
    void retentionGoesUpAndDownWithinItsBounds(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("retention");
        createStream(kinesis, name, 1);

        kinesis.increaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(168));
        assertThat(retention(kinesis, name)).isEqualTo(168);
        // https://docs.aws.amazon.com/kinesis/latest/APIReference/API_IncreaseStreamRetentionPeriod.html: a shorter
        // period than the current one is an InvalidArgumentException (use DecreaseStreamRetentionPeriod)
        assertKinesisError(() -> kinesis.increaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(48)),
                "InvalidArgumentException");
        // at most 8760 hours (365 days)
        assertKinesisError(() -> kinesis.increaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(8761)),
                "InvalidArgumentException");
        kinesis.increaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(8760));
        assertThat(retention(kinesis, name)).isEqualTo(8760);

        kinesis.decreaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(48));
        assertThat(retention(kinesis, name)).isEqualTo(48);
        // a longer period than the current one, and less than the 24-hour minimum, are InvalidArgumentExceptions
        assertKinesisError(() -> kinesis.decreaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(72)),
                "InvalidArgumentException");
        assertKinesisError(() -> kinesis.decreaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(23)),
                "InvalidArgumentException");
        kinesis.decreaseStreamRetentionPeriod(b -> b.streamName(name).retentionPeriodHours(24));
        assertThat(retention(kinesis, name)).isEqualTo(24);
        assertThat(kinesis.describeStream(b -> b.streamName(name)).streamDescription().retentionPeriodHours()).isEqualTo(24);
    }

    private static int retention(KinesisClient kinesis, String name) {
        return kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().retentionPeriodHours();
    }

    @BothProtocols
    void enhancedMonitoringReportsCurrentAndDesiredMetrics(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("monitoring");
        createStream(kinesis, name, 1);

        EnableEnhancedMonitoringResponse on = kinesis.enableEnhancedMonitoring(b -> b.streamName(name)
                .shardLevelMetrics(MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_RECORDS));
        assertThat(on.streamName()).isEqualTo(name);
        assertThat(on.currentShardLevelMetrics()).isEmpty();
        assertThat(on.desiredShardLevelMetrics()).containsExactlyInAnyOrder(MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_RECORDS);
        assertThat(kinesis.describeStream(b -> b.streamName(name)).streamDescription().enhancedMonitoring())
                .singleElement().satisfies(m -> assertThat(m.shardLevelMetrics())
                        .containsExactlyInAnyOrder(MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_RECORDS));

        EnableEnhancedMonitoringResponse all = kinesis.enableEnhancedMonitoring(b -> b.streamName(name).shardLevelMetrics(MetricsName.ALL));
        assertThat(all.currentShardLevelMetrics()).containsExactlyInAnyOrder(MetricsName.INCOMING_BYTES, MetricsName.OUTGOING_RECORDS);
        assertThat(all.desiredShardLevelMetrics()).containsExactlyInAnyOrder(MetricsName.INCOMING_BYTES, MetricsName.INCOMING_RECORDS,
                MetricsName.OUTGOING_BYTES, MetricsName.OUTGOING_RECORDS, MetricsName.WRITE_PROVISIONED_THROUGHPUT_EXCEEDED,
                MetricsName.READ_PROVISIONED_THROUGHPUT_EXCEEDED, MetricsName.ITERATOR_AGE_MILLISECONDS);

        DisableEnhancedMonitoringResponse one = kinesis.disableEnhancedMonitoring(b -> b.streamName(name)
                .shardLevelMetrics(MetricsName.ITERATOR_AGE_MILLISECONDS));
        assertThat(one.desiredShardLevelMetrics()).hasSize(6).doesNotContain(MetricsName.ITERATOR_AGE_MILLISECONDS);
        DisableEnhancedMonitoringResponse off = kinesis.disableEnhancedMonitoring(b -> b.streamName(name).shardLevelMetrics(MetricsName.ALL));
        assertThat(off.currentShardLevelMetrics()).hasSize(6);
        assertThat(off.desiredShardLevelMetrics()).isEmpty();
        assertThat(kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().enhancedMonitoring())
                .singleElement().satisfies(m -> assertThat(m.shardLevelMetrics()).isEmpty());
    }

    @BothProtocols
    void tagsOfAStreamPageAndChange(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("tags");
        kinesis.createStream(b -> b.streamName(name).shardCount(1).tags(Map.of("team", "data", "env", "test")));
        KinesisSupport.awaitActive(kinesis, name);
        assertThat(tagMap(kinesis.listTagsForStream(b -> b.streamName(name)))).containsExactly(Map.entry("env", "test"),
                Map.entry("team", "data"));

        Map<String, String> more = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            more.put("k" + i, "v" + i);
        }
        kinesis.addTagsToStream(b -> b.streamName(name).tags(more));
        kinesis.addTagsToStream(b -> b.streamName(name).tags(Map.of("team", "platform"))); // overwrites

        // three at a time, in key order, by ExclusiveStartTagKey
        List<Tag> seen = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < 10; pages++) {
            String start = after;
            ListTagsForStreamResponse page = kinesis.listTagsForStream(b -> b.streamName(name).limit(3).exclusiveStartTagKey(start));
            assertThat(page.tags()).hasSizeLessThanOrEqualTo(3);
            seen.addAll(page.tags());
            if (!page.hasMoreTags()) {
                break;
            }
            after = page.tags().get(page.tags().size() - 1).key();
        }
        assertThat(seen).extracting(Tag::key).containsExactly("env", "k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "team");
        assertThat(seen).filteredOn(t -> t.key().equals("team")).singleElement()
                .satisfies(t -> assertThat(t.value()).isEqualTo("platform"));

        kinesis.removeTagsFromStream(b -> b.streamName(name).tagKeys("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "absent"));
        assertThat(tagMap(kinesis.listTagsForStream(b -> b.streamName(name))))
                .containsExactly(Map.entry("env", "test"), Map.entry("team", "platform"));
        // reserved prefix
        assertKinesisError(() -> kinesis.addTagsToStream(b -> b.streamName(name).tags(Map.of("aws:owner", "x"))),
                "InvalidArgumentException");
    }

    @BothProtocols
    void tagsByResourceArn(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("resource-tags");
        String arn = createStream(kinesis, name, 1);

        kinesis.tagResource(b -> b.resourceARN(arn).tags(Map.of("a", "1", "b", "2", "c", "3")));
        assertThat(kinesis.listTagsForResource(b -> b.resourceARN(arn)).tags()).extracting(Tag::key, Tag::value)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", "1"), org.assertj.core.groups.Tuple.tuple("b", "2"),
                        org.assertj.core.groups.Tuple.tuple("c", "3"));
        kinesis.untagResource(b -> b.resourceARN(arn).tagKeys("b"));
        assertThat(kinesis.listTagsForResource(b -> b.resourceARN(arn)).tags()).extracting(Tag::key).containsExactlyInAnyOrder("a", "c");
        // the same tags as ListTagsForStream sees
        assertThat(kinesis.listTagsForStream(b -> b.streamName(name)).tags()).extracting(Tag::key).containsExactlyInAnyOrder("a", "c");
        assertKinesisError(() -> kinesis.listTagsForResource(b -> b.resourceARN(arn + "-missing")), "ResourceNotFoundException");
    }

    @BothProtocols
    void resourcePoliciesArePutReadAndDeleted(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("policy");
        String arn = createStream(kinesis, name, 1);
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"reader\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":[\"kinesis:GetRecords\","
                + "\"kinesis:GetShardIterator\"],\"Resource\":\"" + arn + "\"}]}";

        kinesis.putResourcePolicy(b -> b.resourceARN(arn).policy(policy));
        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(arn)).policy()).isEqualTo(policy);
        kinesis.deleteResourcePolicy(b -> b.resourceARN(arn));
        assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(arn)).policy()).isNotEqualTo(policy);
        assertKinesisError(() -> kinesis.putResourcePolicy(b -> b.resourceARN(arn).policy("not json")), "InvalidArgumentException");
        assertKinesisError(() -> kinesis.getResourcePolicy(b -> b.resourceARN(arn + "-missing")), "ResourceNotFoundException");
    }

    @BothProtocols
    void describeLimitsCountsOpenShards(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        DescribeLimitsResponse before = kinesis.describeLimits();
        assertThat(before.shardLimit()).isEqualTo(500);
        assertThat(before.onDemandStreamCountLimit()).isEqualTo(50);
        createStream(kinesis, wire.name("limits"), 3);
        DescribeLimitsResponse after = kinesis.describeLimits();
        assertThat(after.openShardCount()).isEqualTo(before.openShardCount() + 3);
        assertThat(after.onDemandStreamCount()).isEqualTo(before.onDemandStreamCount());
        kinesis.deleteStream(b -> b.streamName(wire.name("limits")));
        assertThat(kinesis.describeLimits().openShardCount()).isEqualTo(before.openShardCount());
    }

    @BothProtocols
    void encryptionWithAKmsKey(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("encrypted");
        createStream(kinesis, name, 1);
        String keyId = clients.kms().createKey(b -> b.description("kinesis " + name)).keyMetadata().keyId();

        PutRecordResponse plain = kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(bytes("before")));
        assertThat(plain.encryptionType()).isEqualTo(EncryptionType.NONE);

        kinesis.startStreamEncryption(b -> b.streamName(name).encryptionType(EncryptionType.KMS).keyId(keyId));
        KinesisSupport.awaitActive(kinesis, name);
        StreamDescriptionSummary s = kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
        assertThat(s.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(s.keyId()).isEqualTo(keyId);
        assertThat(kinesis.describeStream(b -> b.streamName(name)).streamDescription().encryptionType()).isEqualTo(EncryptionType.KMS);

        PutRecordResponse sealed = kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(bytes("secret")));
        assertThat(sealed.encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(kinesis.putRecords(b -> b.streamName(name).records(r -> r.partitionKey("k").data(bytes("secret 2"))))
                .encryptionType()).isEqualTo(EncryptionType.KMS);

        kinesis.stopStreamEncryption(b -> b.streamName(name).encryptionType(EncryptionType.KMS).keyId(keyId));
        KinesisSupport.awaitActive(kinesis, name);
        assertThat(kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().encryptionType())
                .isEqualTo(EncryptionType.NONE);
        assertThat(kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(bytes("after"))).encryptionType())
                .isEqualTo(EncryptionType.NONE);

        List<Record> records = readShard(kinesis, name, plain.shardId(), ShardIteratorType.TRIM_HORIZON).records();
        assertThat(records).extracting(r -> r.data().asUtf8String()).containsExactly("before", "secret", "secret 2", "after");
        assertThat(records.get(1).encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(records.get(2).encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(records.get(0).encryptionType()).isNotEqualTo(EncryptionType.KMS);
        assertThat(records.get(3).encryptionType()).isNotEqualTo(EncryptionType.KMS);

        // a key KMS does not know
        assertKinesisError(() -> kinesis.startStreamEncryption(b -> b.streamName(name).encryptionType(EncryptionType.KMS)
                .keyId("00000000-0000-0000-0000-000000000000")), "KMSNotFoundException");
    }

    @BothProtocols
    void reEncryptingUnderAnotherKeyKeepsOlderRecordsReadable(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("re-keyed");
        createStream(kinesis, name, 1);
        String first = clients.kms().createKey(b -> b.description("first " + name)).keyMetadata().keyId();
        String second = clients.kms().createKey(b -> b.description("second " + name)).keyMetadata().keyId();
        String secondArn = clients.kms().describeKey(b -> b.keyId(second)).keyMetadata().arn();

        kinesis.startStreamEncryption(b -> b.streamName(name).encryptionType(EncryptionType.KMS).keyId(first));
        KinesisSupport.awaitActive(kinesis, name);
        kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(bytes("under the first key")));
        // a key ARN names a key as well as its id, and so does an alias
        String alias = "alias/" + name;
        clients.kms().createAlias(b -> b.aliasName(alias).targetKeyId(first));
        kinesis.startStreamEncryption(b -> b.streamName(name).encryptionType(EncryptionType.KMS).keyId(alias));
        KinesisSupport.awaitActive(kinesis, name);
        assertThat(kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().keyId()).isEqualTo(alias);
        kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(bytes("under the alias")));
        kinesis.startStreamEncryption(b -> b.streamName(name).encryptionType(EncryptionType.KMS).keyId(secondArn));
        KinesisSupport.awaitActive(kinesis, name);
        assertThat(kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().keyId()).isEqualTo(secondArn);
        kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(bytes("under the second key")));

        List<Record> records = readShard(kinesis, name, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON).records();
        assertThat(records).extracting(r -> r.data().asUtf8String()).containsExactly("under the first key", "under the alias",
                "under the second key");
        assertThat(records).allSatisfy(r -> assertThat(r.encryptionType()).isEqualTo(EncryptionType.KMS));
    }

    @BothProtocols
    void aLargerMaximumRecordSizeTakesLargerRecords(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("max-record-size");
        String arn = createStream(kinesis, name, 1);
        assertThat(kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().maxRecordSizeInKiB())
                .isEqualTo(1024);
        byte[] big = new byte[1536 * 1024];
        big[big.length - 1] = 7;
        assertKinesisError(() -> kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(SdkBytes.fromByteArray(big))),
                "ValidationException");

        kinesis.updateMaxRecordSize(b -> b.streamARN(arn).maxRecordSizeInKiB(2048));
        KinesisSupport.awaitActive(kinesis, name);
        assertThat(kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().maxRecordSizeInKiB())
                .isEqualTo(2048);
        kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(SdkBytes.fromByteArray(big)));
        assertThat(readShard(kinesis, name, "shardId-000000000000", ShardIteratorType.TRIM_HORIZON).records()).singleElement()
                .satisfies(r -> assertThat(r.data().asByteArray()).isEqualTo(big));
    }

    @BothProtocols
    void warmThroughputOfAnOnDemandStreamWithTheBillingCommitment(Wire wire) {
        KinesisClient kinesis = clients.sync(wire);
        String name = wire.name("warm");
        kinesis.updateAccountSettings(b -> b.minimumThroughputBillingCommitment(c -> c.status("ENABLED")));
        assertThat(kinesis.describeAccountSettings(b -> {}).minimumThroughputBillingCommitment().statusAsString()).isEqualTo("ENABLED");
        kinesis.createStream(b -> b.streamName(name).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
        KinesisSupport.awaitActive(kinesis, name);

        UpdateStreamWarmThroughputResponse warm = kinesis.updateStreamWarmThroughput(b -> b.streamName(name).warmThroughputMiBps(8));
        assertThat(warm.streamName()).isEqualTo(name);
        assertThat(warm.warmThroughput().targetMiBps()).isEqualTo(8);
        KinesisSupport.awaitActive(kinesis, name);
        assertThat(kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().warmThroughput().targetMiBps())
                .isEqualTo(8);
    }

    private static Map<String, String> tagMap(ListTagsForStreamResponse r) {
        return r.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a, LinkedHashMap::new));
    }
}
