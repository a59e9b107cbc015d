package io.tarn.firehose.engine.delivery;

import io.tarn.core.spi.ports.CatalogPort;
import io.tarn.core.spi.ports.ObjectStorePort;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.firehose.engine.http.HttpEndpointDelivery;
import io.tarn.firehose.engine.processor.LambdaEndpoints;
import io.tarn.firehose.engine.processor.LambdaTransformer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Delivery put together: the buffers records are put to, the Lambda processor's step, and the
 * delivery of sealed buffers to S3 on its own small pool (a put that fills a buffer does not wait
 * for its object).
 */
public final class DeliveryEngine implements AutoCloseable {

    /**
     * What delivery reaches outside the firehose keyspace.
     *
     * @param objects S3's port, looked up at the first delivery (services start in no fixed order)
     * @param catalog Glue's port, for the tables format conversion reads
     * @param lambdaEndpoints the init file's mapping of Lambda ARNs to URLs
     * @param failures where delivery failures are reported to the control plane
     */
    public record Collaborators(Supplier<ObjectStorePort> objects, Supplier<CatalogPort> catalog, LambdaEndpoints lambdaEndpoints,
            DeliveryFailures failures) {}

    private final ExecutorService executor;
    private final RecordBuffers buffers;

    private DeliveryEngine(ExecutorService executor, RecordBuffers buffers) {
        this.executor = executor;
        this.buffers = buffers;
    }

    public static DeliveryEngine open(Keyspace keyspace, EmulatorClock clock, Scheduler scheduler, DeliveryStreamLookup streams,
            Collaborators with, DeliverySettings settings) {
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "tarn-firehose-delivery");
            t.setDaemon(true);
            return t;
        });
        ObjectDelivery delivery = new ObjectDelivery(keyspace, clock, scheduler, with.objects(), streams, with.failures(), executor,
                new ConvertedDelivery(keyspace, clock, with.catalog()), new HttpEndpointDelivery(clock, scheduler));
        RecordBuffers buffers = new RecordBuffers(keyspace, clock, scheduler, streams, with.lambdaEndpoints(), delivery, settings);
        buffers.useLambdaStage(new LambdaStage(keyspace, clock, scheduler, streams, buffers,
                LambdaTransformer.create(with.lambdaEndpoints(), clock), with.failures(), executor));
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
