package io.tarn.it.kinesis;

import static io.tarn.it.kinesis.KinesisSupport.assertKinesisError;
import static io.tarn.it.kinesis.KinesisSupport.bytes;
import static io.tarn.it.kinesis.KinesisSupport.shardId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tarn.it.AdminCalls;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/**
 * AWS's throughput limits, on by default: per shard 1 MiB and 1,000 records a second in, 5
 * GetRecords calls a second out, and the control plane's calls per second. The clients here never
 * retry, so each throttling answer reaches the test. The emulator clock is frozen for the whole
 * class and moved on by hand, so the allowances are exact whatever the machine's speed (no test here
 * waits on real time). See https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html.
 */
@ExtendWith(TarnServerExtension.class)
class ThroughputIT extends KinesisClientsBase {

    @BeforeAll
    static void freezeClock(URI endpoint) throws Exception {
        AdminCalls.changeClock(endpoint, "{\"scale\":0}");
    }

    @AfterAll
    static void runClock(URI endpoint) throws Exception {
        AdminCalls.changeClock(endpoint, "{\"scale\":1}");
    }

    /** Lets {@code duration} (ISO-8601, {@code PT1S}) of emulator time pass: the buckets refill by exactly that. */
    private static void pass(String duration) {
        KinesisSupport.advanceClock(clients.endpoint(), duration);
    }

    /** Creates a one-shard stream, waiting out CreateStream's own rate limit (5 a second) as a client must. */
    private static void create(Wire wire, String name) {
        for (int attempt = 0; ; attempt++) {
            try {
                KinesisSupport.createStream(clients.sync(wire), name, 1);
                return;
            } catch (AwsServiceException e) {
                if (!"LimitExceededException".equals(e.awsErrorDetails().errorCode()) || attempt == 10) {
                    throw e;
                }
                pass("PT1S");
            }
        }
    }

    private static PutRecordsRequestEntry entry(String key, String data) {
        return PutRecordsRequestEntry.builder().partitionKey(key).data(bytes(data)).build();
    }

    @BothProtocols
    void writesOverAShardsRecordRateAreThrottledPerRecord(Wire wire) {
        KinesisClient kinesis = clients.noRetry(wire);
        String name = wire.name("record-rate");
        create(wire, name);

        // 500 records per call back to back, with no emulator time passing: exactly the shard's 1,000 records
        // of a second fit, then every record fails
        List<PutRecordsResponse> answers = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            int b0 = batch;
            answers.add(kinesis.putRecords(b -> b.streamName(name)
                    .records(IntStream.range(0, 500).mapToObj(i -> entry("k" + i, "b" + b0 + "-" + i)).toList())));
        }
        assertThat(answers).extracting(PutRecordsResponse::failedRecordCount).containsExactly(0, 0, 500);
        for (PutRecordsResponse answer : answers) {
            assertThat(answer.records()).hasSize(500);
            List<PutRecordsResultEntry> throttled = answer.records().stream().filter(r -> r.errorCode() != null).toList();
            assertThat(throttled).hasSize(answer.failedRecordCount());
            // https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html: a failed record has an error
            // code and message instead of a shard id and sequence number
            assertThat(throttled).allSatisfy(r -> {
                assertThat(r.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                assertThat(r.errorMessage()).isEqualTo("Rate exceeded for shard " + shardId(0) + " in stream " + name
                        + " under account 000000000000.");
                assertThat(r.sequenceNumber()).isNull();
                assertThat(r.shardId()).isNull();
            });
        }
    }

    @BothProtocols
    void writesOverAShardsByteRateAreThrottled(Wire wire) {
        KinesisClient kinesis = clients.noRetry(wire);
        String name = wire.name("byte-rate");
        create(wire, name);
        pass("PT1S"); // a full second's allowance

        SdkBytes almostOneMiB = SdkBytes.fromByteArray(new byte[1000 * 1024]);
        kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(almostOneMiB));
        // https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html: over the shard's throughput,
        // PutRecord throws ProvisionedThroughputExceededException
        assertKinesisError(() -> kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(almostOneMiB)),
                "ProvisionedThroughputExceededException", 400);
        // in one PutRecords: three records of 400 KiB are more than one second's MiB
        pass("PT1S");
        SdkBytes big = SdkBytes.fromByteArray(new byte[400 * 1024]);
        PutRecordsResponse r = kinesis.putRecords(b -> b.streamName(name).records(
                PutRecordsRequestEntry.builder().partitionKey("a").data(big).build(),
                PutRecordsRequestEntry.builder().partitionKey("b").data(big).build(),
                PutRecordsRequestEntry.builder().partitionKey("c").data(big).build()));
        assertThat(r.failedRecordCount()).isEqualTo(1);
        assertThat(r.records().get(2).errorCode()).isEqualTo("ProvisionedThroughputExceededException");
        assertThat(r.records().get(0).sequenceNumber()).isNotNull();
    }

    @BothProtocols
    void aRetryingProducerGetsEverythingInAndEachKeyStaysInOrder(Wire wire) {
        KinesisClient kinesis = clients.noRetry(wire);
        String name = wire.name("retrying-producer");
        create(wire, name);
        int keys = 10;
        int perKey = 250;
        Deque<PutRecordsRequestEntry> pending = new ArrayDeque<>();
        for (int n = 0; n < perKey; n++) {
            for (int k = 0; k < keys; k++) {
                pending.add(entry("key-" + k, Integer.toString(n)));
            }
        }

        // send 500 at a time; put the records that were throttled back at the head, in their order, and back off
        int throttledCalls = 0;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!pending.isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("%d records still not in after 20 s", pending.size());
            }
            List<PutRecordsRequestEntry> batch = new ArrayList<>();
            while (batch.size() < 500 && !pending.isEmpty()) {
                batch.add(pending.poll());
            }
            PutRecordsResponse r = kinesis.putRecords(b -> b.streamName(name).records(batch));
            List<PutRecordsRequestEntry> again = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (r.records().get(i).errorCode() != null) {
                    again.add(batch.get(i));
                }
            }
            assertThat(again).hasSize(r.failedRecordCount());
            for (int i = again.size() - 1; i >= 0; i--) {
                pending.addFirst(again.get(i));
            }
            if (!again.isEmpty()) {
                throttledCalls++;
                pass("PT0.2S");
            }
        }
        assertThat(throttledCalls).as("PutRecords calls with throttled records").isPositive();

        // a reader that backs off when its reads are throttled sees every record, each key in order
        Map<String, List<String>> byKey = new HashMap<>();
        int total = 0;
        String it = clients.sync(wire).getShardIterator(b -> b.streamName(name).shardId(shardId(0))
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (total < keys * perKey) {
            if (System.nanoTime() > deadline) {
                fail("read only %d records in time", total);
            }
            String current = it;
            GetRecordsResponse page;
            try {
                page = kinesis.getRecords(b -> b.shardIterator(current).limit(1000));
            } catch (AwsServiceException e) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                pass("PT0.25S");
                continue;
            }
            for (Record rec : page.records()) {
                byKey.computeIfAbsent(rec.partitionKey(), k -> new ArrayList<>()).add(rec.data().asUtf8String());
                total++;
            }
            it = page.nextShardIterator();
        }
        assertThat(total).isEqualTo(keys * perKey);
        List<String> expected = IntStream.range(0, perKey).mapToObj(Integer::toString).toList();
        for (int k = 0; k < keys; k++) {
            assertThat(byKey.get("key-" + k)).as("records of key-%d", k).containsExactlyElementsOf(expected);
        }
    }

    @BothProtocols
    void anOnDemandStreamGrowsAfterItsWritesWereThrottled(Wire wire) {
        KinesisClient kinesis = clients.noRetry(wire);
        String name = wire.name("on-demand-growth");
        for (int attempt = 0; ; attempt++) {
            try {
                clients.sync(wire).createStream(b -> b.streamName(name).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));
                break;
            } catch (AwsServiceException e) {
                if (!"LimitExceededException".equals(e.awsErrorDetails().errorCode()) || attempt == 10) {
                    throw e;
                }
                pass("PT1S");
            }
        }
        KinesisSupport.awaitActive(clients.sync(wire), name);
        assertThat(openShards(kinesis, name)).isEqualTo(4);

        // one hot partition key: its shard takes 1,000 records a second, the rest are throttled
        int throttled = 0;
        for (int batch = 0; batch < 8 && throttled == 0; batch++) {
            throttled += kinesis.putRecords(b -> b.streamName(name)
                    .records(IntStream.range(0, 500).mapToObj(i -> entry("hot", "x")).toList())).failedRecordCount();
        }
        assertThat(throttled).isPositive();
        // https://docs.aws.amazon.com/streams/latest/dev/how-do-i-size-a-stream.html: on-demand capacity adapts to the
        // traffic; this emulator doubles the shards once a minute (emulator time) of throttled writes has passed
        KinesisSupport.advanceClock(clients.endpoint(), "PT61S");
        kinesis.putRecord(b -> b.streamName(name).partitionKey("hot").data(bytes("next minute")));
        assertThat(openShards(kinesis, name)).isEqualTo(8);
        assertThat(clients.sync(wire).listShards(b -> b.streamName(name)
                .shardFilter(f -> f.type(software.amazon.awssdk.services.kinesis.model.ShardFilterType.AT_LATEST))).shards()).hasSize(8);
    }

    private static int openShards(KinesisClient kinesis, String name) {
        return kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().openShardCount();
    }

    @BothProtocols
    void moreThanFiveGetRecordsCallsASecondAreThrottled(Wire wire) {
        KinesisClient kinesis = clients.noRetry(wire);
        String name = wire.name("read-rate");
        create(wire, name);
        kinesis.putRecord(b -> b.streamName(name).partitionKey("k").data(bytes("x")));
        String it = kinesis.getShardIterator(b -> b.streamName(name).shardId(shardId(0)).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();

        int ok = 0;
        int throttled = 0;
        for (int i = 0; i < 10; i++) {
            try {
                kinesis.getRecords(b -> b.shardIterator(it));
                ok++;
            } catch (AwsServiceException e) {
                // API_GetRecords.html: "each shard can support up to five read transactions per second"
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                assertThat(e.statusCode()).isEqualTo(400);
                // GetRecords' own wording (https://github.com/risingwavelabs/risingwave/issues/7453 quotes AWS)
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded for Shard - 000000000000/" + name + "/" + shardId(0));
                throttled++;
            }
        }
        assertThat(ok).isEqualTo(5);
        assertThat(throttled).isEqualTo(5);
        pass("PT1S");
        assertThat(kinesis.getRecords(b -> b.shardIterator(it)).records()).hasSize(1);
    }

    @BothProtocols
    void moreThanFiveGetShardIteratorCallsASecondAreThrottled(Wire wire) {
        KinesisClient kinesis = clients.noRetry(wire);
        String name = wire.name("iterator-rate");
        create(wire, name);
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            try {
                kinesis.getShardIterator(b -> b.streamName(name).shardId(shardId(0)).shardIteratorType(ShardIteratorType.LATEST));
            } catch (AwsServiceException e) {
                errors.add(e.awsErrorDetails().errorCode());
            }
        }
        // https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html: "GetShardIterator has a
        // limit of five transactions per second per account per open shard" and "If a GetShardIterator request is made
        // too often, you receive a ProvisionedThroughputExceededException." (LimitExceededException is not among its errors.)
        assertThat(errors).isNotEmpty().containsOnly("ProvisionedThroughputExceededException");
    }

    @BothProtocols
    void describeStreamOverItsRateIsRefusedNamingTheStream(Wire wire) {
        KinesisClient kinesis = clients.noRetry(wire);
        String name = wire.name("describe-rate");
        create(wire, name);
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 15; i++) { // DescribeStream allows 10 calls a second per account; the clock stands still
            try {
                kinesis.describeStream(b -> b.streamName(name));
            } catch (AwsServiceException e) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LimitExceededException");
                messages.add(e.awsErrorDetails().errorMessage());
            }
        }
        // AWS's body, as quoted in https://github.com/boto/botocore/pull/821:
        // {"__type":"LimitExceededException","message":"Rate exceeded for stream <name> under account <account>."}
        assertThat(messages).isNotEmpty().containsOnly("Rate exceeded for stream " + name + " under account 000000000000.");
        pass("PT1S");
    }

    @BothProtocols
    void listStreamsOverItsRateIsRefusedNamingTheAccount(Wire wire) {
        KinesisClient kinesis = clients.noRetry(wire);
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // ListStreams allows 5 calls a second per account; the clock stands still
            try {
                kinesis.listStreams(b -> b.limit(1));
            } catch (AwsServiceException e) {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LimitExceededException");
                messages.add(e.awsErrorDetails().errorMessage());
            }
        }
        // as AWS words an account-wide refusal (https://github.com/Graylog2/graylog-plugin-integrations/issues/341)
        assertThat(messages).isNotEmpty().containsOnly("Rate exceeded for account 000000000000.");
        pass("PT1S");
    }

    @BothProtocols
    void theControlPlaneHasItsCallsPerSecond(Wire wire) {
        KinesisClient kinesis = clients.noRetry(wire);
        // DescribeLimits: one call per second per account
        pass("PT1S");
        kinesis.describeLimits();
        assertKinesisError(kinesis::describeLimits, "LimitExceededException", 400);
        pass("PT1S");
        kinesis.describeLimits();

        // CreateStream: five calls per second per account
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = wire.name("burst-" + i);
            try {
                kinesis.createStream(b -> b.streamName(name).shardCount(1));
            } catch (AwsServiceException e) {
                errors.add(e.awsErrorDetails().errorCode() + " " + e.statusCode());
            }
        }
        // the first five fit in the (frozen) second, the other three are refused
        assertThat(errors).containsExactly("LimitExceededException 400", "LimitExceededException 400", "LimitExceededException 400");
    }
}
