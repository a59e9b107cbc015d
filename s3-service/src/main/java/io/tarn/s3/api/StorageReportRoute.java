package io.tarn.s3.api;

import io.tarn.core.admin.AdminApi;
import io.tarn.core.admin.AdminErrors;
import io.tarn.core.spi.AdminRoute;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.engine.report.StorageCounters;
import io.tarn.s3.engine.report.StorageReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /_tarn/s3/storage-report[?bucket=]}: per bucket and storage class, the stored and
 * billable bytes, the versions stored, and the transitions, restores and early-deletion charges
 * counted so far.
 */
public final class StorageReportRoute implements AdminRoute {

    private final StorageReport report;

    public StorageReportRoute(StorageReport report) {
        this.report = report;
    }

    @Override
    public ServiceResponse handle(String method, Map<String, List<String>> query, byte[] body) {
        if (!"GET".equals(method)) {
            throw AdminErrors.METHOD_NOT_ALLOWED.exception("%s is not allowed on /_tarn/s3/storage-report", method);
        }
        List<String> bucket = query.get("bucket");
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (StorageReport.BucketUsage b : report.report(bucket == null || bucket.isEmpty() ? null : bucket.get(0))) {
            List<Map<String, Object>> classes = new ArrayList<>();
            for (StorageReport.ClassUsage c : b.storageClasses()) {
                StorageCounters n = c.counters();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("storageClass", c.storageClass());
                m.put("objects", c.versions());
                m.put("noncurrentVersions", c.noncurrentVersions());
                m.put("storedBytes", c.storedBytes());
                m.put("billableBytes", c.billableBytes());
                m.put("transitionsIn", n.transitionsIn());
                m.put("transitionsOut", n.transitionsOut());
                m.put("restores", n.restores());
                m.put("restoredBytes", n.restoredBytes());
                m.put("earlyDeletions", n.earlyDeletions());
                m.put("earlyDeletionDays", n.earlyDeletionDays());
                m.put("earlyDeletionByteDays", n.earlyDeletionByteDays());
                classes.add(m);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bucket", b.bucket());
            m.put("storageClasses", classes);
            buckets.add(m);
        }
        return AdminApi.json(200, Map.of("buckets", buckets));
    }
}
