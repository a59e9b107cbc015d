package io.tarn.firehose.api;

import io.tarn.core.admin.AdminApi;
import io.tarn.core.admin.AdminErrors;
import io.tarn.core.spi.AdminRoute;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.core.time.EmulatorClock;
import io.tarn.firehose.engine.delivery.RecordBuffers;
import io.tarn.firehose.model.DeliveryRecord;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /_tarn/firehose/<stream>[?account=&region=]}: why nothing has arrived yet. Each buffer
 * ({@code {"bufferId","holds","partitionKeys","opened","ageSeconds","records","bytes","sealed","objectKey",
 * "attempts","lastError"}}, oldest first; {@code holds} is {@code data}, {@code backup},
 * {@code lambda-processor} or an error output type such as {@code partitioning-failed}) and the last deliveries ({@code {"time","bucket","key",
 * "records","bytes","error"}}, newest first). Account and region default to the server's.
 */
public final class BuffersRoute implements AdminRoute {

    private final RecordBuffers buffers;
    private final EmulatorClock clock;
    private final Namespace defaults;

    public BuffersRoute(RecordBuffers buffers, EmulatorClock clock, Namespace defaults) {
        this.buffers = buffers;
        this.clock = clock;
        this.defaults = defaults;
    }

    @Override
    public ServiceResponse handle(String method, Map<String, List<String>> query, byte[] body) {
        throw AdminErrors.NOT_FOUND.exception("Name a stream: /_tarn/firehose/<stream>");
    }

    @Override
    public ServiceResponse handle(String method, String path, Map<String, List<String>> query, byte[] body) {
        if (!"GET".equals(method)) {
            throw AdminErrors.METHOD_NOT_ALLOWED.exception("%s is not allowed on /_tarn/firehose/%s", method, path);
        }
        String stream = URLDecoder.decode(path, StandardCharsets.UTF_8);
        Namespace ns = new Namespace(first(query, "account", defaults.account()), first(query, "region", defaults.region()));
        Instant now = clock.instant();
        List<Map<String, Object>> open = new ArrayList<>();
        for (RecordBuffers.BufferView b : buffers.buffers(ns, stream)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bufferId", b.bufferId());
            m.put("holds", b.holds());
            if (!b.partitionKeys().isEmpty()) {
                m.put("partitionKeys", b.partitionKeys());
            }
            m.put("opened", b.opened().toString());
            m.put("ageSeconds", Math.max(0, now.toEpochMilli() - b.opened().toEpochMilli()) / 1000.0);
            m.put("records", b.records());
            m.put("bytes", b.bytes());
            m.put("sealed", b.sealed());
            m.put("objectKey", b.objectKey());
            m.put("attempts", b.attempts());
            m.put("lastError", b.lastError());
            open.add(m);
        }
        List<Map<String, Object>> delivered = new ArrayList<>();
        for (DeliveryRecord d : buffers.deliveries(ns, stream)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", Instant.ofEpochMilli(d.millis()).toString());
            m.put("bucket", d.bucket());
            m.put("key", d.key());
            m.put("records", d.records());
            m.put("bytes", d.bytes());
            m.put("error", d.error());
            delivered.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stream", stream);
        out.put("buffers", open);
        out.put("deliveries", delivered);
        return AdminApi.json(200, out);
    }

    private static String first(Map<String, List<String>> query, String name, String otherwise) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? otherwise : values.get(0);
    }
}
