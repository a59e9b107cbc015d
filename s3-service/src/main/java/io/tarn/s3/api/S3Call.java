package io.tarn.s3.api;

import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.ServiceRequest;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.S3Errors;
import io.tarn.s3.model.ObjectVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One S3 request once routed: the request, the bucket and key it names, and answer helpers. */
final class S3Call {

    static final String XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final java.time.format.DateTimeFormatter ISO_MILLIS =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    /**
     * Timestamps in S3's XML bodies: ISO 8601 with milliseconds. Written digit by digit: a listing
     * page formats a thousand of them, and the DateTimeFormatter took a sixth of its CPU.
     */
    static String isoDate(java.time.Instant instant) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(),
                java.time.ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return ISO_MILLIS.format(instant);
        }
        char[] c = "0000-00-00T00:00:00.000Z".toCharArray();
        digits(c, 0, t.getYear(), 4);
        digits(c, 5, t.getMonthValue(), 2);
        digits(c, 8, t.getDayOfMonth(), 2);
        digits(c, 11, t.getHour(), 2);
        digits(c, 14, t.getMinute(), 2);
        digits(c, 17, t.getSecond(), 2);
        digits(c, 20, t.getNano() / 1_000_000, 3);
        return new String(c);
    }

    private static void digits(char[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private final ServiceRequest request;
    private final @Nullable String bucket;
    private final @Nullable String key;
    private @Nullable ObjectVersion addressed;

    S3Call(ServiceRequest request, S3Address address) {
        this.request = request;
        this.bucket = address.bucket();
        this.key = address.key();
    }

    ServiceRequest request() {
        return request;
    }

    String bucket() {
        if (bucket == null) {
            throw new IllegalStateException("routed as a bucket operation without a bucket");
        }
        return bucket;
    }

    @Nullable String bucketOrNull() {
        return bucket;
    }

    String key() {
        if (key == null) {
            throw new IllegalStateException("routed as an object operation without a key");
        }
        return key;
    }

    @Nullable String keyOrNull() {
        return key;
    }

    /**
     * The version this request addresses (its key and ?versionId=), when authorization already
     * read it (for the object's ACL or tags): the read then serves it without a second lookup. A
     * version read a few microseconds earlier is as current as one read now: either may be
     * overwritten before its bytes are opened.
     */
    @Nullable ObjectVersion addressed() {
        return addressed;
    }

    void addressed(ObjectVersion version) {
        this.addressed = version;
    }

    /** A header's value; repeated fields are one comma-separated value (RFC 9110 5.3). */
    @Nullable String header(String lowerCaseName) {
        java.util.List<String> values = request.headers().get(lowerCaseName);
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : String.join(",", values);
    }

    @Nullable String query(String name) {
        return request.queryParam(name);
    }

    boolean hasQuery(String name) {
        return request.query().containsKey(name);
    }

    String account() {
        return request.context().account();
    }

    String region() {
        return request.context().region();
    }

    /** A non-negative integer query parameter, {@code fallback} when absent; else InvalidArgument. */
    int intQuery(String name, int fallback) {
        return nonNegative(name, query(name), fallback);
    }

    /** A non-negative integer header, {@code fallback} when absent; else InvalidArgument. */
    int intHeader(String name, int fallback) {
        return nonNegative(name, header(name), fallback);
    }

    private static int nonNegative(String name, @Nullable String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw S3Errors.INVALID_ARGUMENT.exception("Provided %s not an integer or within integer range", name)
                .with("ArgumentName", name).with("ArgumentValue", value);
    }

    static ServiceResponse xml(int status, XmlWriter xml) {
        return ServiceResponse.of(status, "application/xml", xml.toBytes());
    }

    static ServiceResponse ok(XmlWriter xml) {
        return xml(200, xml);
    }

    static ServiceResponse empty(int status) {
        return new ServiceResponse(status, new LinkedHashMap<>(), new byte[0]);
    }

    static ServiceResponse empty(int status, Map<String, String> headers) {
        return new ServiceResponse(status, headers, new byte[0]);
    }

    String bodyAsString() {
        return new String(request.body(), StandardCharsets.UTF_8);
    }
}
