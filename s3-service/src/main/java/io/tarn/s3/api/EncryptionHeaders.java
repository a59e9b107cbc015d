package io.tarn.s3.api;

import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.S3Errors;
import io.tarn.s3.engine.encryption.CustomerKey;
import io.tarn.s3.engine.encryption.EncryptionContext;
import io.tarn.s3.engine.encryption.EncryptionRequest;
import io.tarn.s3.model.ObjectSse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Encryption headers both ways. Requests: the encryption a write asks for
 * ({@link EncryptionRequest}, checked before anything else as S3 does, 400 InvalidArgument with
 * S3's messages), the SSE-C key of a read or of a copy's source, and no write-only header on a read.
 * Answers: what S3 says of an object's encryption.
 */
final class EncryptionHeaders {

    /** Encryption headers a write may carry and a read may not (SSE-C's are for both). */
    private static final List<String> WRITE_ONLY = List.of(EncryptionRequest.SSE_HEADER, EncryptionRequest.KMS_KEY_HEADER,
            EncryptionContext.HEADER, EncryptionRequest.BUCKET_KEY_HEADER);

    private EncryptionHeaders() {}

    /** PutObject, CopyObject, CreateMultipartUpload: what the write asks for, or null (the bucket's default). */
    static @Nullable EncryptionRequest write(S3Call call) {
        return EncryptionRequest.of(call.header(EncryptionRequest.SSE_HEADER), call.header(EncryptionRequest.KMS_KEY_HEADER),
                call.header(EncryptionContext.HEADER), call.header(EncryptionRequest.BUCKET_KEY_HEADER), customerKey(call, false));
    }

    /** GetObject, HeadObject, GetObjectAttributes: SSE-C's headers only; the key they give, if any. */
    static @Nullable CustomerKey read(S3Call call) {
        for (String header : WRITE_ONLY) {
            if (call.header(header) != null) {
                throw CustomerKey.invalid(header + " header is not supported for this operation.", header, call.header(header));
            }
        }
        return customerKey(call, false);
    }

    /** The SSE-C key of the object or of a copy's source ({@code copySource}), if the request gives one. */
    static @Nullable CustomerKey customerKey(S3Call call, boolean copySource) {
        return CustomerKey.of(call.header(CustomerKey.header(CustomerKey.ALGORITHM_HEADER, copySource)),
                call.header(CustomerKey.header(CustomerKey.KEY_HEADER, copySource)),
                call.header(CustomerKey.header(CustomerKey.MD5_HEADER, copySource)), copySource);
    }

    /**
     * S3 takes customer keys only over TLS (they would travel in the clear otherwise); Tarn's
     * {@code --s3-allow-ssec-over-http} lifts that for local tests.
     */
    static void requireSecureTransport(S3Call call, boolean allowedOverHttp) {
        if (allowedOverHttp || call.request().context().secureTransport()) {
            return;
        }
        for (boolean copySource : List.of(false, true)) {
            if (call.header(CustomerKey.header(CustomerKey.ALGORITHM_HEADER, copySource)) != null
                    || call.header(CustomerKey.header(CustomerKey.KEY_HEADER, copySource)) != null
                    || call.header(CustomerKey.header(CustomerKey.MD5_HEADER, copySource)) != null) {
                throw S3Errors.INVALID_REQUEST.exception(
                        "Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.");
            }
        }
    }

    /**
     * What S3 answers of an object's (or an upload's) encryption: SSE-S3's or KMS's algorithm with
     * the key's ARN and whether a Bucket Key is used, and the writer's context where S3's model has
     * it ({@code withContext}: PutObject, CopyObject, CreateMultipartUpload); for SSE-C the
     * algorithm and the MD5 of the key the request gave.
     */
    static void answer(ServiceResponse response, @Nullable ObjectSse sse, @Nullable CustomerKey given, boolean withContext) {
        Map<String, String> headers = new LinkedHashMap<>();
        answer(headers, sse, given, withContext);
        headers.forEach(response::withHeader);
    }

    /** As above, into a map of headers. */
    static void answer(Map<String, String> headers, @Nullable ObjectSse sse, @Nullable CustomerKey given, boolean withContext) {
        if (sse == null) {
            headers.put(EncryptionRequest.SSE_HEADER, EncryptionRequest.SSE_S3);
        } else if (sse.customerKey()) {
            headers.put(CustomerKey.ALGORITHM_HEADER, sse.algorithm());
            if (given != null) {
                headers.put(CustomerKey.MD5_HEADER, given.md5());
            }
        } else {
            headers.put(EncryptionRequest.SSE_HEADER, sse.algorithm());
            headers.put(EncryptionRequest.KMS_KEY_HEADER, sse.kmsKeyArn());
            if (withContext && sse.context() != null) {
                headers.put(EncryptionContext.HEADER, sse.context());
            }
            if (sse.bucketKeyEnabled()) {
                headers.put(EncryptionRequest.BUCKET_KEY_HEADER, "true");
            }
        }
    }
}
