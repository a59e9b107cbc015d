package io.tarn.kinesis.engine;

/**
 * A token bucket refilled by the emulator clock: {@code rate} tokens per second up to one
 * second's worth. {@link #take} may drive it below zero (a GetRecords that returned 10 MiB), and
 * then nothing more is granted until it refills past zero, as AWS throttles the calls after a
 * large read. Callers synchronise.
 */
final class TokenBucket {

    private final double rate;
    private double tokens;
    private long lastMillis;

    TokenBucket(double rate, long now) {
        this.rate = rate;
        this.tokens = rate;
        this.lastMillis = now;
    }

    private void refill(long now) {
        if (now > lastMillis) {
            tokens = Math.min(rate, tokens + rate * (now - lastMillis) / 1000.0);
            lastMillis = now;
        }
    }

    /** Whether {@code amount} tokens are there now (without taking them). */
    boolean has(double amount, long now) {
        refill(now);
        return tokens >= amount;
    }

    /** Whether any tokens are left (a read may then take more than are there). */
    boolean positive(long now) {
        refill(now);
        return tokens > 0;
    }

    void take(double amount) {
        tokens -= amount;
    }

    /** Takes {@code amount} if there; false (and nothing taken) otherwise. */
    boolean tryTake(double amount, long now) {
        if (has(amount, now)) {
            tokens -= amount;
            return true;
        }
        return false;
    }
}
