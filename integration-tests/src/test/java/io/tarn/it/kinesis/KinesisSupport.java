package io.tarn.it.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tarn.it.AdminCalls;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** What the Kinesis ITs share: streams made ready, shards read to their end, AWS errors asserted, the clock moved. */
final class KinesisSupport {

    static final BigInteger HASH_SPACE = BigInteger.ONE.shiftLeft(128);
    static final BigInteger MAX_HASH = HASH_SPACE.subtract(BigInteger.ONE);

    private KinesisSupport() {}

    /** Creates a provisioned stream of {@code shards} and waits until it is ACTIVE. */
    static String createStream(KinesisClient kinesis, String name, int shards) {
        kinesis.createStream(b -> b.streamName(name).shardCount(shards));
        awaitActive(kinesis, name);
        return kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamARN();
    }

    /** Polls DescribeStreamSummary until the stream is ACTIVE (10 s at most). */
    static void awaitActive(KinesisClient kinesis, String name) {
        awaitStatus(kinesis, name, StreamStatus.ACTIVE);
    }

    static void awaitStatus(KinesisClient kinesis, String name, StreamStatus wanted) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        StreamStatus status = null;
        while (System.nanoTime() < deadline) {
            status = kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamStatus();
            if (status == wanted) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("stream " + name + " stayed " + status + ", never " + wanted);
    }

    /** Polls {@code condition} every 20 ms until it holds (15 s at most). */
    static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            sleep(20);
        }
    }

    static SdkBytes bytes(String s) {
        return SdkBytes.fromUtf8String(s);
    }

    /** The call fails with AWS error {@code code} and HTTP 400 (async failures are unwrapped). */
    static void assertKinesisError(ThrowingCallable call, String code) {
        assertKinesisError(call, code, 400);
    }

    /** The call fails with AWS error {@code code}, HTTP 400 and a message matching {@code messagePattern} (a regex). */
    static void assertKinesisError(ThrowingCallable call, String code, Pattern messagePattern) {
        AwsServiceException e = thrown(call);
        assertThat(e.awsErrorDetails().errorCode()).as("error code of %s", e.getMessage()).isEqualTo(code);
        assertThat(e.statusCode()).as("HTTP status of %s", e.getMessage()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorMessage()).matches(messagePattern);
    }

    /** The call fails with AWS error {@code code}, HTTP 400 and exactly AWS's {@code message}. */
    static void assertKinesisError(ThrowingCallable call, String code, String message) {
        assertKinesisError(call, code, Pattern.compile(Pattern.quote(message)));
    }

    static void assertKinesisError(ThrowingCallable call, String code, int status) {
        AwsServiceException e = thrown(call);
        assertThat(e.awsErrorDetails().errorCode()).as("error code of %s", e.getMessage()).isEqualTo(code);
        assertThat(e.statusCode()).as("HTTP status of %s", e.getMessage()).isEqualTo(status);
    }

    /** The AWS error the call fails with (async failures are unwrapped). */
    private static AwsServiceException thrown(ThrowingCallable call) {
        Throwable t = catchThrowable(() -> {
            try {
                call.call();
            } catch (CompletionException | ExecutionException e) {
                throw e.getCause();
            }
        });
        assertThat(t).isInstanceOf(AwsServiceException.class);
        return (AwsServiceException) t;
    }

    /** Moves the emulator clock forward by an ISO-8601 duration ({@code PT6M}). */
    static void advanceClock(URI endpoint, String duration) {
        try {
            HttpResponse<String> r = AdminCalls.send(endpoint, "POST", "/_tarn/clock", "{\"advance\":\"" + duration + "\"}");
            assertThat(r.statusCode()).as("POST /_tarn/clock: %s", r.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String shardId(int index) {
        return String.format("shardId-%012d", index);
    }

    /** What reading a shard to its end (or to the tip) gave: the records, and the last response. */
    record ShardRead(List<Record> records, GetRecordsResponse last) {}

    /**
     * Reads a shard from {@code type} until the shard ends (NextShardIterator null) or the reader has
     * caught up (an empty page with MillisBehindLatest 0).
     */
    static ShardRead readShard(KinesisClient kinesis, String stream, String shardId, ShardIteratorType type) {
        return readShard(kinesis, b -> b.streamName(stream).shardId(shardId).shardIteratorType(type), null);
    }

    static ShardRead readShard(KinesisClient kinesis, Consumer<GetShardIteratorRequest.Builder> iterator, Integer limit) {
        String it = kinesis.getShardIterator(iterator).shardIterator();
        List<Record> out = new ArrayList<>();
        for (int calls = 0; calls < 1000; calls++) {
            String current = it;
            GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(current).limit(limit));
            out.addAll(r.records());
            if (r.nextShardIterator() == null || (r.records().isEmpty() && r.millisBehindLatest() == 0)) {
                return new ShardRead(out, r);
            }
            it = r.nextShardIterator();
        }
        throw new AssertionError("shard never ended nor caught up");
    }

    /** Every shard of the stream (ListShards with its NextToken), in shard id order. */
    static List<Shard> allShards(KinesisClient kinesis, String stream) {
        List<Shard> out = new ArrayList<>(kinesis.listShards(b -> b.streamName(stream)).shards());
        out.sort(Comparator.comparing(Shard::shardId));
        return out;
    }

    /**
     * Reads every shard from TRIM_HORIZON, parents before children (a child's shard id is always
     * higher than its parents'), and groups the data by partition key in reading order.
     */
    static Map<String, List<String>> readStreamByKey(KinesisClient kinesis, String stream) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (Shard s : allShards(kinesis, stream)) {
            for (Record r : readShard(kinesis, stream, s.shardId(), ShardIteratorType.TRIM_HORIZON).records()) {
                byKey.computeIfAbsent(r.partitionKey(), k -> new ArrayList<>()).add(r.data().asUtf8String());
            }
        }
        return byKey;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
