package io.tarn.core.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes the persisted {@code model/} records as CBOR. Unknown fields are ignored when read,
 * so a record may gain fields without a migration; a field's meaning never changes.
 */
public final class ModelCodec {

    private static final ObjectMapper MAPPER = CBORMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .build();

    private ModelCodec() {}

    public static byte[] encode(Object model) {
        try {
            return MAPPER.writeValueAsBytes(model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + model.getClass().getSimpleName(), e);
        }
    }

    /**
     * A streaming parser over a record, for hot paths that need a few fields of a large record
     * (a listing reads a thousand object records a page) and can stop once they have them.
     */
    public static JsonParser parser(byte[] bytes) {
        try {
            return MAPPER.createParser(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a record", e);
        }
    }

    /** Binds the value {@code parser} is at (a nested record) as {@code type}. */
    public static <T> T decode(JsonParser parser, Class<T> type) {
        try {
            return MAPPER.readValue(parser, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode " + type.getSimpleName(), e);
        }
    }

    public static <T> T decode(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode " + type.getSimpleName(), e);
        }
    }
}
