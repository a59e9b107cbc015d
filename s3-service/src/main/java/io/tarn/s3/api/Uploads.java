package io.tarn.s3.api;

import io.tarn.core.spi.BodySink;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.engine.PendingBody;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** A streamed upload body (PutObject, UploadPart) feeding an engine writer: decode, count, commit or drop. */
final class Uploads {

    private Uploads() {}

    /** {@code commit} gets the checksum the body's trailer carried, if any, and answers. */
    static BodySink sink(UploadBody body, PendingBody target, Function<@Nullable String, ServiceResponse> commit) {
        return new BodySink() {
            private long received;

            @Override
            public void accept(ByteBuffer part) {
                body.accept(part, payload -> {
                    received += payload.remaining();
                    target.write(payload);
                });
            }

            @Override
            public ServiceResponse finish() {
                return commit.apply(body.finish(received));
            }

            @Override
            public void abort() {
                target.abort();
            }
        };
    }
}
