package io.tarn.glue.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.glue.model.DatabaseMeta;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The wire shapes of the database operations, with Glue's member names. */
public final class DatabaseShapes {

    private DatabaseShapes() {}

    public record CreateDatabaseInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseInput") @Nullable DatabaseMeta databaseInput,
            @JsonProperty("Tags") @Nullable Map<String, String> tags) {}

    public record GetDatabaseInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("Name") @Nullable String name) {}

    public record GetDatabasesInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("NextToken") @Nullable String nextToken,
            @JsonProperty("MaxResults") @Nullable Integer maxResults,
            @JsonProperty("ResourceShareType") @Nullable String resourceShareType) {}

    public record UpdateDatabaseInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("Name") @Nullable String name,
            @JsonProperty("DatabaseInput") @Nullable DatabaseMeta databaseInput) {}

    public record DeleteDatabaseInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("Name") @Nullable String name) {}

    /** Glue's Database: the stored database with the catalog it belongs to. */
    public record Database(
            @JsonProperty("Name") String name,
            @JsonProperty("Description") @Nullable String description,
            @JsonProperty("LocationUri") @Nullable String locationUri,
            @JsonProperty("Parameters") @Nullable Map<String, String> parameters,
            @JsonProperty("CreateTime") Instant createTime,
            @JsonProperty("CreateTableDefaultPermissions") @Nullable JsonNode createTableDefaultPermissions,
            @JsonProperty("TargetDatabase") @Nullable JsonNode targetDatabase,
            @JsonProperty("CatalogId") String catalogId,
            @JsonProperty("FederatedDatabase") @Nullable JsonNode federatedDatabase) {

        public static Database of(DatabaseMeta db, String catalogId) {
            return new Database(db.name(), db.description(), db.locationUri(), db.parameters(), db.createTime(),
                    db.createTableDefaultPermissions(), db.targetDatabase(), catalogId, db.federatedDatabase());
        }
    }

    public record GetDatabaseOutput(@JsonProperty("Database") Database database) {}

    public record GetDatabasesOutput(
            @JsonProperty("DatabaseList") List<Database> databaseList,
            @JsonProperty("NextToken") @Nullable String nextToken) {}
}
