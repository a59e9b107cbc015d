package io.tarn.it.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.TarnServerExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The in-process DynamoDB Local that KCL tests keep their lease tables in starts and serves. */
class DynamoDbLocalSmokeIT {

    @Test
    void createsTablePutsAndGetsAnItem() {
        try (DynamoDbLocal ddb = timedStart()) {
            assertThat(ddb.endpoint().getHost()).isEqualTo("127.0.0.1");
            try (DynamoDbClient client = TarnServerExtension.client(DynamoDbClient.class, ddb.endpoint())) {
                client.createTable(b -> b.tableName("smoke")
                        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST));
                client.waiter().waitUntilTableExists(b -> b.tableName("smoke"));
                client.putItem(b -> b.tableName("smoke").item(Map.of(
                        "pk", AttributeValue.fromS("k1"),
                        "n", AttributeValue.fromN("42"))));
                GetItemResponse got = client.getItem(b -> b.tableName("smoke").key(Map.of("pk", AttributeValue.fromS("k1"))).consistentRead(true));
                assertThat(got.item()).containsEntry("n", AttributeValue.fromN("42"));
                assertThat(client.listTables().tableNames()).containsExactly("smoke");
            }
        }
    }

    @Test
    void eachInstanceIsFreshAndOnItsOwnPort() {
        try (DynamoDbLocal a = timedStart(); DynamoDbLocal b = timedStart()) {
            assertThat(a.endpoint().getPort()).isNotEqualTo(b.endpoint().getPort());
            try (DynamoDbClient client = TarnServerExtension.client(DynamoDbClient.class, b.endpoint())) {
                assertThat(client.listTables().tableNames()).isEmpty();
            }
        }
    }

    /** Starts one and reports how long it took to listen and to answer a first request. */
    private static DynamoDbLocal timedStart() {
        long t0 = System.nanoTime();
        DynamoDbLocal ddb = DynamoDbLocal.start();
        long listening = System.nanoTime();
        try (DynamoDbClient client = TarnServerExtension.client(DynamoDbClient.class, ddb.endpoint())) {
            client.listTables();
        }
        long answered = System.nanoTime();
        System.out.printf("DynamoDB Local at %s: listening after %d ms, first ListTables answered after %d ms more%n",
                ddb.endpoint(), (listening - t0) / 1_000_000, (answered - listening) / 1_000_000);
        return ddb;
    }
}
