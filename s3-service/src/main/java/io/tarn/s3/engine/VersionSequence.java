package io.tarn.s3.engine;

import io.tarn.core.store.Keyspace;
import io.tarn.s3.model.S3Keys;

/**
 * Hands out the store-wide write sequence that orders object versions. Numbers are reserved in
 * blocks whose upper bound is persisted first, so a restart (even after {@code kill -9}) never
 * hands out a number twice; a crash only skips the rest of a block.
 */
final class VersionSequence {

    private static final long BLOCK = 100_000;

    private final Keyspace keyspace;
    private long next;
    private long reservedUpTo;

    VersionSequence(Keyspace keyspace) {
        this.keyspace = keyspace;
        this.reservedUpTo = keyspace.get(S3Keys.sequence(), Long.class).orElse(0L);
        this.next = reservedUpTo;
    }

    synchronized long next() {
        if (next >= reservedUpTo) {
            reservedUpTo = next + BLOCK;
            keyspace.put(S3Keys.sequence(), reservedUpTo);
        }
        return ++next;
    }
}
