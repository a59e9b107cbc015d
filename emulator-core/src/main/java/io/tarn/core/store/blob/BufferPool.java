package io.tarn.core.store.blob;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reuses writers' segment buffers: a 4 KiB PUT would otherwise allocate (and zero) two 64 KiB
 * buffers, which at thousands of objects a second is most of its garbage. Bounded: buffers beyond
 * {@code max} are left to the collector.
 */
final class BufferPool {

    private final int size;
    private final int max;
    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pooled = new AtomicInteger();

    BufferPool(int size, int max) {
        this.size = size;
        this.max = max;
    }

    ByteBuffer take() {
        ByteBuffer b = free.poll();
        if (b == null) {
            return ByteBuffer.allocate(size);
        }
        pooled.decrementAndGet();
        return b.clear();
    }

    /** Gives {@code b} back; the caller must not touch it afterwards. */
    void give(ByteBuffer b) {
        if (b.capacity() == size && pooled.incrementAndGet() <= max) {
            free.offer(b);
        } else if (b.capacity() == size) {
            pooled.decrementAndGet();
        }
    }
}
