package io.tarn.s3.engine;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Version ids as clients see them: 32 URL-safe characters, like AWS's, that carry the version's
 * sequence number (so a GET by version id is one point read) plus random bytes (so ids are not
 * guessable from one another).
 */
final class VersionIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private VersionIds() {}

    static String of(long seq) {
        ByteBuffer raw = ByteBuffer.allocate(24).putLong(seq);
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        raw.put(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.array());
    }

    /** The sequence number inside a version id, or null when it is not one of ours. */
    static @Nullable Long seqOf(String versionId) {
        if (versionId.length() != 32) {
            return null;
        }
        try {
            return ByteBuffer.wrap(Base64.getUrlDecoder().decode(versionId)).getLong();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
