package io.tarn.glue.api;

import io.tarn.glue.GlueErrors;
import org.jspecify.annotations.Nullable;

/**
 * Request members Tarn does not build (Lake Formation transactions, time travel, Glue writing Iceberg
 * metadata): refused with OperationNotSupportedException when present, never read past, since
 * ignoring them would answer something other than what the caller asked for.
 */
final class Unbuilt {

    private Unbuilt() {}

    static void refuse(@Nullable Object member, String what) {
        if (member != null) {
            throw GlueErrors.OPERATION_NOT_SUPPORTED.exception("%s is not built by Tarn yet", what);
        }
    }
}
