package io.tarn.glue.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tarn.glue.api.shapes.RegistryShapes.SchemaId;
import io.tarn.glue.api.shapes.RegistryShapes.SchemaVersionNumber;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The wire shapes of the Schema Registry's version, validity and version metadata operations. */
public final class SchemaVersionShapes {

    private SchemaVersionShapes() {}

    public record RegisterSchemaVersionInput(
            @JsonProperty("SchemaId") @Nullable SchemaId schemaId,
            @JsonProperty("SchemaDefinition") @Nullable String schemaDefinition) {}

    public record RegisterSchemaVersionOutput(
            @JsonProperty("SchemaVersionId") String schemaVersionId,
            @JsonProperty("VersionNumber") long versionNumber,
            @JsonProperty("Status") String status) {}

    public record GetSchemaVersionInput(
            @JsonProperty("SchemaId") @Nullable SchemaId schemaId,
            @JsonProperty("SchemaVersionId") @Nullable String schemaVersionId,
            @JsonProperty("SchemaVersionNumber") @Nullable SchemaVersionNumber schemaVersionNumber) {}

    public record GetSchemaVersionOutput(
            @JsonProperty("SchemaVersionId") String schemaVersionId,
            @JsonProperty("SchemaDefinition") String schemaDefinition,
            @JsonProperty("DataFormat") String dataFormat,
            @JsonProperty("SchemaArn") String schemaArn,
            @JsonProperty("VersionNumber") long versionNumber,
            @JsonProperty("Status") String status,
            @JsonProperty("CreatedTime") String createdTime) {}

    public record GetSchemaByDefinitionInput(
            @JsonProperty("SchemaId") @Nullable SchemaId schemaId,
            @JsonProperty("SchemaDefinition") @Nullable String schemaDefinition) {}

    public record GetSchemaByDefinitionOutput(
            @JsonProperty("SchemaVersionId") String schemaVersionId,
            @JsonProperty("SchemaArn") String schemaArn,
            @JsonProperty("DataFormat") String dataFormat,
            @JsonProperty("Status") String status,
            @JsonProperty("CreatedTime") String createdTime) {}

    public record ListSchemaVersionsInput(
            @JsonProperty("SchemaId") @Nullable SchemaId schemaId,
            @JsonProperty("MaxResults") @Nullable Integer maxResults,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record SchemaVersionListItem(
            @JsonProperty("SchemaArn") String schemaArn,
            @JsonProperty("SchemaVersionId") String schemaVersionId,
            @JsonProperty("VersionNumber") long versionNumber,
            @JsonProperty("Status") String status,
            @JsonProperty("CreatedTime") String createdTime) {}

    public record ListSchemaVersionsOutput(
            @JsonProperty("Schemas") List<SchemaVersionListItem> schemas,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record DeleteSchemaVersionsInput(
            @JsonProperty("SchemaId") @Nullable SchemaId schemaId,
            @JsonProperty("Versions") @Nullable String versions) {}

    public record ErrorDetails(
            @JsonProperty("ErrorCode") String errorCode,
            @JsonProperty("ErrorMessage") String errorMessage) {}

    public record SchemaVersionErrorItem(
            @JsonProperty("VersionNumber") long versionNumber,
            @JsonProperty("ErrorDetails") ErrorDetails errorDetails) {}

    public record DeleteSchemaVersionsOutput(
            @JsonProperty("SchemaVersionErrors") List<SchemaVersionErrorItem> schemaVersionErrors) {}

    public record CheckSchemaVersionValidityInput(
            @JsonProperty("DataFormat") @Nullable String dataFormat,
            @JsonProperty("SchemaDefinition") @Nullable String schemaDefinition) {}

    public record CheckSchemaVersionValidityOutput(
            @JsonProperty("Valid") boolean valid,
            @JsonProperty("Error") @Nullable String error) {}

    public record MetadataKeyValuePair(
            @JsonProperty("MetadataKey") @Nullable String metadataKey,
            @JsonProperty("MetadataValue") @Nullable String metadataValue) {}

    /** The input of PutSchemaVersionMetadata and RemoveSchemaVersionMetadata. */
    public record SchemaVersionMetadataInput(
            @JsonProperty("SchemaId") @Nullable SchemaId schemaId,
            @JsonProperty("SchemaVersionNumber") @Nullable SchemaVersionNumber schemaVersionNumber,
            @JsonProperty("SchemaVersionId") @Nullable String schemaVersionId,
            @JsonProperty("MetadataKeyValue") @Nullable MetadataKeyValuePair metadataKeyValue) {}

    /** The output of PutSchemaVersionMetadata and RemoveSchemaVersionMetadata. */
    public record SchemaVersionMetadataOutput(
            @JsonProperty("SchemaArn") String schemaArn,
            @JsonProperty("SchemaName") String schemaName,
            @JsonProperty("RegistryName") String registryName,
            @JsonProperty("LatestVersion") boolean latestVersion,
            @JsonProperty("VersionNumber") long versionNumber,
            @JsonProperty("SchemaVersionId") String schemaVersionId,
            @JsonProperty("MetadataKey") String metadataKey,
            @JsonProperty("MetadataValue") String metadataValue) {}

    public record QuerySchemaVersionMetadataInput(
            @JsonProperty("SchemaId") @Nullable SchemaId schemaId,
            @JsonProperty("SchemaVersionNumber") @Nullable SchemaVersionNumber schemaVersionNumber,
            @JsonProperty("SchemaVersionId") @Nullable String schemaVersionId,
            @JsonProperty("MetadataList") @Nullable List<MetadataKeyValuePair> metadataList,
            @JsonProperty("MaxResults") @Nullable Integer maxResults,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record OtherMetadataValueListItem(
            @JsonProperty("MetadataValue") String metadataValue,
            @JsonProperty("CreatedTime") String createdTime) {}

    public record MetadataInfo(
            @JsonProperty("MetadataValue") String metadataValue,
            @JsonProperty("CreatedTime") String createdTime,
            @JsonProperty("OtherMetadataValueList") @Nullable List<OtherMetadataValueListItem> otherMetadataValueList) {}

    public record QuerySchemaVersionMetadataOutput(
            @JsonProperty("MetadataInfoMap") Map<String, MetadataInfo> metadataInfoMap,
            @JsonProperty("SchemaVersionId") String schemaVersionId,
            @JsonProperty("NextToken") @Nullable String nextToken) {}
}
