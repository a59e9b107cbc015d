package io.tarn.firehose.engine.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.ports.ObjectStorePort;
import io.tarn.core.store.Keyspace;
import io.tarn.firehose.engine.http.HttpEndpointConfig;
import io.tarn.firehose.engine.http.HttpEndpointDelivery;
import io.tarn.firehose.engine.http.HttpEndpointErrorOutput;
import io.tarn.firehose.engine.http.HttpOutcome;
import io.tarn.firehose.engine.http.HttpRecord;
import io.tarn.firehose.model.BufferMeta;
import io.tarn.firehose.model.BufferedChunk;
import io.tarn.firehose.model.FirehoseKeys;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Delivers a buffer sealed for an HTTP endpoint destination ({@link BufferMeta#HTTP}): one request
 * whose id is the buffer's (the same after a restart, so an endpoint can deduplicate), retried by
 * {@link HttpEndpointDelivery} for the configured retry duration of emulator time. When the
 * endpoint takes it the buffer is cleared; when it never does, its records go in AWS's error format
 * to the object decided at sealing, in the destination's S3 configuration, and then the buffer is
 * cleared. The configuration is read again before each attempt, as AWS does.
 */
final class HttpDestinationDelivery {

    private final Keyspace keyspace;
    private final HttpEndpointDelivery endpoint;
    private final DeliveryStreamLookup streams;
    private final DeliveryFailures failures;
    private final Executor executor;

    HttpDestinationDelivery(Keyspace keyspace, HttpEndpointDelivery endpoint, DeliveryStreamLookup streams, DeliveryFailures failures,
            Executor executor) {
        this.keyspace = keyspace;
        this.endpoint = endpoint;
        this.streams = streams;
        this.failures = failures;
        this.executor = executor;
    }

    /** Starts the delivery and returns; {@code delivery} completes or fails the buffer when it ends. */
    void deliver(Namespace ns, BufferMeta sealed, DeliveryTarget target, ObjectDelivery delivery) {
        List<HttpRecord> records = new ArrayList<>();
        long[] bytes = {0};
        keyspace.scan(FirehoseKeys.bufferChunks(ns, sealed.stream(), sealed.incarnation(), sealed.bufferId()), null, e -> {
            BufferedChunk chunk = e.value(BufferedChunk.class);
            for (byte[] r : chunk.records()) {
                records.add(new HttpRecord(r, chunk.arrivalMillis(), null));
                bytes[0] += r.length;
            }
            return true;
        });
        HttpEndpointConfig[] last = {config(target)};
        Supplier<HttpEndpointConfig> current = () -> {
            DeliveryTarget now = streams.find(ns, sealed.stream());
            if (now != null && now.httpEndpoint() != null && now.incarnation().equals(sealed.incarnation())) {
                last[0] = config(now);
            }
            return last[0];
        };
        endpoint.deliver(current, sealed.bufferId(), records).outcome().thenAccept(outcome -> executor.execute(() -> {
            if (outcome instanceof HttpOutcome.Failed failed) {
                failures.failed(ns, sealed.stream(), sealed.incarnation(), failed.errorCode() + ": " + failed.errorMessage());
                if (failed.backUp()) {
                    backUp(ns, sealed, delivery, failed, records, bytes[0]);
                    return;
                }
            } else {
                failures.recovered(ns, sealed.stream(), sealed.incarnation());
            }
            delivery.completed(ns, sealed, "", last[0].url().toString(), records.size(), bytes[0]);
        }));
    }

    private void backUp(Namespace ns, BufferMeta sealed, ObjectDelivery delivery, HttpOutcome.Failed failed, List<HttpRecord> records,
            long bytes) {
        byte[] lines = HttpEndpointErrorOutput.of(failed, records);
        try {
            delivery.objects().write(sealed.bucket(), sealed.objectKey(), ObjectDelivery.CONTENT_TYPE, sealed.kmsKeyArn(), out -> {
                try (var compressed = Compression.valueOf(sealed.compression()).wrap(out, sealed.bufferId(), sealed.openedMillis())) {
                    compressed.write(lines);
                }
            });
        } catch (AwsException e) {
            delivery.failed(ns, sealed, "S3." + e.code() + ": " + e.getMessage()); // kept, and tried again later
            return;
        }
        delivery.completed(ns, sealed, sealed.bucket(), sealed.objectKey(), records.size(), bytes);
    }

    static HttpEndpointConfig config(DeliveryTarget target) {
        JsonNode d = target.httpEndpoint();
        JsonNode endpoint = d.path("EndpointConfiguration");
        Map<String, String> attributes = new LinkedHashMap<>();
        for (JsonNode a : d.path("RequestConfiguration").path("CommonAttributes")) {
            attributes.put(a.path("AttributeName").asText(), a.path("AttributeValue").asText());
        }
        return new HttpEndpointConfig(URI.create(endpoint.path("Url").asText()),
                endpoint.hasNonNull("AccessKey") ? endpoint.get("AccessKey").asText() : null, attributes,
                "GZIP".equals(d.path("RequestConfiguration").path("ContentEncoding").asText()),
                Duration.ofSeconds(d.path("RetryOptions").path("DurationInSeconds").asLong(300)), target.streamArn());
    }
}
