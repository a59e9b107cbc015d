package io.tarn.core.store;

/** One key and value read by a scan. */
public record Entry(Key key, byte[] value) {

    public <T> T value(Class<T> type) {
        return ModelCodec.decode(value, type);
    }
}
