package io.tarn.kinesis.api;

import io.tarn.core.error.AwsException;
import io.tarn.core.protocol.eventstream.EventStreamWriter;
import io.tarn.core.protocol.json.AwsJsonCodec;
import io.tarn.core.spi.BodySource;
import io.tarn.core.spi.RequestContext;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.kinesis.api.shapes.RecordShapes;
import io.tarn.kinesis.engine.Subscriptions;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SubscribeToShard: an event stream ({@code application/vnd.amazon.eventstream}) that opens with
 * an {@code initial-response} event and then carries {@code SubscribeToShardEvent}s, encoded in
 * the request's protocol (CBOR or JSON), until the subscription ends; an error after the start
 * travels as an exception event.
 */
public final class SubscribeToShardStream {

    private static final Logger log = LoggerFactory.getLogger(SubscribeToShardStream.class);

    private final Subscriptions subscriptions;

    public SubscribeToShardStream(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** Opens the subscription (errors before the stream starts are ordinary error responses). */
    public ServiceResponse subscribe(RequestContext ctx, RecordShapes.SubscribeToShardInput in, String contentType) {
        Wire.shardIds("shardId", in.shardId());
        RecordShapes.StartingPosition position = Wire.required(in.startingPosition(), "startingPosition");
        Subscriptions.Subscription subscription = subscriptions.subscribe(ctx.namespace(), Wire.required(in.consumerArn(), "consumerARN"),
                Wire.required(in.shardId(), "shardId"), Wire.required(position.type(), "startingPosition.type"),
                position.sequenceNumber(), position.timestamp());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", EventStreamWriter.CONTENT_TYPE);
        headers.put("x-amzn-requestid", ctx.requestId());
        return ServiceResponse.streaming(200, headers, new Events(subscription, contentType));
    }

    private static final class Events implements BodySource {
        private static final ByteBuffer NOTHING_YET = ByteBuffer.allocate(0);

        private final Subscriptions.Subscription subscription;
        private final String contentType;
        private boolean started;
        private boolean ended;

        Events(Subscriptions.Subscription subscription, String contentType) {
            this.subscription = subscription;
            this.contentType = contentType;
        }

        @Override
        public long length() {
            return -1;
        }

        @Override
        public ByteBuffer next() {
            if (!started) {
                started = true;
                return EventStreamWriter.event("initial-response", contentType, AwsJsonCodec.encode(Map.of(), contentType));
            }
            if (ended) {
                return null;
            }
            try {
                Subscriptions.Event e = subscription.poll();
                if (e == null) {
                    return subscription.finished() ? null : NOTHING_YET.duplicate();
                }
                RecordShapes.SubscribeToShardEvent event = new RecordShapes.SubscribeToShardEvent(Wire.records(e.records()),
                        e.continuation(), e.millisBehindLatest(), Wire.children(e.childShards()));
                return EventStreamWriter.event("SubscribeToShardEvent", contentType, AwsJsonCodec.encode(event, contentType));
            } catch (AwsException e) {
                ended = true;
                return EventStreamWriter.exception(e.code(), contentType, AwsJsonCodec.encodeError(e, contentType));
            } catch (RuntimeException e) {
                log.error("SubscribeToShard failed", e);
                ended = true;
                return EventStreamWriter.exception("InternalFailureException", contentType,
                        AwsJsonCodec.encode(Map.of("message", "Internal failure"), contentType));
            }
        }

        @Override
        public void close() {
            subscription.close();
        }
    }
}
