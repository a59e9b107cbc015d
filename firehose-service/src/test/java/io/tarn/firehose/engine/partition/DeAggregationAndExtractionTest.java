package io.tarn.firehose.engine.partition;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.wire.ProtoAdapter;
import com.squareup.wire.ProtoWriter;
import io.tarn.core.error.AwsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;

class DeAggregationAndExtractionTest {

    /** A KPL aggregated record, built with the format's protobuf (AggregatedRecord, Record, Tag). */
    static byte[] kplRecord(String... userRecords) throws IOException {
        Buffer message = new Buffer();
        ProtoWriter writer = new ProtoWriter(message);
        ProtoAdapter.STRING.encodeWithTag(writer, 1, "pk-0");              // partition_key_table
        ProtoAdapter.STRING.encodeWithTag(writer, 2, "12345");             // explicit_hash_key_table
        for (String data : userRecords) {
            Buffer record = new Buffer();
            ProtoWriter r = new ProtoWriter(record);
            ProtoAdapter.UINT64.encodeWithTag(r, 1, 0L);                   // partition_key_index
            ProtoAdapter.UINT64.encodeWithTag(r, 2, 0L);                   // explicit_hash_key_index
            ProtoAdapter.BYTES.encodeWithTag(r, 3, ByteString.encodeUtf8(data));
            Buffer tag = new Buffer();
            ProtoWriter t = new ProtoWriter(tag);
            ProtoAdapter.STRING.encodeWithTag(t, 1, "k");
            ProtoAdapter.STRING.encodeWithTag(t, 2, "v");
            ProtoAdapter.BYTES.encodeWithTag(r, 4, tag.readByteString());  // tags
            ProtoAdapter.BYTES.encodeWithTag(writer, 3, record.readByteString());
        }
        byte[] protobuf = message.readByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(KplAggregation.MAGIC);
        out.write(protobuf);
        out.write(KplAggregation.md5(protobuf));
        return out.toByteArray();
    }

    private static List<String> strings(List<byte[]> records) {
        return records.stream().map(b -> new String(b, UTF_8)).toList();
    }

    @Test
    void kplAggregatedRecordsAreOpened() throws Exception {
        byte[] kpl = kplRecord("{\"a\":1}", "{\"a\":2}", "{\"a\":3}");
        assertThat(strings(KplAggregation.userRecords(kpl))).containsExactly("{\"a\":1}", "{\"a\":2}", "{\"a\":3}");
        // a wrong MD5 or no magic: a plain record, kept whole as the KCL does
        byte[] broken = kpl.clone();
        broken[broken.length - 1] ^= 1;
        assertThat(KplAggregation.userRecords(broken)).isNull();
        assertThat(KplAggregation.userRecords("{\"a\":1}".getBytes(UTF_8))).isNull();

        RecordDeAggregation json = RecordDeAggregation.of(Map.of("SubRecordType", "JSON"));
        assertThat(strings(json.split(kplRecord("{\"a\":1}{\"a\":2}", "{\"a\":3}")))).containsExactly("{\"a\":1}", "{\"a\":2}", "{\"a\":3}");
    }

    @Test
    void jsonSubRecordsKeepTheirBytes() throws Exception {
        RecordDeAggregation json = RecordDeAggregation.of(Map.of("SubRecordType", "JSON"));
        assertThat(strings(json.split("{\"a\": {\"b\":[1,2]}}\n{\"a\":\"}{\"}  {\"c\":true}\n".getBytes(UTF_8))))
                .containsExactly("{\"a\": {\"b\":[1,2]}}", "{\"a\":\"}{\"}", "{\"c\":true}");
        assertThatThrownBy(() -> json.split("{\"a\":1} oops".getBytes(UTF_8)))
                .isInstanceOf(RecordDeAggregation.DeAggregationException.class).hasMessage("Non JSON record provided");
        assertThatThrownBy(() -> json.split("[1,2]".getBytes(UTF_8))).isInstanceOf(RecordDeAggregation.DeAggregationException.class);
    }

    @Test
    void delimitedSubRecords() throws Exception {
        RecordDeAggregation delimited = RecordDeAggregation.of(Map.of("SubRecordType", "DELIMITED", "Delimiter", "IyMjIw=="));  // ####
        assertThat(strings(delimited.split("a####b########c####".getBytes(UTF_8)))).containsExactly("a", "b", "c");
        assertThat(strings(delimited.split("plain".getBytes(UTF_8)))).containsExactly("plain");
        assertThatThrownBy(() -> RecordDeAggregation.of(Map.of("SubRecordType", "DELIMITED")))
                .isInstanceOf(AwsException.class).hasMessageContaining("Delimiter");
        assertThatThrownBy(() -> RecordDeAggregation.of(Map.of("SubRecordType", "DELIMITED", "Delimiter", "***")))
                .isInstanceOf(AwsException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> RecordDeAggregation.of(Map.of("SubRecordType", "CSV")))
                .isInstanceOf(AwsException.class).hasMessageContaining("SubRecordType");
    }

    @Test
    void jqExtractsPartitionKeys() throws Exception {
        MetadataExtraction jq = MetadataExtraction.of(Map.of(
                "MetadataExtractionQuery", "{customer_id:.customer_id, device:.type.device, region:(.region|ascii_upcase)}",
                "JsonParsingEngine", "JQ-1.6"));
        byte[] record = ("{\"type\":{\"device\":\"mobile\",\"event\":\"click\"},\"customer_id\":\"1234567890\","
                + "\"event_timestamp\":1565382027,\"region\":\"r\"}").getBytes(UTF_8);
        assertThat(jq.extract(record)).containsExactly(
                Map.entry("customer_id", "1234567890"), Map.entry("device", "mobile"), Map.entry("region", "R"));

        MetadataExtraction numbers = MetadataExtraction.of(Map.of("MetadataExtractionQuery", "{n:.n, b:.b}", "JsonParsingEngine", "JQ-1.6"));
        assertThat(numbers.extract("{\"n\":42,\"b\":true}".getBytes(UTF_8))).containsEntry("n", "42").containsEntry("b", "true");
    }

    @Test
    void recordsWithoutKeysFail() throws Exception {
        MetadataExtraction jq = MetadataExtraction.of(Map.of("MetadataExtractionQuery", "{c:.c}", "JsonParsingEngine", "JQ-1.6"));
        assertThatThrownBy(() -> jq.extract("not json".getBytes(UTF_8)))
                .isInstanceOf(MetadataExtraction.ExtractionException.class).hasMessage("Non JSON record provided");
        assertThatThrownBy(() -> jq.extract("{\"other\":1}".getBytes(UTF_8)))
                .isInstanceOf(MetadataExtraction.ExtractionException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> jq.extract("{\"c\":{\"x\":1}}".getBytes(UTF_8)))
                .isInstanceOf(MetadataExtraction.ExtractionException.class);
        MetadataExtraction notAnObject = MetadataExtraction.of(Map.of("MetadataExtractionQuery", ".c", "JsonParsingEngine", "JQ-1.6"));
        assertThatThrownBy(() -> notAnObject.extract("{\"c\":1}".getBytes(UTF_8))).isInstanceOf(MetadataExtraction.ExtractionException.class);
    }

    @Test
    void badQueriesAreRefusedAtCreation() {
        assertThatThrownBy(() -> MetadataExtraction.of(Map.of("MetadataExtractionQuery", "{c:.c", "JsonParsingEngine", "JQ-1.6")))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidArgumentException"))
                .hasMessageContaining("not a valid JQ-1.6 query");
        assertThatThrownBy(() -> MetadataExtraction.of(Map.of("MetadataExtractionQuery", "{c:.c}", "JsonParsingEngine", "JQ-1.5")))
                .isInstanceOf(AwsException.class).hasMessageContaining("JsonParsingEngine");
        assertThatThrownBy(() -> MetadataExtraction.of(Map.of("JsonParsingEngine", "JQ-1.6")))
                .isInstanceOf(AwsException.class).hasMessageContaining("MetadataExtractionQuery");
        assertThat(Base64.getDecoder().decode("IyMjIw==")).isEqualTo("####".getBytes(UTF_8));
    }
}
