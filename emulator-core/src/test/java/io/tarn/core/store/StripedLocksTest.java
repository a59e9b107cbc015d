package io.tarn.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class StripedLocksTest {

    @Test
    void roundsTheStripeCountUpToAPowerOfTwo() {
        assertThat(new StripedLocks(1).stripeCount()).isEqualTo(1);
        assertThat(new StripedLocks(64).stripeCount()).isEqualTo(64);
        assertThat(new StripedLocks(100).stripeCount()).isEqualTo(128);
        assertThatThrownBy(() -> new StripedLocks(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneNameAlwaysGetsOneStripeAndNamesSpreadOverTheStripes() {
        StripedLocks locks = new StripedLocks(64);
        assertThat(locks.of("bucket", "key")).isSameAs(locks.of("bucket", "key"));
        Set<ReentrantLock> used = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            used.add(locks.of("key-" + i));
        }
        assertThat(used).hasSizeGreaterThan(48); // spread, not all on a few stripes
    }

    @Test
    void stripesAreReentrant() {
        ReentrantLock stripe = new StripedLocks(8).of("k");
        stripe.lock();
        try {
            assertThat(stripe.tryLock()).isTrue(); // a key's change may call another change of the same key
            stripe.unlock();
        } finally {
            stripe.unlock();
        }
        assertThat(stripe.isLocked()).isFalse();
    }

    @Test
    void aHeldStripeKeepsOtherThreadsOutUntilReleased() throws Exception {
        StripedLocks locks = new StripedLocks(8);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch entered = new CountDownLatch(1);
            Future<?> waiter;
            ReentrantLock stripe = locks.of("k");
            stripe.lock();
            try {
                waiter = other.submit(() -> {
                    stripe.lock();
                    try {
                        entered.countDown();
                    } finally {
                        stripe.unlock();
                    }
                });
                // the other thread is queued on the stripe, not inside it (bounded wait, no timing asserted)
                for (int i = 0; i < 10_000 && !stripe.hasQueuedThreads(); i++) {
                    Thread.sleep(1);
                }
                assertThat(stripe.hasQueuedThreads()).isTrue();
                assertThat(entered.getCount()).isEqualTo(1);
            } finally {
                stripe.unlock();
            }
            waiter.get(30, TimeUnit.SECONDS);
            assertThat(entered.getCount()).isZero();
        } finally {
            other.shutdownNow();
        }
    }
}
