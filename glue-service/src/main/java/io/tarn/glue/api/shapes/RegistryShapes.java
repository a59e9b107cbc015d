package io.tarn.glue.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The wire shapes of the Schema Registry's registry and schema operations, with Glue's member names.
 * Its CreatedTime and UpdatedTime are strings in the model (ISO-8601), not epoch timestamps.
 */
public final class RegistryShapes {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private RegistryShapes() {}

    /** A registry timestamp as AWS writes it, e.g. {@code 2024-01-01T00:00:00.000Z}. */
    public static String timestamp(Instant at) {
        return TIMESTAMP.format(at);
    }

    public record RegistryId(
            @JsonProperty("RegistryName") @Nullable String registryName,
            @JsonProperty("RegistryArn") @Nullable String registryArn) {}

    public record SchemaId(
            @JsonProperty("SchemaArn") @Nullable String schemaArn,
            @JsonProperty("SchemaName") @Nullable String schemaName,
            @JsonProperty("RegistryName") @Nullable String registryName) {}

    public record SchemaVersionNumber(
            @JsonProperty("LatestVersion") @Nullable Boolean latestVersion,
            @JsonProperty("VersionNumber") @Nullable Long versionNumber) {}

    public record CreateRegistryInput(
            @JsonProperty("RegistryName") @Nullable String registryName,
            @JsonProperty("Description") @Nullable String description,
            @JsonProperty("Tags") @Nullable Map<String, String> tags) {}

    public record CreateRegistryOutput(
            @JsonProperty("RegistryArn") String registryArn,
            @JsonProperty("RegistryName") String registryName,
            @JsonProperty("Description") @Nullable String description,
            @JsonProperty("Tags") @Nullable Map<String, String> tags) {}

    public record RegistryIdInput(@JsonProperty("RegistryId") @Nullable RegistryId registryId) {}

    public record GetRegistryOutput(
            @JsonProperty("RegistryName") String registryName,
            @JsonProperty("RegistryArn") String registryArn,
            @JsonProperty("Description") @Nullable String description,
            @JsonProperty("Status") String status,
            @JsonProperty("CreatedTime") String createdTime,
            @JsonProperty("UpdatedTime") String updatedTime) {}

    public record ListRegistriesInput(
            @JsonProperty("MaxResults") @Nullable Integer maxResults,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record ListRegistriesOutput(
            @JsonProperty("Registries") List<GetRegistryOutput> registries,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record UpdateRegistryInput(
            @JsonProperty("RegistryId") @Nullable RegistryId registryId,
            @JsonProperty("Description") @Nullable String description) {}

    public record RegistryNameArn(
            @JsonProperty("RegistryName") String registryName,
            @JsonProperty("RegistryArn") String registryArn) {}

    public record DeleteRegistryOutput(
            @JsonProperty("RegistryName") String registryName,
            @JsonProperty("RegistryArn") String registryArn,
            @JsonProperty("Status") String status) {}

    public record CreateSchemaInput(
            @JsonProperty("RegistryId") @Nullable RegistryId registryId,
            @JsonProperty("SchemaName") @Nullable String schemaName,
            @JsonProperty("DataFormat") @Nullable String dataFormat,
            @JsonProperty("Compatibility") @Nullable String compatibility,
            @JsonProperty("Description") @Nullable String description,
            @JsonProperty("Tags") @Nullable Map<String, String> tags,
            @JsonProperty("SchemaDefinition") @Nullable String schemaDefinition) {}

    public record CreateSchemaOutput(
            @JsonProperty("RegistryName") String registryName,
            @JsonProperty("RegistryArn") String registryArn,
            @JsonProperty("SchemaName") String schemaName,
            @JsonProperty("SchemaArn") String schemaArn,
            @JsonProperty("Description") @Nullable String description,
            @JsonProperty("DataFormat") String dataFormat,
            @JsonProperty("Compatibility") String compatibility,
            @JsonProperty("SchemaCheckpoint") @Nullable Long schemaCheckpoint,
            @JsonProperty("LatestSchemaVersion") @Nullable Long latestSchemaVersion,
            @JsonProperty("NextSchemaVersion") Long nextSchemaVersion,
            @JsonProperty("SchemaStatus") String schemaStatus,
            @JsonProperty("Tags") @Nullable Map<String, String> tags,
            @JsonProperty("SchemaVersionId") @Nullable String schemaVersionId,
            @JsonProperty("SchemaVersionStatus") @Nullable String schemaVersionStatus) {}

    public record SchemaIdInput(@JsonProperty("SchemaId") @Nullable SchemaId schemaId) {}

    public record GetSchemaOutput(
            @JsonProperty("RegistryName") String registryName,
            @JsonProperty("RegistryArn") String registryArn,
            @JsonProperty("SchemaName") String schemaName,
            @JsonProperty("SchemaArn") String schemaArn,
            @JsonProperty("Description") @Nullable String description,
            @JsonProperty("DataFormat") String dataFormat,
            @JsonProperty("Compatibility") String compatibility,
            @JsonProperty("SchemaCheckpoint") @Nullable Long schemaCheckpoint,
            @JsonProperty("LatestSchemaVersion") @Nullable Long latestSchemaVersion,
            @JsonProperty("NextSchemaVersion") Long nextSchemaVersion,
            @JsonProperty("SchemaStatus") String schemaStatus,
            @JsonProperty("CreatedTime") String createdTime,
            @JsonProperty("UpdatedTime") String updatedTime) {}

    public record ListSchemasInput(
            @JsonProperty("RegistryId") @Nullable RegistryId registryId,
            @JsonProperty("MaxResults") @Nullable Integer maxResults,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record SchemaListItem(
            @JsonProperty("RegistryName") String registryName,
            @JsonProperty("SchemaName") String schemaName,
            @JsonProperty("SchemaArn") String schemaArn,
            @JsonProperty("Description") @Nullable String description,
            @JsonProperty("SchemaStatus") String schemaStatus,
            @JsonProperty("CreatedTime") String createdTime,
            @JsonProperty("UpdatedTime") String updatedTime) {}

    public record ListSchemasOutput(
            @JsonProperty("Schemas") List<SchemaListItem> schemas,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record UpdateSchemaInput(
            @JsonProperty("SchemaId") @Nullable SchemaId schemaId,
            @JsonProperty("SchemaVersionNumber") @Nullable SchemaVersionNumber schemaVersionNumber,
            @JsonProperty("Compatibility") @Nullable String compatibility,
            @JsonProperty("Description") @Nullable String description) {}

    public record SchemaNames(
            @JsonProperty("SchemaArn") String schemaArn,
            @JsonProperty("SchemaName") String schemaName,
            @JsonProperty("RegistryName") String registryName) {}

    public record DeleteSchemaOutput(
            @JsonProperty("SchemaArn") String schemaArn,
            @JsonProperty("SchemaName") String schemaName,
            @JsonProperty("Status") String status) {}
}
