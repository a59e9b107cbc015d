package io.tarn.core.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlobGroupSyncTest {

    private final Path a = Path.of("a");
    private final Path b = Path.of("b");
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void waitersQueuedBehindARoundShareTheNextOne() throws Exception {
        List<Path> synced = new CopyOnWriteArrayList<>();
        CountDownLatch firstEntered = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        GroupSync sync = new GroupSync(dir -> {
            if (synced.isEmpty()) {
                firstEntered.countDown();
                await(releaseFirst);
            }
            synced.add(dir);
        });

        Future<?> leader = pool.submit(() -> sync.await(a));
        await(firstEntered);
        List<Future<?>> queued = List.of(
                pool.submit(() -> sync.await(a)),
                pool.submit(() -> sync.await(b)),
                pool.submit(() -> sync.await(a)));
        while (sync.registered() < 4) {
            Thread.onSpinWait();
        }
        releaseFirst.countDown();
        leader.get(10, TimeUnit.SECONDS);
        for (Future<?> f : queued) {
            f.get(10, TimeUnit.SECONDS);
        }
        // One round for the leader, one for the three that queued behind it (a and b once each).
        assertThat(synced).hasSize(3);
        assertThat(synced.subList(1, 3)).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void aFailedRoundFailsItsLeaderAndIsRetriedForTheOthers() throws Exception {
        AtomicBoolean failNext = new AtomicBoolean(true);
        CountDownLatch firstEntered = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<Path> synced = new CopyOnWriteArrayList<>();
        GroupSync sync = new GroupSync(dir -> {
            if (failNext.getAndSet(false)) {
                firstEntered.countDown();
                await(releaseFirst);
                throw new IOException("disk on fire");
            }
            synced.add(dir);
        });
        Future<?> leader = pool.submit(() -> sync.await(a));
        await(firstEntered);
        Future<?> follower = pool.submit(() -> sync.await(b));
        while (sync.registered() < 2) {
            Thread.onSpinWait();
        }
        releaseFirst.countDown();
        assertThatThrownBy(() -> leader.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(UncheckedIOException.class).hasRootCauseMessage("disk on fire");
        follower.get(10, TimeUnit.SECONDS);
        assertThat(synced).contains(b);
    }

    @Test
    void aRealDirectoryCanBeSynced(@org.junit.jupiter.api.io.TempDir Path dir) {
        new GroupSync().await(dir);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
