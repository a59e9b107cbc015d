package io.tarn.s3.engine.analytics;

import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.engine.ObjectEngine;

/** S3 storage class analysis: the configurations, the GETs counted for them, and the daily export. */
public final class StorageClassAnalysis implements AutoCloseable {

    private final AnalyticsConfigurations configurations;
    private final AccessRecorder recorder;
    private final DailyExport export;

    public StorageClassAnalysis(Keyspace keyspace, BucketEngine buckets, ObjectEngine objects, EmulatorClock clock) {
        this.configurations = new AnalyticsConfigurations(keyspace, buckets, clock);
        this.recorder = new AccessRecorder(keyspace, configurations, clock);
        this.export = new DailyExport(keyspace, buckets, objects, configurations, recorder);
    }

    public void start(Scheduler scheduler) {
        recorder.start();
        export.start(scheduler);
    }

    public AnalyticsConfigurations configurations() {
        return configurations;
    }

    public AccessRecorder recorder() {
        return recorder;
    }

    public DailyExport export() {
        return export;
    }

    @Override
    public void close() {
        export.stop();
        recorder.close();
    }
}
