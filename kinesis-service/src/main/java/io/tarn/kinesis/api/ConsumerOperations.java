package io.tarn.kinesis.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.kinesis.api.shapes.ConsumerShapes;
import io.tarn.kinesis.engine.ConsumerRegistry;
import io.tarn.kinesis.engine.StreamEngine;
import io.tarn.kinesis.model.ConsumerMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Enhanced fan-out consumers: Register, Deregister, Describe, List. */
public final class ConsumerOperations {

    private final ConsumerRegistry consumers;
    private final StreamEngine streams;
    private final NextTokens tokens;

    public ConsumerOperations(ConsumerRegistry consumers, StreamEngine streams, NextTokens tokens) {
        this.tokens = tokens;
        this.consumers = consumers;
        this.streams = streams;
    }

    public ConsumerShapes.RegisterStreamConsumerOutput register(RequestContext ctx, ConsumerShapes.RegisterStreamConsumerInput in) {
        String stream = Wire.stream(ctx, null, Wire.required(in.streamArn(), "streamARN"));
        ConsumerMeta c = consumers.register(ctx.namespace(), stream, Wire.required(in.consumerName(), "consumerName"),
                in.tags() == null ? Map.of() : in.tags());
        return new ConsumerShapes.RegisterStreamConsumerOutput(consumer(c));
    }

    public Void deregister(RequestContext ctx, ConsumerShapes.ConsumerInput in) {
        String stream = in.streamArn() == null ? null : Wire.stream(ctx, null, in.streamArn());
        consumers.deregister(ctx.namespace(), stream, in.consumerName(), in.consumerArn());
        return null;
    }

    public ConsumerShapes.DescribeStreamConsumerOutput describe(RequestContext ctx, ConsumerShapes.ConsumerInput in) {
        streams.admit(ctx.namespace(), "DescribeStreamConsumer");
        String stream = in.streamArn() == null ? null : Wire.stream(ctx, null, in.streamArn());
        ConsumerMeta c = consumers.find(ctx.namespace(), stream, in.consumerName(), in.consumerArn());
        String streamArn = c.arn().substring(0, c.arn().indexOf("/consumer/"));
        return new ConsumerShapes.DescribeStreamConsumerOutput(new ConsumerShapes.ConsumerDescription(c.name(), c.arn(),
                c.statusAt(streams.now()), Instant.ofEpochMilli(c.createdMillis()), streamArn));
    }

    public ConsumerShapes.ListStreamConsumersOutput list(RequestContext ctx, ConsumerShapes.ListStreamConsumersInput in) {
        streams.admit(ctx.namespace(), "ListStreamConsumers");
        String streamArn = Wire.required(in.streamArn(), "streamARN");
        String stream = Wire.stream(ctx, null, streamArn);
        int max = Wire.limit(in.maxResults(), "maxResults", 10_000, 100);
        String scope = "consumers/" + streamArn;
        String after = in.nextToken() == null ? null : tokens.open(scope, in.nextToken(), streams.now());
        List<ConsumerShapes.Consumer> out = new ArrayList<>();
        boolean more = false;
        for (ConsumerMeta c : consumers.list(ctx.namespace(), stream)) {
            if (after != null && c.name().compareTo(after) <= 0) {
                continue;
            }
            if (out.size() == max) {
                more = true;
                break;
            }
            out.add(consumer(c));
        }
        String next = more ? tokens.issue(scope, out.get(out.size() - 1).consumerName(), streams.now()) : null;
        return new ConsumerShapes.ListStreamConsumersOutput(out, next);
    }

    private ConsumerShapes.Consumer consumer(ConsumerMeta c) {
        return new ConsumerShapes.Consumer(c.name(), c.arn(), c.statusAt(streams.now()), Instant.ofEpochMilli(c.createdMillis()));
    }
}
