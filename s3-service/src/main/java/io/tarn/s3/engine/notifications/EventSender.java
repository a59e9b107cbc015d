package io.tarn.s3.engine.notifications;

import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.Ports;
import io.tarn.core.spi.ports.DeliveryStreamPort;
import io.tarn.core.spi.ports.EventBusPort;
import io.tarn.core.spi.ports.StreamPort;
import io.tarn.s3.model.OutboxEntry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends an event to the target its destination ARN is mapped to: a Kinesis record (partition key
 * the object key, so one key's events stay in order on one shard), a Firehose record, or an
 * HTTP POST answered 2xx; an EventBridge event to the event bus. Streams and the bus are reached
 * through their ports, in process.
 */
final class EventSender implements Outbox.Sender {

    /** Kinesis partition keys are 1-256 characters; a longer object key is cut, which keeps one key on one shard. */
    private static final int MAX_PARTITION_KEY = 256;

    private final NotificationTargets targets;
    private final Ports ports;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    EventSender(NotificationTargets targets, Ports ports) {
        this.targets = targets;
        this.ports = ports;
    }

    @Override
    public void send(OutboxEntry entry) {
        if (BusEvents.isBus(entry.destinationArn())) {
            String[] arn = entry.destinationArn().split(":", 6); // arn:aws:events:REGION:ACCOUNT:event-bus/default
            ports.require(EventBusPort.class).put(new Namespace(arn[4], arn[3]), entry.body());
            return;
        }
        NotificationTargets.Target target = targets.of(entry.destinationArn());
        if (target == null) {
            throw new IllegalStateException("the init file maps no target to " + entry.destinationArn());
        }
        byte[] body = entry.body().getBytes(StandardCharsets.UTF_8);
        switch (target.kind()) {
            case KINESIS:
                String key = entry.partitionKey().isEmpty() ? entry.bucket() : entry.partitionKey();
                ports.require(StreamPort.class).putRecord(target.ns(), target.name(),
                        key.length() > MAX_PARTITION_KEY ? key.substring(0, MAX_PARTITION_KEY) : key, body);
                return;
            case FIREHOSE:
                ports.require(DeliveryStreamPort.class).putRecord(target.ns(), target.name(), body);
                return;
            default:
                post(target.name(), body);
        }
    }

    private void post(String url, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException(url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
