package io.tarn.s3.engine.analytics;

import io.tarn.core.store.Entry;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.Scheduler;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.engine.Integrity;
import io.tarn.s3.engine.MidnightTimer;
import io.tarn.s3.engine.ObjectEngine;
import io.tarn.s3.engine.ObjectReader;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.S3Keys;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily storage class analysis: at each midnight UTC of the emulator clock, for every
 * configuration with a DataExport, the day that just ended is analysed (the bucket's current
 * STANDARD objects by age group, one scan per bucket for all its configurations; the GETs counted
 * that day) and its lines are appended to {@code <Prefix><bucket>/<ConfigId>.csv} in the
 * destination bucket. As with lifecycle, the due midnight is stored so a restart re-arms it, and
 * an advance of 30 days runs the 30 exports in order.
 */
public final class DailyExport {

    private static final Logger log = LoggerFactory.getLogger(DailyExport.class);

    private final Keyspace keyspace;
    private final BucketEngine buckets;
    private final ObjectEngine objects;
    private final AnalyticsConfigurations configurations;
    private final AccessRecorder recorder;
    private final MidnightTimer daily;

    public DailyExport(Keyspace keyspace, BucketEngine buckets, ObjectEngine objects, AnalyticsConfigurations configurations,
            AccessRecorder recorder) {
        this.keyspace = keyspace;
        this.daily = new MidnightTimer(keyspace, S3Keys.analyticsNextExport(), this::run);
        this.buckets = buckets;
        this.objects = objects;
        this.configurations = configurations;
        this.recorder = recorder;
    }

    static long epochDay(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 86_400);
    }

    /** The export object of a configuration: Tarn's name for it (AWS does not document its own). */
    static String objectKey(String bucket, AnalyticsConfiguration c) {
        String prefix = c.export().prefix() == null ? "" : c.export().prefix();
        return prefix + bucket + "/" + c.id() + ".csv";
    }

    /** Arms the daily timer: at the stored due instant, or the next midnight UTC on a first start. */
    public void start(Scheduler scheduler) {
        daily.start(scheduler);
    }

    public void stop() {
        daily.stop();
    }

    /** Exports the day that ends at {@code midnight} for every bucket with an exported configuration. */
    public void run(Instant midnight) {
        recorder.flush(); // the day's GETs counted in memory go to the store first
        for (String bucket : configurations.configuredBuckets()) {
            try {
                if (buckets.find(bucket) != null) {
                    export(bucket, midnight);
                }
            } catch (RuntimeException e) {
                // one bucket that fails must not keep the others' exports from running
                log.warn("storage class analysis export of bucket {} failed", bucket, e);
            }
        }
    }

    private void export(String bucket, Instant midnight) {
        List<AnalyticsConfiguration> configs = new ArrayList<>();
        for (AnalyticsConfiguration c : configurations.of(bucket)) {
            if (c.export() != null && c.created().isBefore(midnight)) {
                configs.add(c);
            }
        }
        if (configs.isEmpty()) {
            return;
        }
        long day = epochDay(midnight) - 1;
        Instant dayStart = midnight.minus(Duration.ofDays(1));
        List<AnalysisDay> analyses = new ArrayList<>();
        configs.forEach(c -> analyses.add(new AnalysisDay()));
        // the objects present as the export runs, one record at a time
        keyspace.scan(S3Keys.currents(bucket), null, (Entry e) -> {
            ObjectVersion v = e.value(ObjectVersion.class);
            if (!"STANDARD".equals(v.storageClass()) || !v.lastModified().isBefore(midnight)) {
                return true;
            }
            AgeGroup g = AgeGroup.of(Duration.between(v.lastModified(), midnight).toDays());
            for (int i = 0; i < configs.size(); i++) {
                if (configs.get(i).matches(v.key(), v.tags())) {
                    analyses.get(i).addObject(g, v.size(), !v.lastModified().isBefore(dayStart));
                }
            }
            return true;
        });
        for (int i = 0; i < configs.size(); i++) {
            exportOne(bucket, configs.get(i), analyses.get(i), day);
        }
    }

    /** Appends the day's lines, then moves the day's counts into the cumulative ones (one batch). */
    private void exportOne(String bucket, AnalyticsConfiguration c, AnalysisDay analysis, long day) {
        List<Entry> counted = new ArrayList<>();
        keyspace.scan(S3Keys.analyticsAccess(bucket, c.id()), null, e -> {
            if ((Long) e.key().parts().get(3) <= day) { // ("sd", bucket, id, day, group); later days wait for their own export
                counted.add(e);
            }
            return true;
        });
        for (Entry e : counted) {
            int g = (int) (long) (Long) e.key().parts().get(4);
            analysis.retrieved[g] = analysis.retrieved[g].plus(e.value(AccessCount.class));
        }
        keyspace.scan(S3Keys.analyticsCumulative(bucket, c.id()), null, e -> {
            int g = (int) (long) (Long) e.key().parts().get(3);
            analysis.cumulative[g] = e.value(AccessCount.class);
            return true;
        });
        for (int g = 0; g < analysis.cumulative.length; g++) {
            analysis.cumulative[g] = analysis.cumulative[g].plus(analysis.retrieved[g]);
        }
        long observedDays = day - epochDay(c.created()) + 1;
        List<String> lines = analysis.lines(LocalDate.ofEpochDay(day), c.id(),
                c.filter() == null ? "" : c.filter().describe(), observedDays);
        String destination = c.export().bucket();
        if (buckets.find(destination) == null) {
            log.warn("storage class analysis {} of bucket {}: destination bucket {} does not exist", c.id(), bucket, destination);
        } else {
            append(destination, objectKey(bucket, c), lines);
        }
        keyspace.write(batch -> {
            counted.forEach(e -> batch.delete(e.key()));
            for (int g = 0; g < analysis.cumulative.length; g++) {
                if (!analysis.cumulative[g].equals(AccessCount.ZERO)) {
                    batch.put(S3Keys.analyticsCumulative(bucket, c.id(), g), analysis.cumulative[g]);
                }
            }
        });
    }

    /** Rewrites the export object with {@code lines} added (the header first when it is new). */
    private void append(String bucket, String key, List<String> lines) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        ObjectVersion existing = current(bucket, key);
        if (existing != null) {
            try (ObjectReader reader = objects.open(existing, 0, existing.size())) {
                for (ByteBuffer b = reader.next(); b != null; b = reader.next()) {
                    byte[] chunk = new byte[b.remaining()];
                    b.get(chunk);
                    content.writeBytes(chunk);
                }
            }
        } else {
            content.writeBytes((AnalysisDay.HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        }
        lines.forEach(l -> content.writeBytes((l + "\n").getBytes(StandardCharsets.UTF_8)));
        ObjectEngine.PendingPut put = objects.beginPut(bucket, key, new ObjectEngine.ObjectAttributes(objects.bucketOwner(bucket),
                "STANDARD", Map.of("content-type", "text/csv"), Map.of(), Map.of(), null), ObjectEngine.WriteCondition.NONE,
                Integrity.NONE);
        try {
            put.write(ByteBuffer.wrap(content.toByteArray()));
            put.commit(null);
        } catch (RuntimeException e) {
            put.abort();
            throw e;
        }
    }

    private @Nullable ObjectVersion current(String bucket, String key) {
        return keyspace.get(S3Keys.current(bucket, key), ObjectVersion.class).orElse(null);
    }
}
