package io.tarn.s3.api;

import io.tarn.core.admin.AdminApi;
import io.tarn.core.admin.AdminErrors;
import io.tarn.core.spi.AdminRoute;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.engine.policy.AccessLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /_tarn/s3/access-log[?bucket=]}: the last authorization decisions, oldest first, each
 * with the request, the principal, the action and resource, whether it was allowed, and the
 * policy and statement that decided.
 */
public final class AccessLogRoute implements AdminRoute {

    private final AccessLog log;

    public AccessLogRoute(AccessLog log) {
        this.log = log;
    }

    @Override
    public ServiceResponse handle(String method, Map<String, List<String>> query, byte[] body) {
        if (!"GET".equals(method)) {
            throw AdminErrors.METHOD_NOT_ALLOWED.exception("%s is not allowed on /_tarn/s3/access-log", method);
        }
        List<String> bucket = query.get("bucket");
        List<Map<String, Object>> decisions = new ArrayList<>();
        for (AccessLog.Entry e : log.entries(bucket == null || bucket.isEmpty() ? null : bucket.get(0))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", e.time() == null ? null : e.time().toString());
            m.put("requestId", e.requestId());
            m.put("principal", e.principal());
            m.put("action", e.action());
            m.put("bucket", e.bucket());
            m.put("resource", e.resource());
            m.put("allowed", e.allowed());
            m.put("decision", e.outcome().name());
            m.put("policy", e.policy());
            m.put("statement", e.statement());
            decisions.add(m);
        }
        return AdminApi.json(200, Map.of("capacity", AccessLog.CAPACITY, "decisions", decisions));
    }
}
