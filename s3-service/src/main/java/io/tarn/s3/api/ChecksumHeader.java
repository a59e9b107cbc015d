package io.tarn.s3.api;

import io.tarn.s3.S3Errors;
import io.tarn.s3.engine.checksum.ChecksumAlgorithm;
import org.jspecify.annotations.Nullable;

/** The one {@code x-amz-checksum-*} header a request may carry: its algorithm and its value. */
record ChecksumHeader(ChecksumAlgorithm algorithm, String value) {

    /** The request's checksum header, or null without one; two of them are refused as S3 refuses them. */
    static @Nullable ChecksumHeader of(S3Call call) {
        ChecksumHeader found = null;
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            String value = call.header(a.headerName());
            if (value != null) {
                if (found != null) {
                    throw S3Errors.INVALID_REQUEST.exception(
                            "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
                }
                found = new ChecksumHeader(a, value);
            }
        }
        return found;
    }
}
