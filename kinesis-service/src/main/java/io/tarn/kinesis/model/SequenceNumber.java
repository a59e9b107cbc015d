package io.tarn.kinesis.model;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * A Kinesis sequence number: the arrival millisecond, the shard's index in its stream and a
 * per-shard counter, written as a 56-digit decimal as AWS's are. Ordered by (millis, shard,
 * counter), so within a shard numbers grow with every record, across shards they roughly follow
 * time, and no two records of a stream share one, across reshards and restarts. The shard is
 * in the number, as AWS's numbers encode theirs.
 */
public record SequenceNumber(long millis, long shardIndex, long counter) implements Comparable<SequenceNumber> {

    private static final Pattern DECIMAL = Pattern.compile("0|[1-9]\\d{0,128}");
    /** Every number is BASE plus a 184-bit value, so all print with 56 digits ("4..."), like AWS's. */
    private static final BigInteger BASE = BigInteger.valueOf(4).multiply(BigInteger.TEN.pow(55));
    private static final BigInteger LIMIT = BigInteger.TEN.pow(55);
    private static final BigInteger U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger U32 = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);

    public SequenceNumber {
        if (millis < 0 || shardIndex < 0 || shardIndex > 0xFFFF_FFFFL || counter < 0) {
            throw new IllegalArgumentException("sequence number out of range");
        }
    }

    /** The first number a shard created at {@code millis} can hold. */
    public static SequenceNumber first(long millis, long shardIndex) {
        return new SequenceNumber(millis, shardIndex, 0);
    }

    /** A number above every record a shard closed at {@code millis} holds. */
    public static SequenceNumber last(long millis, long shardIndex) {
        return new SequenceNumber(millis, shardIndex, Long.MAX_VALUE);
    }

    /** Parses a number this emulator issued; null when {@code text} is not one. */
    public static SequenceNumber parse(String text) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            return null;
        }
        BigInteger value = new BigInteger(text).subtract(BASE);
        if (value.signum() < 0 || value.compareTo(LIMIT) >= 0) {
            return null;
        }
        long counter = value.and(U64).longValue();
        long shard = value.shiftRight(64).and(U32).longValue();
        BigInteger millis = value.shiftRight(96);
        if (counter < 0 || millis.bitLength() > 62) {
            return null;
        }
        return new SequenceNumber(millis.longValue(), shard, counter);
    }

    /** Whether {@code text} has the shape of a sequence number at all (the API's pattern). */
    public static boolean wellFormed(String text) {
        return text != null && DECIMAL.matcher(text).matches();
    }

    private static final long E18 = 1_000_000_000_000_000_000L;
    /** Decimals of (millis, shard, 0) printed lately on this thread, one slot per shard index modulo 64. */
    private static final ThreadLocal<Prefixes> PREFIXES = ThreadLocal.withInitial(Prefixes::new);

    @Override
    public String toString() {
        // The number is prefix(millis, shard) + counter. The prefix's decimal is cached per thread
        // and shard, split into its leading digits and the value of its last 18; the counter is
        // added to that value in long arithmetic. A carry out of the 18 digits (counters near
        // 10^18) takes the BigInteger path. PutRecords over many shards, and GetRecords, print a
        // number for every record.
        Prefixes prefixes = PREFIXES.get();
        int slot = prefixes.slot(millis, shardIndex);
        long low = prefixes.low[slot] + counter % E18;
        if (counter >= E18 || low >= E18) {
            return exact(millis, shardIndex, counter);
        }
        String lowDigits = Long.toString(low);
        StringBuilder out = new StringBuilder(56).append(prefixes.head[slot]);
        for (int i = lowDigits.length(); i < 18; i++) {
            out.append('0');
        }
        return out.append(lowDigits).toString();
    }

    private static final class Prefixes {
        private static final int SLOTS = 64;
        private final long[] millis = new long[SLOTS];
        private final long[] shards = new long[SLOTS];
        /** The decimal of (millis, shard, 0) but its last 18 digits, and the value of those. */
        final String[] head = new String[SLOTS];
        final long[] low = new long[SLOTS];

        /** The slot (shard index modulo 64) holding the prefix of {@code (atMillis, shardIndex)}. */
        int slot(long atMillis, long shardIndex) {
            int slot = (int) (shardIndex & (SLOTS - 1));
            if (head[slot] == null || millis[slot] != atMillis || shards[slot] != shardIndex) {
                String decimal = exact(atMillis, shardIndex, 0);
                int split = decimal.length() - 18;
                millis[slot] = atMillis;
                shards[slot] = shardIndex;
                head[slot] = decimal.substring(0, split);
                low[slot] = Long.parseLong(decimal, split, decimal.length(), 10);
            }
            return slot;
        }
    }

    private static String exact(long millis, long shardIndex, long counter) {
        return BASE.add(BigInteger.valueOf(millis).shiftLeft(96)
                .or(BigInteger.valueOf(shardIndex).shiftLeft(64))
                .or(BigInteger.valueOf(counter))).toString();
    }

    @Override
    public int compareTo(SequenceNumber o) {
        int c = Long.compare(millis, o.millis);
        if (c == 0) {
            c = Long.compare(shardIndex, o.shardIndex);
        }
        return c != 0 ? c : Long.compare(counter, o.counter);
    }
}
