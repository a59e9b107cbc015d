package io.tarn.it.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.schemaregistry.deserializers.GlueSchemaRegistryKafkaDeserializer;
import com.amazonaws.services.schemaregistry.serializers.GlueSchemaRegistryKafkaSerializer;
import com.amazonaws.services.schemaregistry.utils.AWSSchemaRegistryConstants;
import com.amazonaws.services.schemaregistry.utils.AvroRecordType;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Compatibility;
import software.amazon.awssdk.services.glue.model.SchemaId;
import software.amazon.awssdk.services.glue.model.SchemaVersionListItem;

/**
 * The real client: the AWS Glue Schema Registry serde library (its Kafka serializer and deserializer)
 * auto-registers Avro schemas in Tarn, evolves them, and resolves the schema version id carried in
 * each record to read it back.
 */
@ExtendWith(TarnServerExtension.class)
class GlueSchemaRegistrySerdeIT {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private static final Schema V1 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"io.tarn.it\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"item\",\"type\":\"string\"}]}");
    private static final Schema V2 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"io.tarn.it\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"item\",\"type\":\"string\"},"
            + "{\"name\":\"quantity\",\"type\":\"int\",\"default\":1}]}");
    /** A required field without default: not BACKWARD compatible with V2. */
    private static final Schema V3 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"io.tarn.it\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"price\",\"type\":\"double\"}]}");

    private static Map<String, Object> config(URI endpoint, String registry, String schemaName) {
        return Map.of(
                AWSSchemaRegistryConstants.AWS_ENDPOINT, endpoint.toString(),
                AWSSchemaRegistryConstants.AWS_REGION, "us-east-1",
                AWSSchemaRegistryConstants.DATA_FORMAT, "AVRO",
                AWSSchemaRegistryConstants.REGISTRY_NAME, registry,
                AWSSchemaRegistryConstants.SCHEMA_NAME, schemaName,
                AWSSchemaRegistryConstants.SCHEMA_AUTO_REGISTRATION_SETTING, true,
                AWSSchemaRegistryConstants.COMPATIBILITY_SETTING, Compatibility.BACKWARD,
                AWSSchemaRegistryConstants.AVRO_RECORD_TYPE, AvroRecordType.GENERIC_RECORD.getName());
    }

    /** The schema version id the library writes after its header byte and compression byte. */
    private static UUID versionId(byte[] record) {
        ByteBuffer buffer = ByteBuffer.wrap(record, 2, 16);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static GenericRecord order(Schema schema, long id, String field, Object value) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("id", id);
        record.put(field, value);
        return record;
    }

    @Test
    void theSerdeLibraryRegistersEvolvesAndResolvesAvroSchemasInTheDefaultRegistry(URI endpoint, GlueClient glue) {
        Map<String, Object> config = config(endpoint, "default-registry", "it-serde-orders");
        byte[] first;
        byte[] second;
        try (GlueSchemaRegistryKafkaSerializer serializer = new GlueSchemaRegistryKafkaSerializer(CREDENTIALS, config)) {
            first = serializer.serialize("orders", order(V1, 1, "item", "apple"));
            UUID firstVersion = versionId(first);
            GenericRecord evolved = order(V2, 2, "item", "pear");
            evolved.put("quantity", 3);
            second = serializer.serialize("orders", evolved);
            UUID secondVersion = versionId(second);
            assertThat(secondVersion).isNotEqualTo(firstVersion);

            // the library created the schema (and Tarn the default registry) on first use, then registered v2
            SchemaId id = SchemaId.builder().registryName("default-registry").schemaName("it-serde-orders").build();
            assertThat(glue.getSchema(b -> b.schemaId(id)).compatibility()).isEqualTo(Compatibility.BACKWARD);
            assertThat(glue.listSchemaVersions(b -> b.schemaId(id)).schemas())
                    .extracting(SchemaVersionListItem::schemaVersionId, SchemaVersionListItem::statusAsString)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(firstVersion.toString(), "AVAILABLE"),
                            org.assertj.core.groups.Tuple.tuple(secondVersion.toString(), "AVAILABLE"));

            // an incompatible evolution ends as FAILURE in Tarn, and the library refuses to serialise with it
            assertThatThrownBy(() -> serializer.serialize("orders", order(V3, 3, "price", 9.5)))
                    .hasStackTraceContaining("FAILURE");
        }

        try (GlueSchemaRegistryKafkaDeserializer deserializer = new GlueSchemaRegistryKafkaDeserializer(CREDENTIALS, config)) {
            GenericRecord read1 = (GenericRecord) deserializer.deserialize("orders", first);
            assertThat(read1.getSchema()).isEqualTo(V1);
            assertThat(read1.get("id")).isEqualTo(1L);
            assertThat(read1.get("item").toString()).isEqualTo("apple");
            GenericRecord read2 = (GenericRecord) deserializer.deserialize("orders", second);
            assertThat(read2.getSchema()).isEqualTo(V2);
            assertThat(read2.get("quantity")).isEqualTo(3);
        }
    }

    @Test
    void aSecondProducerFindsTheRegisteredVersionByDefinition(URI endpoint, GlueClient glue) {
        glue.createRegistry(b -> b.registryName("it-serde"));
        Map<String, Object> config = config(endpoint, "it-serde", "it-serde-shared");
        UUID registered;
        try (GlueSchemaRegistryKafkaSerializer producer = new GlueSchemaRegistryKafkaSerializer(CREDENTIALS, config)) {
            registered = versionId(producer.serialize("t", order(V1, 1, "item", "a")));
        }
        try (GlueSchemaRegistryKafkaSerializer another = new GlueSchemaRegistryKafkaSerializer(CREDENTIALS, config)) {
            byte[] bytes = another.serialize("t", order(V1, 2, "item", "b"));
            assertThat(versionId(bytes)).isEqualTo(registered);
            try (GlueSchemaRegistryKafkaDeserializer consumer = new GlueSchemaRegistryKafkaDeserializer(CREDENTIALS, config)) {
                assertThat(((GenericRecord) consumer.deserialize("t", bytes)).get("id")).isEqualTo(2L);
            }
        }
        assertThat(glue.listSchemaVersions(b -> b.schemaId(s -> s.registryName("it-serde").schemaName("it-serde-shared")))
                .schemas()).hasSize(1);
    }
}
