package io.tarn.kinesis.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SequenceNumberTest {

    @Test
    void printsFiftySixDigitsAndParsesBack() {
        SequenceNumber s = new SequenceNumber(1_700_000_000_123L, 7, 42);
        assertThat(s.toString()).hasSize(56).startsWith("4");
        assertThat(SequenceNumber.parse(s.toString())).isEqualTo(s);
        assertThat(SequenceNumber.last(1_700_000_000_123L, 0xFFFF_FFFFL).toString()).hasSize(56);
    }

    @Test
    void decimalOrderIsTupleOrderAndStringOrder() {
        Random r = new Random(1);
        List<SequenceNumber> seqs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            seqs.add(new SequenceNumber(1_600_000_000_000L + r.nextInt(1000), r.nextInt(5), r.nextInt(100)));
        }
        for (SequenceNumber a : seqs) {
            for (SequenceNumber b : seqs.subList(0, 20)) {
                int tuple = Integer.signum(a.compareTo(b));
                assertThat(Integer.signum(new BigInteger(a.toString()).compareTo(new BigInteger(b.toString())))).isEqualTo(tuple);
                assertThat(Integer.signum(a.toString().compareTo(b.toString()))).isEqualTo(tuple);
            }
        }
    }

    @Test
    void theFastDecimalMatchesTheExactOne() {
        Random r = new Random(7);
        BigInteger base = BigInteger.valueOf(4).multiply(BigInteger.TEN.pow(55));
        for (int i = 0; i < 2000; i++) {
            long millis = 1_600_000_000_000L + r.nextInt(5);
            long shard = new long[] {0, 1, 2, 64, 65, 0xFFFF_FFFFL}[r.nextInt(6)]; // 1, 65: one cache slot
            long counter = i % 3 == 0 ? r.nextLong() & Long.MAX_VALUE : r.nextInt(1_000_000);
            BigInteger exact = base.add(BigInteger.valueOf(millis).shiftLeft(96).or(BigInteger.valueOf(shard).shiftLeft(64))
                    .or(BigInteger.valueOf(counter)));
            assertThat(new SequenceNumber(millis, shard, counter).toString()).isEqualTo(exact.toString());
        }
    }

    @Test
    void rejectsWhatItDidNotIssue() {
        assertThat(SequenceNumber.parse("12")).isNull();
        assertThat(SequenceNumber.parse("abc")).isNull();
        assertThat(SequenceNumber.parse("0123")).isNull();
        assertThat(SequenceNumber.parse("9" + "0".repeat(60))).isNull();
        assertThat(SequenceNumber.wellFormed("0")).isTrue();
    }
}
