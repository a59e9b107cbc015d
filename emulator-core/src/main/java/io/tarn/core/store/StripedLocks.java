package io.tarn.core.store;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the read-modify-write of one stored thing (an object key, a KMS key) without a lock
 * per thing: a fixed array of reentrant locks, one chosen by the hash of the thing's name. Two
 * names rarely share a stripe, and when they do they only wait for each other.
 */
public final class StripedLocks {

    private final ReentrantLock[] stripes;

    /** {@code count} stripes, rounded up to a power of two. */
    public StripedLocks(int count) {
        if (count < 1 || count > 1 << 20) {
            throw new IllegalArgumentException("stripe count out of range: " + count);
        }
        int size = Integer.highestOneBit(count);
        stripes = new ReentrantLock[size < count ? size << 1 : size];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    int stripeCount() {
        return stripes.length;
    }

    /** The stripe of the name made of {@code parts} (e.g. bucket and key). */
    public ReentrantLock of(String... parts) {
        int h = 1;
        for (String part : parts) {
            h = 31 * h + part.hashCode();
        }
        return stripes[(h ^ (h >>> 16)) & (stripes.length - 1)];
    }
}
