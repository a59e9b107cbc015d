package io.tarn.s3.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tarn.core.store.ModelCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What listings show of an {@link ObjectVersion}, read from the same stored record. A listing
 * reads a thousand records a page; binding whole records (parts, headers, metadata, tags, ACL)
 * was most of a page's cost. {@link #read} takes the listed fields in a streaming pass and stops
 * once it has them all, which {@link ObjectVersion}'s property order makes early in the record
 * (records written before that order are read to the end, skipping the rest).
 */
public record ListedVersion(
        String key,
        String versionId,
        long seq,
        boolean deleteMarker,
        Instant lastModified,
        long size,
        String etag,
        String owner,
        String storageClass,
        @Nullable StoredChecksum checksum) {

    /** The fields above, as {@link ObjectVersion} names them in its record. */
    private static final int FIELDS = 10;

    /** The listed fields of a stored {@link ObjectVersion} record. */
    public static ListedVersion read(byte[] record) {
        String key = null;
        String versionId = null;
        long seq = 0;
        boolean deleteMarker = false;
        Instant lastModified = null;
        long size = 0;
        String etag = null;
        String owner = null;
        String storageClass = null;
        StoredChecksum checksum = null;
        int seen = 0;
        try (JsonParser p = ModelCodec.parser(record)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("not an object version record");
            }
            while (seen < FIELDS && p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "key" -> key = p.getText();
                    case "versionId" -> versionId = p.getText();
                    case "seq" -> seq = p.getLongValue();
                    case "deleteMarker" -> deleteMarker = p.getBooleanValue();
                    case "lastModified" -> lastModified = instant(p, value);
                    case "size" -> size = p.getLongValue();
                    case "etag" -> etag = value == JsonToken.VALUE_NULL ? null : p.getText();
                    case "owner" -> owner = p.getText();
                    case "storageClass" -> storageClass = p.getText();
                    case "checksum" -> checksum = value == JsonToken.VALUE_NULL ? null : ModelCodec.decode(p, StoredChecksum.class);
                    default -> {
                        p.skipChildren();
                        continue;
                    }
                }
                seen++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an object version record", e);
        }
        return new ListedVersion(key, versionId, seq, deleteMarker, lastModified, size, etag, owner, storageClass, checksum);
    }

    /** Instants are written as epoch milliseconds; a decimal is epoch seconds with a fraction. */
    private static Instant instant(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return Instant.ofEpochMilli(p.getLongValue());
        }
        java.math.BigDecimal seconds = p.getDecimalValue();
        return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(java.math.BigDecimal.ONE).movePointRight(9).longValue());
    }
}
