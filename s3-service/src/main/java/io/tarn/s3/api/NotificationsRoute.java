package io.tarn.s3.api;

import io.tarn.core.admin.AdminApi;
import io.tarn.core.admin.AdminErrors;
import io.tarn.core.spi.AdminRoute;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.engine.notifications.Outbox;
import io.tarn.s3.model.OutboxEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /_tarn/s3/notifications}: the outbox, oldest first, with each failing event's attempts and error. */
public final class NotificationsRoute implements AdminRoute {

    private static final int DEFAULT_LIMIT = 100;

    private final Outbox outbox;

    public NotificationsRoute(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public ServiceResponse handle(String method, Map<String, List<String>> query, byte[] body) {
        if (!"GET".equals(method)) {
            throw AdminErrors.METHOD_NOT_ALLOWED.exception("%s is not allowed on /_tarn/s3/notifications", method);
        }
        int limit = DEFAULT_LIMIT;
        List<String> given = query.get("limit");
        if (given != null && !given.isEmpty()) {
            try {
                limit = Math.max(1, Math.min(10_000, Integer.parseInt(given.get(0))));
            } catch (NumberFormatException e) {
                throw AdminErrors.VALIDATION.exception("limit must be a number: %s", given.get(0));
            }
        }
        List<Map<String, Object>> pending = new ArrayList<>();
        List<Map<String, Object>> failing = new ArrayList<>();
        for (Outbox.Pending p : outbox.pending(limit)) {
            OutboxEntry e = p.entry();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sequencer", String.format("%018X", p.sequencer()));
            m.put("bucket", e.bucket());
            m.put("eventName", e.eventName());
            m.put("key", e.partitionKey());
            m.put("destination", e.destinationArn());
            m.put("created", Instant.ofEpochMilli(e.createdMillis()).toString());
            m.put("attempts", e.attempts());
            if (e.lastError() != null) {
                m.put("lastError", e.lastError());
                m.put("nextAttempt", Instant.ofEpochMilli(e.nextAttemptMillis()).toString());
                failing.add(m);
            }
            pending.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pending", pending);
        out.put("failures", failing);
        return AdminApi.json(200, out);
    }
}
