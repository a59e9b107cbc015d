package io.tarn.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tarn.core.error.AwsException;
import io.tarn.core.protocol.json.AwsJsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsJsonCodecTest {

    record Shape(@JsonProperty("Name") String name, @JsonProperty("Data") byte[] data,
            @JsonProperty("Limit") Integer limit, @JsonProperty("When") Instant when) {}

    private static final String JSON = AwsJsonCodec.JSON_1_1;

    @Test
    void decodesWireNamesBase64AndEpochSeconds() {
        Shape s = AwsJsonCodec.decode("{\"Name\":\"n\",\"Data\":\"aGk=\",\"Limit\":5,\"When\":1700000000.5,\"New\":1}"
                .getBytes(StandardCharsets.UTF_8), Shape.class, JSON);
        assertThat(s.name()).isEqualTo("n");
        assertThat(s.data()).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
        assertThat(s.limit()).isEqualTo(5);
        assertThat(s.when()).isEqualTo(Instant.ofEpochSecond(1_700_000_000, 500_000_000));
    }

    @Test
    void encodesTimestampsAsEpochSecondsAndOmitsNulls() {
        String out = new String(AwsJsonCodec.encode(new Shape("n", null, null, Instant.ofEpochSecond(1_700_000_000)), JSON),
                StandardCharsets.UTF_8);
        assertThat(out).startsWith("{\"Name\":\"n\",\"When\":1700000000").doesNotContain("Data").doesNotContain("null");
    }

    @Test
    void malformedInputIsASerializationException() {
        for (String body : new String[] {"{", "[1]", "{\"Limit\":\"5\"}", "{\"Name\":42}", "{\"Name\":true}", "{\"Data\":\"***\"}", "null"}) {
            assertThatThrownBy(() -> AwsJsonCodec.decode(body.getBytes(StandardCharsets.UTF_8), Shape.class, JSON))
                    .as(body)
                    .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("SerializationException"));
        }
    }

    @Test
    void emptyBodyIsAnEmptyStructure() {
        assertThat(AwsJsonCodec.decode(new byte[0], Shape.class, JSON).name()).isNull();
        assertThat(AwsJsonCodec.decode(new byte[0], Shape.class, AwsJsonCodec.CBOR_1_1).name()).isNull();
    }

    @Test
    void cborRoundTrip() {
        byte[] cbor = AwsJsonCodec.encode(Map.of("Name", "n", "Data", new byte[] {1, 2}), AwsJsonCodec.CBOR_1_1);
        Shape s = AwsJsonCodec.decode(cbor, Shape.class, AwsJsonCodec.CBOR_1_1);
        assertThat(s.data()).containsExactly(1, 2);
    }
}
