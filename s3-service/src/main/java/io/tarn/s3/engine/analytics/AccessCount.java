package io.tarn.s3.engine.analytics;

/** Bytes retrieved by GETs and their number (persisted, schema 1): one age group of one configuration on one day, or summed. */
record AccessCount(long bytes, long requests) {

    static final AccessCount ZERO = new AccessCount(0, 0);

    AccessCount plus(AccessCount o) {
        return new AccessCount(bytes + o.bytes, requests + o.requests);
    }
}
