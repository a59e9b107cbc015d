package io.tarn.s3.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Range header of GetObject: one byte range (RFC 9110 section 14.1.2); S3 does not serve
 * several ranges at once and sends the whole object for a header it does not understand.
 */
class ByteRangeTest {

    private static final long SIZE = 100;

    @Test
    void firstByte() {
        ByteRange r = ByteRange.parse("bytes=0-0", SIZE);
        assertThat(r).isEqualTo(new ByteRange(0, 0));
        assertThat(r.length()).isEqualTo(1);
        assertThat(r.contentRange(SIZE)).isEqualTo("bytes 0-0/100");
    }

    @Test
    void suffixRange() {
        assertThat(ByteRange.parse("bytes=-5", SIZE)).isEqualTo(new ByteRange(95, 99));
        assertThat(ByteRange.parse("bytes=-5", SIZE).contentRange(SIZE)).isEqualTo("bytes 95-99/100");
        // a suffix longer than the object is the whole object
        assertThat(ByteRange.parse("bytes=-500", SIZE)).isEqualTo(new ByteRange(0, 99));
    }

    @Test
    void openEndedRange() {
        assertThat(ByteRange.parse("bytes=5-", SIZE)).isEqualTo(new ByteRange(5, 99));
        assertThat(ByteRange.parse("bytes=99-", SIZE)).isEqualTo(new ByteRange(99, 99));
    }

    @Test
    void lastBytePastTheEndIsClamped() {
        assertThat(ByteRange.parse("bytes=10-19", SIZE)).isEqualTo(new ByteRange(10, 19));
        assertThat(ByteRange.parse("bytes=90-1000", SIZE)).isEqualTo(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=0-99", SIZE).length()).isEqualTo(100);
        assertThat(ByteRange.parse(" bytes = 1 - 2 ", SIZE)).isEqualTo(new ByteRange(1, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=100-", "bytes=100-200", "bytes=1000-1001", "bytes=-0", "bytes=100-100"})
    void unsatisfiableRangesAreInvalidRange(String header) {
        assertThatThrownBy(() -> ByteRange.parse(header, SIZE)).isInstanceOf(AwsException.class).satisfies(e -> {
            AwsException a = (AwsException) e;
            assertThat(a.code()).isEqualTo("InvalidRange");
            assertThat(a.status()).isEqualTo(416);
            assertThat(a.extra()).containsEntry("ActualObjectSize", "100").containsEntry("RangeRequested", header);
        });
    }

    @Test
    void anyRangeOfAnEmptyObjectIsUnsatisfiable() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-0", 0)).isInstanceOf(AwsException.class)
                .extracting(e -> ((AwsException) e).code()).isEqualTo("InvalidRange");
        assertThatThrownBy(() -> ByteRange.parse("bytes=-1", 0)).isInstanceOf(AwsException.class)
                .extracting(e -> ((AwsException) e).code()).isEqualTo("InvalidRange");
        // AWS answers 416 for bytes=0- on a 0-byte object (the ranged downloads of SDK transfer managers trip on it)
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0)).isInstanceOf(AwsException.class)
                .extracting(e -> ((AwsException) e).code()).isEqualTo("InvalidRange");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bytes", "bytes=", "bytes=-", "bytes=a-b", "bytes=5-3", "items=0-1", "0-1", "bytes=1-2-3",
        "bytes=0x10-", "bytes=99999999999999999999-", "bytes=--1"})
    void malformedHeadersAreIgnored(String header) {
        assertThat(ByteRange.parse(header, SIZE)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-1,3-4", "bytes=0-1, 5-6", "bytes=-5,0-1", "bytes=0-0,-1"})
    void multipleRangesAreIgnored(String header) {
        assertThat(ByteRange.parse(header, SIZE)).isNull();
    }
}
