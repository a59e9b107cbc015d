package io.tarn.glue.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.glue.model.FunctionDefinition;
import io.tarn.glue.model.FunctionMeta;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The wire shapes of the user-defined function operations, with Glue's member names. */
public final class FunctionShapes {

    private FunctionShapes() {}

    public record CreateUserDefinedFunctionInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("FunctionInput") @Nullable FunctionDefinition functionInput) {}

    public record GetUserDefinedFunctionInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("FunctionName") @Nullable String functionName) {}

    public record GetUserDefinedFunctionOutput(@JsonProperty("UserDefinedFunction") UserDefinedFunction userDefinedFunction) {}

    public record GetUserDefinedFunctionsInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("Pattern") @Nullable String pattern,
            @JsonProperty("FunctionType") @Nullable String functionType,
            @JsonProperty("NextToken") @Nullable String nextToken,
            @JsonProperty("MaxResults") @Nullable Integer maxResults) {}

    public record GetUserDefinedFunctionsOutput(
            @JsonProperty("UserDefinedFunctions") List<UserDefinedFunction> userDefinedFunctions,
            @JsonProperty("NextToken") @Nullable String nextToken) {}

    public record UpdateUserDefinedFunctionInput(
            @JsonProperty("CatalogId") @Nullable String catalogId,
            @JsonProperty("DatabaseName") @Nullable String databaseName,
            @JsonProperty("FunctionName") @Nullable String functionName,
            @JsonProperty("FunctionInput") @Nullable FunctionDefinition functionInput) {}

    /** Glue's UserDefinedFunction: the stored definition with its database, catalog and creation time. */
    public record UserDefinedFunction(
            @JsonProperty("FunctionName") String functionName,
            @JsonProperty("DatabaseName") String databaseName,
            @JsonProperty("ClassName") @Nullable String className,
            @JsonProperty("OwnerName") @Nullable String ownerName,
            @JsonProperty("FunctionType") @Nullable String functionType,
            @JsonProperty("OwnerType") @Nullable String ownerType,
            @JsonProperty("CreateTime") Instant createTime,
            @JsonProperty("ResourceUris") @Nullable JsonNode resourceUris,
            @JsonProperty("CatalogId") String catalogId) {

        public static UserDefinedFunction of(FunctionMeta f, String catalogId) {
            FunctionDefinition d = f.definition();
            return new UserDefinedFunction(f.name(), f.database(), d.className(), d.ownerName(), d.functionType(), d.ownerType(),
                    f.createTime(), d.resourceUris(), catalogId);
        }
    }
}
