package io.tarn.s3.engine.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * S3's lifecycle arithmetic: "the number of days specified in the rule is added to the object
 * creation time and the result rounded to the next day midnight UTC" (S3 User Guide, Lifecycle
 * configuration elements): an object created 2014-01-15 10:30 under a 3-day rule is due at
 * 2014-01-19 00:00 UTC.
 */
public final class LifecycleDates {

    private LifecycleDates() {}

    /** The midnight UTC that ends the day of {@code start + days}. */
    public static Instant due(Instant start, int days) {
        return nextMidnight(start.plus(Duration.ofDays(days)));
    }

    /** The first midnight UTC strictly after {@code t}. */
    public static Instant nextMidnight(Instant t) {
        return t.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    }
}
