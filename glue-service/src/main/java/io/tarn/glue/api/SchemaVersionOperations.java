package io.tarn.glue.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.api.shapes.RegistryShapes;
import io.tarn.glue.api.shapes.SchemaVersionShapes.CheckSchemaVersionValidityInput;
import io.tarn.glue.api.shapes.SchemaVersionShapes.CheckSchemaVersionValidityOutput;
import io.tarn.glue.api.shapes.SchemaVersionShapes.DeleteSchemaVersionsInput;
import io.tarn.glue.api.shapes.SchemaVersionShapes.DeleteSchemaVersionsOutput;
import io.tarn.glue.api.shapes.SchemaVersionShapes.ErrorDetails;
import io.tarn.glue.api.shapes.SchemaVersionShapes.GetSchemaByDefinitionInput;
import io.tarn.glue.api.shapes.SchemaVersionShapes.GetSchemaByDefinitionOutput;
import io.tarn.glue.api.shapes.SchemaVersionShapes.GetSchemaVersionInput;
import io.tarn.glue.api.shapes.SchemaVersionShapes.GetSchemaVersionOutput;
import io.tarn.glue.api.shapes.SchemaVersionShapes.ListSchemaVersionsInput;
import io.tarn.glue.api.shapes.SchemaVersionShapes.ListSchemaVersionsOutput;
import io.tarn.glue.api.shapes.SchemaVersionShapes.MetadataInfo;
import io.tarn.glue.api.shapes.SchemaVersionShapes.MetadataKeyValuePair;
import io.tarn.glue.api.shapes.SchemaVersionShapes.OtherMetadataValueListItem;
import io.tarn.glue.api.shapes.SchemaVersionShapes.QuerySchemaVersionMetadataInput;
import io.tarn.glue.api.shapes.SchemaVersionShapes.QuerySchemaVersionMetadataOutput;
import io.tarn.glue.api.shapes.SchemaVersionShapes.RegisterSchemaVersionInput;
import io.tarn.glue.api.shapes.SchemaVersionShapes.RegisterSchemaVersionOutput;
import io.tarn.glue.api.shapes.SchemaVersionShapes.SchemaVersionErrorItem;
import io.tarn.glue.api.shapes.SchemaVersionShapes.SchemaVersionListItem;
import io.tarn.glue.api.shapes.SchemaVersionShapes.SchemaVersionMetadataInput;
import io.tarn.glue.api.shapes.SchemaVersionShapes.SchemaVersionMetadataOutput;
import io.tarn.glue.engine.Page;
import io.tarn.glue.engine.registry.DataFormat;
import io.tarn.glue.engine.registry.Registered;
import io.tarn.glue.engine.registry.SchemaArns;
import io.tarn.glue.engine.registry.SchemaRegistry;
import io.tarn.glue.engine.registry.SchemaVersion;
import io.tarn.glue.engine.registry.VersionMetadata;
import io.tarn.glue.engine.registry.VersionRanges;
import io.tarn.glue.model.registry.SchemaMeta;
import io.tarn.glue.model.registry.SchemaVersionMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The Schema Registry's version operations, CheckSchemaVersionValidity and the version metadata operations. */
public final class SchemaVersionOperations {

    /** QuerySchemaVersionMetadata's MaxResults: 1 to 50, as the model says. */
    private static final int MAX_METADATA_PAGE = 50;

    private final SchemaRegistry registry;
    private final NextTokens tokens;

    public SchemaVersionOperations(SchemaRegistry registry, NextTokens tokens) {
        this.registry = registry;
        this.tokens = tokens;
    }

    public RegisterSchemaVersionOutput registerSchemaVersion(RequestContext ctx, RegisterSchemaVersionInput in) {
        Registered r = registry.versions().register(ctx.namespace(), SchemaIds.of(in.schemaId()), in.schemaDefinition());
        return new RegisterSchemaVersionOutput(r.version().id(), r.version().number(), r.reportedStatus());
    }

    public GetSchemaVersionOutput getSchemaVersion(RequestContext ctx, GetSchemaVersionInput in) {
        SchemaVersion sv = registry.versions().get(ctx.namespace(),
                SchemaIds.version(in.schemaId(), in.schemaVersionId(), in.schemaVersionNumber()));
        SchemaVersionMeta v = sv.version();
        return new GetSchemaVersionOutput(v.id(), v.definition(), sv.schema().dataFormat(), schemaArn(ctx, sv.schema()),
                v.number(), v.status(), RegistryShapes.timestamp(v.created()));
    }

    public GetSchemaByDefinitionOutput getSchemaByDefinition(RequestContext ctx, GetSchemaByDefinitionInput in) {
        SchemaVersion sv = registry.versions().byDefinition(ctx.namespace(), SchemaIds.of(in.schemaId()), in.schemaDefinition());
        SchemaVersionMeta v = sv.version();
        return new GetSchemaByDefinitionOutput(v.id(), schemaArn(ctx, sv.schema()), sv.schema().dataFormat(), v.status(),
                RegistryShapes.timestamp(v.created()));
    }

    public ListSchemaVersionsOutput listSchemaVersions(RequestContext ctx, ListSchemaVersionsInput in) {
        int limit = NextTokens.pageSize(in.maxResults());
        var ref = SchemaIds.of(in.schemaId());
        String scope = NextTokens.scope(ctx, "ListSchemaVersions", ref.schemaArn(), ref.schemaName(), ref.registryName());
        Page<SchemaVersionMeta> page = registry.versions().list(ctx.namespace(), ref, tokens.open(scope, in.nextToken()), limit);
        return new ListSchemaVersionsOutput(page.items().stream()
                .map(v -> new SchemaVersionListItem(SchemaArns.schema(ctx.namespace(), v.registry(), v.schema()), v.id(), v.number(),
                        v.status(), RegistryShapes.timestamp(v.created())))
                .toList(), tokens.issue(scope, page.next()));
    }

    public DeleteSchemaVersionsOutput deleteSchemaVersions(RequestContext ctx, DeleteSchemaVersionsInput in) {
        var errors = registry.versions().delete(ctx.namespace(), SchemaIds.of(in.schemaId()), VersionRanges.parse(in.versions()));
        return new DeleteSchemaVersionsOutput(errors.stream()
                .map(e -> new SchemaVersionErrorItem(e.number(), new ErrorDetails(e.code(), e.message())))
                .toList());
    }

    public CheckSchemaVersionValidityOutput checkSchemaVersionValidity(RequestContext ctx, CheckSchemaVersionValidityInput in) {
        String error = registry.versions().invalidity(DataFormat.of(in.dataFormat()), in.schemaDefinition());
        return new CheckSchemaVersionValidityOutput(error == null, error == null ? null : truncate(error));
    }

    public SchemaVersionMetadataOutput putSchemaVersionMetadata(RequestContext ctx, SchemaVersionMetadataInput in) {
        MetadataKeyValuePair pair = Required.member(in.metadataKeyValue(), "metadataKeyValue");
        SchemaVersion sv = registry.metadata().put(ctx.namespace(),
                SchemaIds.version(in.schemaId(), in.schemaVersionId(), in.schemaVersionNumber()), pair.metadataKey(),
                pair.metadataValue());
        return metadataOutput(ctx, sv, pair);
    }

    public SchemaVersionMetadataOutput removeSchemaVersionMetadata(RequestContext ctx, SchemaVersionMetadataInput in) {
        MetadataKeyValuePair pair = Required.member(in.metadataKeyValue(), "metadataKeyValue");
        SchemaVersion sv = registry.metadata().remove(ctx.namespace(),
                SchemaIds.version(in.schemaId(), in.schemaVersionId(), in.schemaVersionNumber()), pair.metadataKey(),
                pair.metadataValue());
        return metadataOutput(ctx, sv, pair);
    }

    /** The version's metadata by key, a page of keys at a time (in key order). */
    public QuerySchemaVersionMetadataOutput querySchemaVersionMetadata(RequestContext ctx, QuerySchemaVersionMetadataInput in) {
        int limit = metadataPageSize(in.maxResults());
        SchemaVersion sv = registry.versions().get(ctx.namespace(),
                SchemaIds.version(in.schemaId(), in.schemaVersionId(), in.schemaVersionNumber()));
        List<VersionMetadata.Filter> filters = in.metadataList() == null ? List.of() : in.metadataList().stream()
                .map(p -> new VersionMetadata.Filter(p.metadataKey(), p.metadataValue())).toList();
        String scope = NextTokens.scope(ctx, "QuerySchemaVersionMetadata", sv.version().id(), filters);
        String after = tokens.open(scope, in.nextToken());
        Map<String, MetadataInfo> page = new LinkedHashMap<>();
        String last = null;
        boolean more = false;
        for (var entry : registry.metadata().query(ctx.namespace(), sv, filters).entrySet()) {
            if (after != null && entry.getKey().compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.put(entry.getKey(), info(entry.getValue()));
            last = entry.getKey();
        }
        return new QuerySchemaVersionMetadataOutput(page, sv.version().id(), more ? tokens.issue(scope, last) : null);
    }

    private static MetadataInfo info(List<VersionMetadata.Value> values) {
        List<OtherMetadataValueListItem> others = new ArrayList<>();
        for (VersionMetadata.Value other : values.subList(1, values.size())) {
            others.add(new OtherMetadataValueListItem(other.value(), RegistryShapes.timestamp(other.created())));
        }
        VersionMetadata.Value newest = values.get(0);
        return new MetadataInfo(newest.value(), RegistryShapes.timestamp(newest.created()), others.isEmpty() ? null : others);
    }

    private static SchemaVersionMetadataOutput metadataOutput(RequestContext ctx, SchemaVersion sv, MetadataKeyValuePair pair) {
        SchemaMeta s = sv.schema();
        return new SchemaVersionMetadataOutput(schemaArn(ctx, s), s.name(), s.registry(), sv.latest(), sv.version().number(),
                sv.version().id(), pair.metadataKey(), pair.metadataValue());
    }

    private static String schemaArn(RequestContext ctx, SchemaMeta s) {
        return SchemaArns.schema(ctx.namespace(), s.registry(), s.name());
    }

    private static int metadataPageSize(@Nullable Integer maxResults) {
        if (maxResults == null) {
            return MAX_METADATA_PAGE;
        }
        if (maxResults < 1 || maxResults > MAX_METADATA_PAGE) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%d' at 'maxResults' failed to satisfy "
                    + "constraint: Member must have value %s", maxResults,
                    maxResults < 1 ? "greater than or equal to 1" : "less than or equal to " + MAX_METADATA_PAGE);
        }
        return maxResults;
    }

    /** The model's SchemaValidationError holds at most 5,000 characters. */
    private static String truncate(String error) {
        return error.length() <= 5000 ? error : error.substring(0, 4997) + "...";
    }
}
