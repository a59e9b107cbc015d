package io.tarn.s3.engine.restore;

import java.time.Duration;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * How long a restore takes inside its tier's window: a random draw, as AWS's times vary, or the
 * window's upper bound ({@code --s3-restore-delay max}) so a test knows exactly when it completes.
 */
public final class RestoreDelay {

    private final boolean longest;
    private final RandomGenerator random;

    private RestoreDelay(boolean longest, RandomGenerator random) {
        this.longest = longest;
        this.random = random;
    }

    public static RestoreDelay random(RandomGenerator random) {
        return new RestoreDelay(false, random);
    }

    public static RestoreDelay longest() {
        return new RestoreDelay(true, RandomGenerator.getDefault());
    }

    /** {@code random} or {@code max}, as the server flag gives it. */
    public static RestoreDelay fromSetting(String setting) {
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "max" -> longest();
            case "random" -> random(RandomGenerator.getDefault());
            default -> throw new IllegalArgumentException("--s3-restore-delay must be random or max, not " + setting);
        };
    }

    /** A delay in {@code [shortest, longest]}, to the second. */
    public Duration draw(RestoreTier.Window window) {
        if (longest) {
            return window.longest();
        }
        long from = window.shortest().toSeconds();
        long to = window.longest().toSeconds();
        return Duration.ofSeconds(random.nextLong(from, to + 1));
    }
}
