package io.tarn.kms.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.core.admin.AdminErrors;
import io.tarn.core.spi.AdminRoute;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.kms.engine.KeyUsageLog;
import io.tarn.kms.model.AuditEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /_tarn/kms/audit[?keyId=&limit=]: the key-usage log, newest last, as
 * {@code {"events":[{"time":"ISO-8601","keyId":...,"keyArn":...,"operation":...,"principal":...,
 * "encryptionContext":{...},"account":...,"region":...}]}}.
 */
public final class AuditRoute implements AdminRoute {

    static final int DEFAULT_LIMIT = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyUsageLog log;

    public AuditRoute(KeyUsageLog log) {
        this.log = log;
    }

    @Override
    public ServiceResponse handle(String method, Map<String, List<String>> query, byte[] body) {
        if (!"GET".equals(method)) {
            throw AdminErrors.METHOD_NOT_ALLOWED.exception("%s is not allowed on /_tarn/kms/audit", method);
        }
        String keyId = first(query, "keyId");
        String limitText = first(query, "limit");
        int limit = DEFAULT_LIMIT;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1) {
                throw AdminErrors.VALIDATION.exception("limit must be a positive integer");
            }
        }
        List<Map<String, Object>> events = new ArrayList<>();
        for (AuditEvent e : log.events(keyId, limit)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", e.time().toString());
            m.put("keyId", e.keyId());
            m.put("keyArn", e.keyArn());
            m.put("operation", e.operation());
            m.put("principal", e.principal());
            m.put("encryptionContext", e.encryptionContext());
            m.put("account", e.account());
            m.put("region", e.region());
            events.add(m);
        }
        return json(200, Map.of("events", events));
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static ServiceResponse json(int status, Object body) {
        try {
            return ServiceResponse.of(status, "application/json", JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
