package io.tarn.kinesis.api;

import io.tarn.core.error.AwsException;
import io.tarn.core.protocol.json.AwsJsonCodec;
import io.tarn.core.protocol.json.JsonProtocolHandler;
import io.tarn.core.spi.RequestHandler;
import io.tarn.core.spi.ServiceRequest;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.kinesis.api.shapes.RecordShapes;

/**
 * Kinesis's entry: every operation through the JSON/CBOR handler, except SubscribeToShard, whose
 * answer is an event stream rather than one document.
 */
public final class KinesisRequestHandler implements RequestHandler {

    private static final String SUBSCRIBE = "Kinesis_20131202.SubscribeToShard";

    private final JsonProtocolHandler operations;
    private final SubscribeToShardStream subscribe;

    public KinesisRequestHandler(JsonProtocolHandler operations, SubscribeToShardStream subscribe) {
        this.operations = operations;
        this.subscribe = subscribe;
    }

    @Override
    public ServiceResponse handle(ServiceRequest request) {
        if (SUBSCRIBE.equals(request.header("x-amz-target"))) {
            String contentType = JsonProtocolHandler.responseContentType(request.header("content-type"));
            RecordShapes.SubscribeToShardInput in = AwsJsonCodec.decode(request.body(), RecordShapes.SubscribeToShardInput.class, contentType);
            return subscribe.subscribe(request.context(), in, contentType);
        }
        return operations.handle(request);
    }

    @Override
    public ServiceResponse error(ServiceRequest request, AwsException error) {
        return operations.error(request, error);
    }

    @Override
    public long maxBodyBytes() {
        return operations.maxBodyBytes();
    }
}
