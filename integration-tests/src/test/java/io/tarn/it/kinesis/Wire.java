package io.tarn.it.kinesis;

import java.util.Locale;

/**
 * The two wire protocols the SDK speaks to Kinesis: CBOR 1.1 (its default) and JSON 1.1 (what it
 * sends when built with the system property {@code aws.cborEnabled=false}, or env CBOR_ENABLED=false).
 */
enum Wire {
    CBOR("application/x-amz-cbor-1.1"),
    JSON("application/x-amz-json-1.1");

    final String contentType;

    Wire(String contentType) {
        this.contentType = contentType;
    }

    boolean cbor() {
        return this == CBOR;
    }

    /** A resource name unique to this protocol's run of a test, e.g. {@code basic-cbor}. */
    String name(String base) {
        return base + "-" + name().toLowerCase(Locale.ROOT);
    }
}
