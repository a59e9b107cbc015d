package io.tarn.core.protocol.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tarn.core.error.AwsException;
import io.tarn.core.error.CommonErrors;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The awsJson 1.0/1.1 and CBOR 1.1 codecs: one Jackson mapper each, configured alike. Shapes are
 * records with AWS's wire names; blobs are base64 in JSON and byte strings in CBOR; timestamps are
 * epoch seconds (with fraction) in JSON and epoch milliseconds in CBOR.
 */
public final class AwsJsonCodec {

    public static final String JSON_1_0 = "application/x-amz-json-1.0";
    public static final String JSON_1_1 = "application/x-amz-json-1.1";
    public static final String CBOR_1_1 = "application/x-amz-cbor-1.1";

    private static final ObjectMapper JSON = strictStrings(configure(JsonMapper.builder())
            .addModule(new SimpleModule("epoch-seconds").addSerializer(Instant.class, new EpochSecondsInstantSerializer()))
            .addModule(new SimpleModule("base64-blobs").addDeserializer(byte[].class, new Base64BlobDeserializer()))
            .enable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .enable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .build());
    private static final ObjectMapper CBOR = strictStrings(configure(CBORMapper.builder())
            .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .build());

    private AwsJsonCodec() {}

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        return builder.addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // newer SDKs may send newer fields
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS) // "5" is not a number on AWS either
                .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** A number or boolean where a string belongs is a type error on AWS, not a string. */
    private static ObjectMapper strictStrings(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    public static ObjectMapper json() {
        return JSON;
    }

    public static ObjectMapper cbor() {
        return CBOR;
    }

    public static boolean isCbor(String contentType) {
        return contentType != null && contentType.startsWith("application/x-amz-cbor");
    }

    static ObjectMapper mapperFor(String contentType) {
        return isCbor(contentType) ? CBOR : JSON;
    }

    /** Decodes a request body; malformed input is the client's fault, never a 500. */
    public static <T> T decode(byte[] body, Class<T> type, String contentType) {
        ObjectMapper mapper = mapperFor(contentType);
        try {
            if (body.length == 0) {
                return mapper.readValue(isCbor(contentType) ? CBOR.writeValueAsBytes(Map.of()) : "{}".getBytes(), type);
            }
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw CommonErrors.SERIALIZATION.exception("The request body must be a structure.");
            }
            return value;
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof AwsException) {
                throw (AwsException) e.getCause();
            }
            throw CommonErrors.SERIALIZATION.exception(describe(e));
        } catch (IOException e) {
            throw CommonErrors.SERIALIZATION.exception(describe(e));
        }
    }

    public static byte[] encode(Object value, String contentType) {
        ResponseBuffer out = ResponseBuffer.take();
        try {
            mapperFor(contentType).writeValue(out, value == null ? Map.of() : value);
            return out.toByteArrayAndRelease();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    public static byte[] encodeError(AwsException error, String contentType) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("__type", error.code());
        if (error.getMessage() != null) { // some errors have none (KMS's InvalidCiphertextException)
            body.put("message", error.getMessage());
        }
        body.putAll(error.extra());
        return encode(body, contentType);
    }

    /** A message that names the problem without leaking Java class names. */
    private static String describe(IOException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException) {
            com.fasterxml.jackson.databind.JsonMappingException m = (com.fasterxml.jackson.databind.JsonMappingException) e;
            String path = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b)
                    .orElse("");
            if (!path.isEmpty()) {
                return "Unexpected value type or format for field '" + path + "'.";
            }
        }
        return "The request body could not be parsed.";
    }
}
