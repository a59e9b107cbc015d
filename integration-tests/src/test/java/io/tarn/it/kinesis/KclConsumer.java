package io.tarn.it.kinesis;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.common.KinesisClientUtil;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.coordinator.EagerLeaseSyncScheduler;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.coordinator.WorkerStateChangeListener;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.leases.dynamodb.TableCreatorCallbackInput;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.RetrievalConfig;
import software.amazon.kinesis.retrieval.fanout.FanOutConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * One KCL 3.x worker reading one stream from the emulator, its lease table in DynamoDB Local,
 * CloudWatch metrics off. Everything it receives is kept in {@link #received()}; it checkpoints
 * after every batch, at shard end and when asked to shut down.
 *
 * <p>KCL 3.5 keeps everything in one DynamoDB table named after the application: the leases,
 * the coordinator state (client-version "Migration3.0" item, the leader lock of
 * dynamodb-lock-client) and the worker metrics ({@code entityType} tells them apart); the
 * separate {@code <app>-CoordinatorState} / {@code <app>-WorkerMetricStats} tables of earlier
 * 3.x releases are only used if they already exist. The lease table also gets a GSI
 * {@code LeaseOwnerToLeaseKeyIndex}. All of this works on DynamoDB Local.
 *
 * <p>Made quick for tests: lease failover 3 s, lease assignment and shard sync every second,
 * parent-shard polls every 0.5 s; client version 3.x from the start (no 2.x-compatible
 * migration mode); worker metrics off (throughput-only assignment, no CPU probing); graceful
 * lease hand-off off. Two fixed KCL waits are cut: the GSI is created (and awaited in 50 ms
 * steps) by a table-creator callback, so KCL does not poll its status every 10 s; and
 * {@link EagerLeaseSyncScheduler} skips the random 1-30 s wait before the first shard sync.
 * With those a worker reports STARTED some 4-5 s after construction instead of 15-45 s.
 */
public final class KclConsumer implements AutoCloseable {

    /** How records are fetched: GetRecords polling, or SubscribeToShard (enhanced fan-out, KCL's default). */
    public enum Mode { POLLING, FAN_OUT }

    /** One record as the processor saw it. */
    public record Received(String shardId, String partitionKey, String sequenceNumber, byte[] data) {
        public String text() {
            return new String(data, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The GSI KCL 3.x adds to its lease table (DynamoDBLeaseRefresher.LEASE_OWNER_TO_LEASE_KEY_INDEX_NAME). */
    private static final String LEASE_OWNER_INDEX = "LeaseOwnerToLeaseKeyIndex";

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private final String applicationName;
    private final KinesisAsyncClient kinesis;
    private final DynamoDbAsyncClient dynamoDb;
    private final CloudWatchAsyncClient cloudWatch;
    private final Scheduler scheduler;
    private final Thread thread;
    private final List<Received> received = new ArrayList<>();
    private final Set<String> initializedShards = ConcurrentHashMap.newKeySet();
    private final Set<String> endedShards = ConcurrentHashMap.newKeySet();
    private final CountDownLatch started = new CountDownLatch(1);

    /** A worker over HTTP/2 to Kinesis (KCL's default client, required for fan-out). */
    public KclConsumer(URI kinesisEndpoint, URI dynamoDbEndpoint, String streamName, String applicationName, Mode mode) {
        this(kinesisEndpoint, dynamoDbEndpoint, streamName, applicationName, mode, Protocol.HTTP2);
    }

    /**
     * {@code kinesisProtocol} HTTP1_1 works for {@link Mode#POLLING} only (SubscribeToShard needs
     * HTTP/2; over http:// the SDK speaks h2c with prior knowledge).
     */
    public KclConsumer(URI kinesisEndpoint, URI dynamoDbEndpoint, String streamName, String applicationName,
                       Mode mode, Protocol kinesisProtocol) {
        if (mode == Mode.FAN_OUT && kinesisProtocol != Protocol.HTTP2) {
            throw new IllegalArgumentException("enhanced fan-out (SubscribeToShard) needs HTTP/2");
        }
        this.applicationName = applicationName;
        var kinesisBuilder = KinesisAsyncClient.builder()
                .endpointOverride(kinesisEndpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS);
        // KinesisClientUtil: KCL's own netty client set-up (HTTP/2, window size, health-check pings)
        this.kinesis = kinesisProtocol == Protocol.HTTP2
                ? KinesisClientUtil.createKinesisAsyncClient(kinesisBuilder)
                : kinesisBuilder.httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)).build();
        this.dynamoDb = DynamoDbAsyncClient.builder()
                .endpointOverride(dynamoDbEndpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .build();
        // never called (metrics are off) but ConfigsBuilder wants one; points nowhere reachable
        this.cloudWatch = CloudWatchAsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:1"))
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .build();

        SingleStreamTracker tracker = new SingleStreamTracker(streamName,
                InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON));
        ConfigsBuilder configs = new ConfigsBuilder(tracker, applicationName, kinesis, dynamoDb, cloudWatch,
                applicationName + "-" + UUID.randomUUID(), Processor::new);

        LeaseManagementConfig lease = configs.leaseManagementConfig()
                .failoverTimeMillis(3_000)
                .leaseAssignmentIntervalMillis(1_000L)
                .shardSyncIntervalMillis(1_000)
                .listShardsBackoffTimeInMillis(200)
                .tableCreatorCallback(KclConsumer::createLeaseOwnerIndex)
                .dynamoDbLockBasedLeaderLeaseDurationInMillis(6_000)
                .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(1_000)
                .gracefulLeaseHandoffConfig(LeaseManagementConfig.GracefulLeaseHandoffConfig.builder()
                        .isGracefulLeaseHandoffEnabled(false)
                        .build());
        lease.workerUtilizationAwareAssignmentConfig()
                .disableWorkerMetrics(true)
                .workerMetricsReporterFreqInMillis(1_000);

        CoordinatorConfig coordinator = configs.coordinatorConfig()
                .clientVersionConfig(CoordinatorConfig.ClientVersionConfig.CLIENT_VERSION_CONFIG_3X)
                .parentShardPollIntervalMillis(500)
                .shardConsumerDispatchPollIntervalMillis(200)
                .schedulerInitializationBackoffTimeMillis(500)
                .workerStateChangeListener(new WorkerStateChangeListener() {
                    @Override
                    public void onWorkerStateChange(WorkerState newState) {
                        if (newState == WorkerState.STARTED) {
                            started.countDown();
                        }
                    }
                });

        MetricsConfig metrics = configs.metricsConfig()
                .metricsLevel(MetricsLevel.NONE)
                .metricsFactory(new NullMetricsFactory());

        RetrievalConfig retrieval = configs.retrievalConfig();
        if (mode == Mode.POLLING) {
            retrieval.retrievalSpecificConfig(new PollingConfig(streamName, kinesis).idleTimeBetweenReadsInMillis(200));
        } else {
            retrieval.retrievalSpecificConfig(new FanOutConfig(kinesis)
                    .streamName(streamName)
                    .applicationName(applicationName)
                    .retryBackoffMillis(200));
        }

        this.scheduler = new EagerLeaseSyncScheduler(configs.checkpointConfig(), coordinator, lease, configs.lifecycleConfig(),
                metrics, configs.processorConfig(), retrieval);
        this.thread = new Thread(scheduler, "kcl-" + applicationName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** KCL's (only) DynamoDB table: the application name. */
    public String leaseTableName() {
        return applicationName;
    }

    /** Waits until the scheduler has initialized (tables created, first shard sync done). */
    public void awaitStarted(Duration timeout) throws InterruptedException, TimeoutException {
        if (!started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("KCL worker for " + applicationName + " did not start within " + timeout);
        }
    }

    /** Waits until at least {@code count} records were received; returns them all. */
    public List<Received> awaitRecords(int count, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (received.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("received " + received.size() + " of " + count + " records within " + timeout);
                }
                TimeUnit.NANOSECONDS.timedWait(received, left);
            }
            return List.copyOf(received);
        }
    }

    /** Everything received so far, in arrival order (per shard: sequence order). */
    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Shards a processor was initialized for (leases this worker took). */
    public Set<String> initializedShards() {
        return Set.copyOf(initializedShards);
    }

    /** Shards read to their end (closed by a split or merge). */
    public Set<String> endedShards() {
        return Set.copyOf(endedShards);
    }

    /** Graceful shutdown (processors checkpoint), bounded by {@code timeout}, else a hard stop; then the clients closed. */
    public void stop(Duration timeout) {
        boolean graceful = false;
        try {
            graceful = scheduler.startGracefulShutdown().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // timed out or failed: hard stop below
        }
        try {
            if (!graceful) {
                scheduler.shutdown();
            }
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            kinesis.close();
            dynamoDb.close();
            cloudWatch.close();
        }
    }

    /**
     * Adds the GSI KCL 3.x wants on the lease table right after KCL created the table, and waits
     * in short steps until DynamoDB Local has it ACTIVE (KCL, finding it there, does not wait).
     */
    private static void createLeaseOwnerIndex(TableCreatorCallbackInput input) {
        DynamoDbAsyncClient ddb = input.dynamoDbClient();
        String table = input.tableName();
        ddb.updateTable(b -> b.tableName(table)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("leaseOwner").attributeType(ScalarAttributeType.S).build())
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                        .create(c -> c.indexName(LEASE_OWNER_INDEX)
                                .keySchema(KeySchemaElement.builder().attributeName("leaseOwner").keyType(KeyType.HASH).build(),
                                        KeySchemaElement.builder().attributeName("leaseKey").keyType(KeyType.RANGE).build())
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))
                        .build()))
                .join();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            List<GlobalSecondaryIndexDescription> indexes = ddb.describeTable(b -> b.tableName(table)).join().table().globalSecondaryIndexes();
            if (indexes.stream().anyMatch(i -> i.indexName().equals(LEASE_OWNER_INDEX) && i.indexStatus() == IndexStatus.ACTIVE)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }

    private final class Processor implements ShardRecordProcessor {
        private String shardId;

        @Override
        public void initialize(InitializationInput input) {
            shardId = input.shardId();
            initializedShards.add(shardId);
        }

        @Override
        public void processRecords(ProcessRecordsInput input) {
            List<KinesisClientRecord> records = input.records();
            if (records.isEmpty()) {
                return;
            }
            List<Received> batch = new ArrayList<>(records.size());
            for (KinesisClientRecord r : records) {
                ByteBuffer data = r.data().duplicate();
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                batch.add(new Received(shardId, r.partitionKey(), r.sequenceNumber(), bytes));
            }
            synchronized (received) {
                received.addAll(batch);
                received.notifyAll();
            }
            checkpoint(input.checkpointer());
        }

        @Override
        public void leaseLost(LeaseLostInput input) {
            // another worker owns the shard now: checkpointing is no longer allowed
        }

        @Override
        public void shardEnded(ShardEndedInput input) {
            endedShards.add(shardId);
            checkpoint(input.checkpointer());
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            checkpoint(input.checkpointer());
        }

        private void checkpoint(RecordProcessorCheckpointer checkpointer) {
            try {
                checkpointer.checkpoint();
            } catch (ShutdownException e) {
                // lease lost meanwhile
            } catch (InvalidStateException e) {
                throw new IllegalStateException("checkpoint of " + shardId + " failed", e);
            }
        }
    }
}
