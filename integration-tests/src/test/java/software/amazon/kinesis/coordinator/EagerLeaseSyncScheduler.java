package software.amazon.kinesis.coordinator;

import software.amazon.kinesis.checkpoint.CheckpointConfig;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.lifecycle.LifecycleConfig;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.processor.ProcessorConfig;
import software.amazon.kinesis.retrieval.RetrievalConfig;

/**
 * Test-only KCL {@link Scheduler} that does the initial shard sync at once. On an empty lease
 * table KCL 3.x first waits a random 1-30 s (polling every 3 s, both hard-coded) for another
 * worker to create the leases; {@code shouldInitiateLeaseSync()} is package-private, hence this
 * class's package. Several workers starting together all sync, which KCL tolerates (lease
 * creation is conditional).
 */
public class EagerLeaseSyncScheduler extends Scheduler {

    public EagerLeaseSyncScheduler(CheckpointConfig checkpointConfig, CoordinatorConfig coordinatorConfig,
                                   LeaseManagementConfig leaseManagementConfig, LifecycleConfig lifecycleConfig,
                                   MetricsConfig metricsConfig, ProcessorConfig processorConfig,
                                   RetrievalConfig retrievalConfig) {
        super(checkpointConfig, coordinatorConfig, leaseManagementConfig, lifecycleConfig, metricsConfig,
                processorConfig, retrievalConfig);
    }

    @Override
    boolean shouldInitiateLeaseSync() {
        return true;
    }
}
