package io.tarn.firehose.engine.delivery;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.firehose.engine.processor.LambdaTransformer;
import io.tarn.firehose.model.BufferMeta;
import io.tarn.firehose.model.BufferedChunk;
import io.tarn.firehose.model.FirehoseKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The Lambda processor's step: a sealed {@link BufferRole#PROCESSING} buffer's records go to the
 * function ({@link LambdaTransformer}, over HTTP), and its answers to the stream's other buffers:
 * {@code Ok} records to their partition, {@code ProcessingFailed} ones to the error buffer,
 * {@code Dropped} ones nowhere. The processing buffer is deleted in the batch that stores the
 * answers, so a crash before that batch invokes the function again (Firehose invokes at least
 * once too) and never loses or doubles a delivered record.
 */
final class LambdaStage {

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Scheduler scheduler;
    private final DeliveryStreamLookup streams;
    private final RecordBuffers buffers;
    private final LambdaTransformer transformer;
    private final DeliveryFailures failures;
    private final Executor executor;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    LambdaStage(Keyspace keyspace, EmulatorClock clock, Scheduler scheduler, DeliveryStreamLookup streams, RecordBuffers buffers,
            LambdaTransformer transformer, DeliveryFailures failures, Executor executor) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.scheduler = scheduler;
        this.streams = streams;
        this.buffers = buffers;
        this.transformer = transformer;
        this.failures = failures;
        this.executor = executor;
    }

    /** On the delivery pool: the function may take long, and a put must not wait for it. */
    void processLater(Namespace ns, BufferMeta sealed) {
        executor.execute(() -> process(ns, sealed));
    }

    void process(Namespace ns, BufferMeta sealed) {
        if (!inFlight.add(sealed.bufferId())) {
            return;
        }
        try {
            DeliveryTarget target = streams.find(ns, sealed.stream());
            if (target == null || !target.incarnation().equals(sealed.incarnation())) {
                ObjectDelivery.discard(keyspace, ns, sealed); // the stream was deleted: AWS drops what it buffered
                return;
            }
            transformAndRoute(ns, sealed, target);
        } finally {
            inFlight.remove(sealed.bufferId());
        }
    }

    private void transformAndRoute(Namespace ns, BufferMeta sealed, DeliveryTarget target) {
        DeliveryPlan plan = buffers.plan(target);
        List<LambdaTransformer.InputRecord> inputs = new ArrayList<>();
        keyspace.scan(FirehoseKeys.bufferChunks(ns, sealed.stream(), sealed.incarnation(), sealed.bufferId()), null, e -> {
            BufferedChunk chunk = e.value(BufferedChunk.class);
            for (byte[] r : chunk.records()) {
                inputs.add(new LambdaTransformer.InputRecord(r, Instant.ofEpochMilli(chunk.arrivalMillis())));
            }
            return true;
        });
        List<LambdaTransformer.Transformed> results;
        if (plan.lambda() == null) { // UpdateDestination removed the processor: the records pass as they are
            results = inputs.stream().<LambdaTransformer.Transformed>map(i -> new LambdaTransformer.Ok(i.data(), Map.of())).toList();
        } else {
            try {
                results = transformer.transform(plan.lambda(), target.streamArn(), ns.region(), inputs);
            } catch (AwsException e) { // the init file no longer maps the function: keep the records, retry
                BufferMeta again = sealed.failed("Lambda." + e.code() + ": " + e.getMessage());
                keyspace.put(FirehoseKeys.bufferMeta(ns, sealed.stream(), sealed.incarnation(), sealed.bufferId()), again);
                failures.failed(ns, sealed.stream(), sealed.incarnation(), again.lastError());
                scheduler.after(ObjectDelivery.backoff(again.attempts()), () -> process(ns, again));
                return;
            }
        }
        long now = clock.millis();
        buffers.append(new RecordBuffers.StreamKey(ns, sealed.stream(), sealed.incarnation()), target, plan, active -> {
            RecordBuffers.Routing routing = new RecordBuffers.Routing();
            for (int i = 0; i < results.size(); i++) {
                long arrival = inputs.get(i).arrival().toEpochMilli();
                if (results.get(i) instanceof LambdaTransformer.Ok ok) {
                    RecordBuffers.routeProcessed(plan, routing, ok.data(), ok.partitionKeys(), arrival, now, active);
                } else if (results.get(i) instanceof LambdaTransformer.Failed failed) {
                    routing.error(failed.error());
                }
            }
            return routing;
        }, b -> ObjectDelivery.discard(b, ns, sealed));
        if (sealed.attempts() > 0) {
            failures.recovered(ns, sealed.stream(), sealed.incarnation());
        }
    }
}
