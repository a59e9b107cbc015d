package io.tarn.core.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;
import java.io.IOException;
import java.time.Instant;

/**
 * awsJson's timestamps, epoch seconds with nine fraction digits ({@code 1733400000.123000000}), written
 * digit by digit. The stock serializer builds that text, parses it into a BigDecimal and prints the
 * BigDecimal again (13% of a GetPartitions server's JFR samples, 1,000 partitions a page). The text is the same
 * (a test compares the two); anything else (a {@code @JsonFormat}, an instant before 1970) goes the stock way.
 */
final class EpochSecondsInstantSerializer extends InstantSerializer {

    private static final long serialVersionUID = 1L;
    private static final int FRACTION_DIGITS = 9;

    EpochSecondsInstantSerializer() {
        super();
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        long seconds = value.getEpochSecond();
        if (seconds <= 0 || !useTimestamp(provider) || !useNanoseconds(provider)) {
            super.serialize(value, gen, provider);
            return;
        }
        char[] text = new char[20 + 1 + FRACTION_DIGITS];
        int end = text.length;
        int nanos = value.getNano();
        for (int i = 0; i < FRACTION_DIGITS; i++) {
            text[--end] = (char) ('0' + nanos % 10);
            nanos /= 10;
        }
        text[--end] = '.';
        do {
            text[--end] = (char) ('0' + seconds % 10);
            seconds /= 10;
        } while (seconds > 0);
        gen.writeNumber(text, end, text.length - end);
    }
}
