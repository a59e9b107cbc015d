package io.tarn.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tarn.core.error.AwsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tarn.core.protocol.json.AwsJsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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

    record Blob(@JsonProperty("Data") byte[] data) {}

    @Test
    void base64BlobsDecodeAsJacksonDecodesThem() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        ObjectMapper stock = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        for (int length = 0; length < 300; length++) {
            byte[] data = new byte[length];
            for (int i = 0; i < length; i++) {
                data[i] = (byte) random.nextInt(256);
            }
            String b64 = java.util.Base64.getEncoder().encodeToString(data);
            texts.add(b64);
            assertThat(AwsJsonCodec.decode(("{\"Data\":\"" + b64 + "\"}").getBytes(StandardCharsets.UTF_8), Blob.class, JSON).data())
                    .isEqualTo(data);
            // what the fast path leaves to Jackson: escaped slashes, no padding, line breaks, spaces, URL-safe letters
            texts.add(b64.replace("/", "\\/"));
            texts.add(b64.replace("=", ""));
            texts.add(b64.length() > 8 ? b64.substring(0, 4) + "\\n" + b64.substring(4) : b64 + "\\n");
            texts.add(b64.length() > 8 ? b64.substring(0, 4) + " " + b64.substring(4) : " " + b64);
            texts.add(b64.replace('+', '-').replace('/', '_'));
        }
        texts.addAll(List.of("=", "==", "A===", "QQ==QQ==", "QQ=A", "\\u0051Q==", "éAAA"));
        for (String text : texts) {
            byte[] body = ("{\"Data\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
            byte[] expected;
            try {
                expected = stock.readValue(body, Blob.class).data();
            } catch (Exception refused) {
                assertThatThrownBy(() -> AwsJsonCodec.decode(body, Blob.class, JSON)).as(text)
                        .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("SerializationException"));
                continue;
            }
            assertThat(AwsJsonCodec.decode(body, Blob.class, JSON).data()).as(text).isEqualTo(expected);
        }
        assertThat(AwsJsonCodec.decode("{\"Data\":null}".getBytes(StandardCharsets.UTF_8), Blob.class, JSON).data()).isNull();
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

    /** The digit-by-digit timestamps write exactly what Jackson's own serializer wrote before them. */
    @Test
    void timestampsAreWrittenAsTheStockSerializerWritesThem() throws Exception {
        ObjectMapper stock = JsonMapper.builder().addModule(new JavaTimeModule())
                .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
                .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL).build();
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.ofEpochSecond(1), Instant.ofEpochSecond(0, 1),
                Instant.ofEpochSecond(-1, 500), Instant.ofEpochSecond(1_700_000_000), Instant.ofEpochSecond(1_700_000_000, 999_999_999),
                Instant.ofEpochSecond(1_700_000_000, 100), Instant.MAX, Instant.MIN));
        SplittableRandom random = new SplittableRandom(14);
        for (int i = 0; i < 10_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-10_000_000_000L, 100_000_000_000L), random.nextInt(1_000_000_000)));
            instants.add(Instant.ofEpochMilli(random.nextLong(0, 4_000_000_000_000L)));
        }
        for (Instant when : instants) {
            Shape shape = new Shape(null, null, null, when);
            assertThat(new String(AwsJsonCodec.encode(shape, JSON), StandardCharsets.UTF_8)).as(when.toString())
                    .isEqualTo(stock.writeValueAsString(shape));
        }
    }

    /** Answers larger than the thread's kept buffer, and the small one after, come out whole. */
    @Test
    void largeAnswersAndTheNextAnswerAreWhole() throws Exception {
        String big = "x".repeat(3 << 20);
        byte[] large = AwsJsonCodec.encode(Map.of("Name", big), JSON);
        assertThat(new String(large, StandardCharsets.UTF_8)).isEqualTo("{\"Name\":\"" + big + "\"}");
        assertThat(new String(AwsJsonCodec.encode(Map.of("Name", "n"), JSON), StandardCharsets.UTF_8)).isEqualTo("{\"Name\":\"n\"}");
    }
}
