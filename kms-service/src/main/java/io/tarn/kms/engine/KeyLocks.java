package io.tarn.kms.engine;

/**
 * Striped locks that serialise the read-modify-write of one key's records (state, tags,
 * rotation); different keys rarely share a stripe, crypto reads take none.
 */
final class KeyLocks {

    private final Object[] stripes = new Object[64];

    KeyLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    Object of(String keyId) {
        return stripes[(keyId.hashCode() & 0x7fffffff) % stripes.length];
    }
}
