package io.tarn.glue.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.glue.model.ConnectionDefinition;
import io.tarn.glue.model.ConnectionMeta;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** The wire shapes of the connection operations, with Glue's member names. */
public final class ConnectionShapes {

    private ConnectionShapes() {}

    public record CreateConnectionInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("ConnectionInput") @Nullable ConnectionDefinition connectionInput,
            @JsonProperty("Tags") @Nullable Map<String, String> tags) {}

    public record CreateConnectionOutput(@JsonProperty("CreateConnectionStatus") String createConnectionStatus) {}

    public record GetConnectionInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("HidePassword") @Nullable Boolean hidePassword) {}

    public record GetConnectionOutput(@JsonProperty("Connection") Connection connection) {}

    public record ConnectionsFilter(
            @JsonProperty("MatchCriteria") @Nullable List<String> matchCriteria,
            @JsonProperty("ConnectionType") @Nullable String connectionType,
            @JsonProperty("ConnectionSchemaVersion") @Nullable Integer connectionSchemaVersion) {}

    public record GetConnectionsInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("Filter") @Nullable ConnectionsFilter filter,
            @JsonProperty("HidePassword") @Nullable Boolean hidePassword,
            @JsonProperty("NextToken") @Nullable String nextToken,
            @JsonProperty("MaxResults") @Nullable Integer maxResults) {}

    public record GetConnectionsOutput(
            @JsonProperty("ConnectionList") List<Connection> connectionList,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record UpdateConnectionInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("ConnectionInput") @Nullable ConnectionDefinition connectionInput) {}

    public record DeleteConnectionInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("ConnectionName") @Nullable String connectionName) {}

    public record BatchDeleteConnectionInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("ConnectionNameList") @Nullable List<String> connectionNameList) {}

    public record BatchDeleteConnectionOutput(
            @JsonProperty("Succeeded") List<String> succeeded,
            @JsonProperty("Errors") Map<String, TableShapes.ErrorDetail> errors) {}

    /** Glue's Connection: the stored definition with its times and status. */
    public record Connection(
            @JsonProperty("Name") String name,
            @JsonProperty("Description") @Nullable String description,
            @JsonProperty("ConnectionType") String connectionType,
            @JsonProperty("MatchCriteria") @Nullable List<String> matchCriteria,
            @JsonProperty("ConnectionProperties") Map<String, String> connectionProperties,
            @JsonProperty("SparkProperties") @Nullable Map<String, String> sparkProperties,
            @JsonProperty("AthenaProperties") @Nullable Map<String, String> athenaProperties,
            @JsonProperty("PythonProperties") @Nullable Map<String, String> pythonProperties,
            @JsonProperty("PhysicalConnectionRequirements") @Nullable JsonNode physicalConnectionRequirements,
            @JsonProperty("CreationTime") Instant creationTime,
            @JsonProperty("LastUpdatedTime") Instant lastUpdatedTime,
            @JsonProperty("LastUpdatedBy") String lastUpdatedBy,
            @JsonProperty("Status") String status,
            @JsonProperty("AuthenticationConfiguration") @Nullable JsonNode authenticationConfiguration,
            @JsonProperty("ConnectionSchemaVersion") int connectionSchemaVersion) {

        /** The connection as GetConnection answers it; without its PASSWORD property when {@code hidePassword}. */
        public static Connection of(ConnectionMeta c, boolean hidePassword) {
            ConnectionDefinition d = c.definition();
            Map<String, String> properties = new TreeMap<>(d.connectionProperties() == null ? Map.of() : d.connectionProperties());
            if (hidePassword) {
                properties.remove("PASSWORD");
            }
            return new Connection(d.name(), d.description(), d.connectionType(), d.matchCriteria(), properties,
                    d.sparkProperties(), d.athenaProperties(), d.pythonProperties(), d.physicalConnectionRequirements(),
                    c.creationTime(), c.lastUpdatedTime(), c.lastUpdatedBy(), "READY", authentication(d.authenticationConfiguration()),
                    d.schemaVersion());
        }

        /**
         * AuthenticationConfiguration as AWS answers it: the input's credentials (BasicAuthenticationCredentials,
         * CustomAuthenticationCredentials), which the output shape does not have, are never returned.
         */
        private static @Nullable JsonNode authentication(@Nullable JsonNode input) {
            if (input == null || !input.isObject()) {
                return input;
            }
            ObjectNode out = ((ObjectNode) input).deepCopy();
            out.remove(List.of("BasicAuthenticationCredentials", "CustomAuthenticationCredentials"));
            return out;
        }
    }
}
