package io.tarn.s3.engine;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises writes to one object key (versions, the null version and the current pointer change
 * together) without a lock per key: a fixed stripe of locks chosen by hash.
 */
final class KeyLocks {

    private final ReentrantLock[] stripes = new ReentrantLock[1024];

    KeyLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    ReentrantLock of(String bucket, String key) {
        int h = 31 * bucket.hashCode() + key.hashCode();
        return stripes[(h ^ (h >>> 16)) & (stripes.length - 1)];
    }
}
