package io.tarn.s3.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.store.ModelCodec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListedVersionTest {

    private static final Instant AT = Instant.parse("2026-12-05T06:59:01.123Z");

    private static ObjectVersion version(boolean deleteMarker, StoredChecksum checksum) {
        return new ObjectVersion(ObjectVersion.SCHEMA, "photos/\u65e5\u672c.jpg", "Ab3_-xyz", 42L, deleteMarker, AT, 1234L,
                "\"etag\"", "123456789012", "STANDARD_IA", Map.of("content-type", "image/jpeg"), Map.of("m", "v"),
                Map.of("t", "v"), List.of(), new byte[60], checksum, null);
    }

    private static void assertListed(ListedVersion listed, ObjectVersion v) {
        assertThat(listed).isEqualTo(new ListedVersion(v.key(), v.versionId(), v.seq(), v.deleteMarker(), v.lastModified(), v.size(),
                v.etag(), v.owner(), v.storageClass(), v.checksum()));
    }

    @Test
    void readsTheListedFieldsOfAStoredVersion() {
        for (ObjectVersion v : List.of(version(false, new StoredChecksum("CRC64NVME", "AAAAAAAAAAA=", "FULL_OBJECT")),
                version(false, null), version(true, null))) {
            assertListed(ListedVersion.read(ModelCodec.encode(v)), v);
        }
    }

    @Test
    void readsRecordsWrittenInTheEarlierPropertyOrder() {
        ObjectVersion v = version(false, new StoredChecksum("SHA256", "x", "COMPOSITE"));
        Map<String, Object> old = new LinkedHashMap<>();
        old.put("schema", 1);
        old.put("key", v.key());
        old.put("versionId", v.versionId());
        old.put("seq", v.seq());
        old.put("deleteMarker", false);
        old.put("lastModified", AT.toEpochMilli());
        old.put("size", v.size());
        old.put("etag", v.etag());
        old.put("owner", v.owner());
        old.put("storageClass", v.storageClass());
        old.put("headers", v.headers());
        old.put("parts", List.of(Map.of("size", 3, "blob", Map.of("id", "b"))));
        old.put("wrappedKey", v.wrappedKey());
        old.put("checksum", Map.of("algorithm", "SHA256", "value", "x", "type", "COMPOSITE"));
        old.put("acl", null);
        assertListed(ListedVersion.read(ModelCodec.encode(old)), v);
    }
}
