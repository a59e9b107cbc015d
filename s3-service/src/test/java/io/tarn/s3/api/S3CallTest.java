package io.tarn.s3.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class S3CallTest {

    private static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void isoDatesHaveMillisecondsAndMatchTheFormatter() {
        assertThat(S3Call.isoDate(Instant.parse("2026-12-05T07:08:09.012345678Z"))).isEqualTo("2026-12-05T07:08:09.012Z");
        assertThat(S3Call.isoDate(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_402_300_799L), random.nextInt(1_000_000_000));
            assertThat(S3Call.isoDate(at)).isEqualTo(REFERENCE.format(at));
        }
    }
}
