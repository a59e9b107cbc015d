package io.tarn.s3.engine.report;

import io.tarn.core.time.EmulatorClock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * When a change counts as made. A daily lifecycle evaluation runs as of its own midnight while an
 * advance of the clock has already moved past it, so what it deletes or transitions is charged as
 * of that midnight, not of the clock's now: the evaluation says so around its work.
 */
public final class ChangeTime {

    private static final ThreadLocal<Instant> AS_OF = new ThreadLocal<>();

    private ChangeTime() {}

    /** Runs {@code work} with its changes made as of {@code at}. */
    public static <T> T asOf(Instant at, Supplier<T> work) {
        Instant outer = AS_OF.get();
        AS_OF.set(at);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                AS_OF.remove();
            } else {
                AS_OF.set(outer);
            }
        }
    }

    /** The instant of a change made now on this thread. */
    public static Instant now(EmulatorClock clock) {
        Instant at = AS_OF.get();
        return at != null ? at : clock.instant();
    }
}
