package io.tarn.core.store.blob;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Makes renames durable by fsyncing the directories they landed in, shared across concurrent
 * commits: a caller registers its directory after its rename and waits; one caller at a time
 * leads a round that fsyncs every directory registered before the round started, which covers
 * every rename done before it. Those who registered while a round was running are covered by
 * the next round, led by one of them. Under load, N concurrent commits cost about two rounds
 * instead of N fsyncs.
 */
final class GroupSync {

    /** Syncs one directory; a seam so a test can observe and pause rounds. */
    interface DirectorySyncer {
        void sync(Path dir) throws IOException;
    }

    private final DirectorySyncer syncer;
    private final Object lock = new Object();
    private Set<Path> pending = new LinkedHashSet<>();
    private long registered;
    private long durable;
    private boolean roundRunning;

    GroupSync() {
        this(GroupSync::fsyncDirectory);
    }

    GroupSync(DirectorySyncer syncer) {
        this.syncer = syncer;
    }

    /** Returns once {@code dir} has been fsynced after this call began; throws if the fsync failed. */
    void await(Path dir) {
        long ticket;
        synchronized (lock) {
            pending.add(dir);
            ticket = ++registered;
        }
        boolean interrupted = false;
        try {
            while (true) {
                Set<Path> round;
                long covers;
                synchronized (lock) {
                    while (roundRunning && durable < ticket) {
                        try {
                            lock.wait();
                        } catch (InterruptedException e) {
                            // The rename is done; leaving before it is durable would lie to the caller.
                            interrupted = true;
                        }
                    }
                    if (durable >= ticket) {
                        return;
                    }
                    roundRunning = true;
                    round = pending;
                    pending = new LinkedHashSet<>();
                    covers = registered;
                }
                runRound(round, covers);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void runRound(Set<Path> round, long covers) {
        boolean done = false;
        Path current = null;
        try {
            for (Path dir : round) {
                current = dir;
                syncer.sync(dir);
            }
            done = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fsync the blob directory " + current, e);
        } finally {
            synchronized (lock) {
                roundRunning = false;
                if (done) {
                    durable = covers;
                } else {
                    // Everyone else in this round retries it (and learns of the failure themselves).
                    pending.addAll(round);
                }
                lock.notifyAll();
            }
        }
    }

    /** Registrations so far: lets a test wait until its threads are queued. */
    long registered() {
        synchronized (lock) {
            return registered;
        }
    }

    /**
     * fsync of a directory, which makes the entries renamed into it durable. Windows cannot open a
     * directory as a channel, and NTFS journals its metadata anyway, so it is skipped there.
     */
    static void fsyncDirectory(Path dir) throws IOException {
        if (File.separatorChar == '\\') {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
