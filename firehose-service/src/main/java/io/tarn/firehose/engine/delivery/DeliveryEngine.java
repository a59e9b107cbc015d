package io.tarn.firehose.engine.delivery;

import io.tarn.core.spi.ports.ObjectStorePort;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Delivery put together: the buffers records are put to, and the delivery of sealed buffers to S3
 * on its own small pool (a put that fills a buffer does not wait for its object).
 */
public final class DeliveryEngine implements AutoCloseable {

    private final ExecutorService executor;
    private final RecordBuffers buffers;

    private DeliveryEngine(ExecutorService executor, RecordBuffers buffers) {
        this.executor = executor;
        this.buffers = buffers;
    }

    /**
     * @param objects S3's port, looked up at the first delivery (services start in no fixed order)
     * @param failures where delivery failures are reported to the control plane
     */
    public static DeliveryEngine open(Keyspace keyspace, EmulatorClock clock, Scheduler scheduler, DeliveryStreamLookup streams,
            Supplier<ObjectStorePort> objects, DeliveryFailures failures, PrefixEvaluator prefixes, DeliverySettings settings) {
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "tarn-firehose-delivery");
            t.setDaemon(true);
            return t;
        });
        ObjectDelivery delivery = new ObjectDelivery(keyspace, clock, scheduler, objects, streams, failures, executor);
        RecordBuffers buffers = new RecordBuffers(keyspace, clock, scheduler, streams, prefixes, delivery, settings);
        buffers.recover();
        return new DeliveryEngine(executor, buffers);
    }

    public RecordBuffers buffers() {
        return buffers;
    }

    @Override
    public void close() {
        buffers.reset();
        executor.shutdown();
        try {
            executor.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
