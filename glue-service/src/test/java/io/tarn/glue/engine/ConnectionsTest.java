package io.tarn.glue.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.glue.model.ConnectionDefinition;
import io.tarn.glue.model.ConnectionMeta;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionsTest extends CatalogFixture {

    private static ConnectionDefinition jdbc(String name, List<String> criteria) {
        return new ConnectionDefinition(name, "d", "JDBC", criteria, Map.of("JDBC_CONNECTION_URL", "jdbc:postgresql://h/db",
                "USERNAME", "u", "PASSWORD", "p"), null, null, null, null, null);
    }

    @Test
    void connectionsAreCreatedUpdatedRenamedAndDeleted() {
        ConnectionMeta created = catalog.connections().create(NS, jdbc("Pg", List.of("a")), Map.of("k", "v"), CREATOR);
        assertThat(created.creationTime()).isEqualTo(START);
        assertThat(catalog.connections().get(NS, "Pg").definition().connectionProperties()).containsEntry("PASSWORD", "p");
        assertAws(() -> catalog.connections().get(NS, "pg"), "EntityNotFoundException", "Connection pg not found.");
        assertAws(() -> catalog.connections().create(NS, jdbc("Pg", List.of()), null, CREATOR), "AlreadyExistsException",
                "Connection already exists.");

        clock.advance(Duration.ofMinutes(1));
        ConnectionMeta renamed = catalog.connections().update(NS, "Pg", jdbc("Pg2", List.of("b")), CREATOR);
        assertThat(renamed.creationTime()).isEqualTo(START);
        assertThat(renamed.lastUpdatedTime()).isEqualTo(START.plus(Duration.ofMinutes(1)));
        assertAws(() -> catalog.connections().get(NS, "Pg"), "EntityNotFoundException", "Connection Pg not found.");
        assertThat(catalog.tags().get(NS, "arn:aws:glue:us-east-1:000000000000:connection/Pg2")).containsOnly(Map.entry("k", "v"));

        catalog.connections().delete(NS, "Pg2");
        assertAws(() -> catalog.connections().delete(NS, "Pg2"), "EntityNotFoundException", "Connection Pg2 not found.");
    }

    @Test
    void typeAndRequiredPropertiesAreChecked() {
        assertAws(() -> catalog.connections().create(NS, new ConnectionDefinition("c", null, "JDBC", null, Map.of("USERNAME", "u"),
                null, null, null, null, null), null, CREATOR), "InvalidInputException",
                "Connection property JDBC_CONNECTION_URL is required for connection type JDBC.");
        assertAws(() -> catalog.connections().create(NS, new ConnectionDefinition("c", null, "FTP", null, Map.of(),
                null, null, null, null, null), null, CREATOR), "ValidationException",
                "1 validation error detected: Value 'FTP' at 'connectionInput.connectionType' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [" + String.join(", ", typesHead()) + "]");
        assertAws(() -> catalog.connections().create(NS, new ConnectionDefinition("c", null, "NETWORK", null, null,
                null, null, null, null, null), null, CREATOR), "ValidationException",
                "1 validation error detected: Value null at 'connectionInput.connectionProperties' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    private static List<String> typesHead() {
        try (InputStream in = Connections.class.getResourceAsStream("/io/tarn/glue/connection-types.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void listingsFilterByTypeCriteriaAndSchemaVersionAndPage() {
        catalog.connections().create(NS, jdbc("a", List.of("x", "y")), null, CREATOR);
        catalog.connections().create(NS, jdbc("b", List.of("y")), null, CREATOR);
        catalog.connections().create(NS, new ConnectionDefinition("c", null, "NETWORK", null, Map.of(), Map.of("s", "1"), null,
                null, null, null), null, CREATOR);
        assertThat(catalog.connections().list(NS, "JDBC", null, null, null, 10).items()).extracting(ConnectionMeta::name)
                .containsExactly("a", "b");
        assertThat(catalog.connections().list(NS, null, List.of("x", "y"), null, null, 10).items())
                .extracting(ConnectionMeta::name).containsExactly("a");
        assertThat(catalog.connections().list(NS, null, null, 2, null, 10).items()).extracting(ConnectionMeta::name)
                .containsExactly("c");
        Page<ConnectionMeta> first = catalog.connections().list(NS, null, null, null, null, 2);
        assertThat(first.items()).extracting(ConnectionMeta::name).containsExactly("a", "b");
        assertThat(catalog.connections().list(NS, null, null, null, first.next(), 2).items()).extracting(ConnectionMeta::name)
                .containsExactly("c");
    }
}
