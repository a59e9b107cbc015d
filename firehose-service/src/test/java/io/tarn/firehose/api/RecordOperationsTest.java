package io.tarn.firehose.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Caller;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.RequestContext;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.firehose.api.shapes.RecordShapes;
import io.tarn.firehose.engine.delivery.DeliveryEngine;
import io.tarn.firehose.engine.delivery.DeliveryFailures;
import io.tarn.firehose.engine.delivery.DeliverySettings;
import io.tarn.firehose.engine.processor.LambdaEndpoints;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model's limits on PutRecord and PutRecordBatch, checked before any stream is looked at. */
class RecordOperationsTest {

    @TempDir
    Path dir;

    EmulatorClock clock = EmulatorClock.manual(Instant.parse("2024-01-01T00:00:00Z"));
    Scheduler scheduler;
    StateStore store;
    DeliveryEngine engine;
    RecordOperations ops;
    RequestContext ctx;

    @BeforeEach
    void open() {
        scheduler = new Scheduler(clock);
        store = StateStore.open(dir.resolve("db"), false);
        engine = DeliveryEngine.open(store.keyspace("firehose"), clock, scheduler, (ns, name) -> null,
                new DeliveryEngine.Collaborators(() -> null, () -> null, new LambdaEndpoints(Map.of()), DeliveryFailures.NONE),
                DeliverySettings.DEFAULT);
        ops = new RecordOperations(engine.buffers());
        ctx = new RequestContext("r1", new Namespace("000000000000", "us-east-1"), Caller.root("AKID", "000000000000"), "firehose",
                clock);
    }

    @AfterEach
    void close() {
        engine.close();
        scheduler.close();
        store.close();
    }

    private static List<RecordShapes.Record> records(int n, int size) {
        return new ArrayList<>(Collections.nCopies(n, new RecordShapes.Record(new byte[size])));
    }

    private static void assertCode(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void aBatchHoldsOneToFiveHundredRecordsOfAtMost1000KiBAndFourMiBInAll() {
        assertCode(() -> ops.putRecordBatch(ctx, new RecordShapes.PutRecordBatchInput("s", records(501, 1))), "ValidationException");
        assertCode(() -> ops.putRecordBatch(ctx, new RecordShapes.PutRecordBatchInput("s", records(0, 1))), "ValidationException");
        assertCode(() -> ops.putRecordBatch(ctx, new RecordShapes.PutRecordBatchInput("s", records(1, 1_024_001))),
                "ValidationException");
        assertCode(() -> ops.putRecordBatch(ctx, new RecordShapes.PutRecordBatchInput("s", records(5, 1_000_000))),
                "InvalidArgumentException");
        assertCode(() -> ops.putRecord(ctx, new RecordShapes.PutRecordInput("s", new RecordShapes.Record(new byte[1_024_001]))),
                "ValidationException");
        assertCode(() -> ops.putRecord(ctx, new RecordShapes.PutRecordInput("s", null)), "ValidationException");
    }

    @Test
    void aStreamThatDoesNotExistIsNotFound() {
        assertThatThrownBy(() -> ops.putRecord(ctx, new RecordShapes.PutRecordInput("s", new RecordShapes.Record(new byte[1]))))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.getMessage()).isEqualTo("Firehose s under account 000000000000 not found.");
                });
    }
}
