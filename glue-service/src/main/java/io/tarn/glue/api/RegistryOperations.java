package io.tarn.glue.api;

import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.RequestContext;
import io.tarn.glue.api.shapes.RegistryShapes;
import io.tarn.glue.api.shapes.RegistryShapes.CreateRegistryInput;
import io.tarn.glue.api.shapes.RegistryShapes.CreateRegistryOutput;
import io.tarn.glue.api.shapes.RegistryShapes.CreateSchemaInput;
import io.tarn.glue.api.shapes.RegistryShapes.CreateSchemaOutput;
import io.tarn.glue.api.shapes.RegistryShapes.DeleteRegistryOutput;
import io.tarn.glue.api.shapes.RegistryShapes.DeleteSchemaOutput;
import io.tarn.glue.api.shapes.RegistryShapes.GetRegistryOutput;
import io.tarn.glue.api.shapes.RegistryShapes.GetSchemaOutput;
import io.tarn.glue.api.shapes.RegistryShapes.ListRegistriesInput;
import io.tarn.glue.api.shapes.RegistryShapes.ListRegistriesOutput;
import io.tarn.glue.api.shapes.RegistryShapes.ListSchemasInput;
import io.tarn.glue.api.shapes.RegistryShapes.ListSchemasOutput;
import io.tarn.glue.api.shapes.RegistryShapes.RegistryId;
import io.tarn.glue.api.shapes.RegistryShapes.RegistryIdInput;
import io.tarn.glue.api.shapes.RegistryShapes.RegistryNameArn;
import io.tarn.glue.api.shapes.RegistryShapes.SchemaIdInput;
import io.tarn.glue.api.shapes.RegistryShapes.SchemaListItem;
import io.tarn.glue.api.shapes.RegistryShapes.SchemaNames;
import io.tarn.glue.api.shapes.RegistryShapes.UpdateRegistryInput;
import io.tarn.glue.api.shapes.RegistryShapes.UpdateSchemaInput;
import io.tarn.glue.engine.Page;
import io.tarn.glue.engine.registry.Compatibility;
import io.tarn.glue.engine.registry.DataFormat;
import io.tarn.glue.engine.registry.Registered;
import io.tarn.glue.engine.registry.SchemaArns;
import io.tarn.glue.engine.registry.SchemaRegistry;
import io.tarn.glue.engine.registry.VersionRef;
import io.tarn.glue.model.registry.RegistryMeta;
import io.tarn.glue.model.registry.SchemaMeta;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The Schema Registry's registry and schema operations: CreateRegistry ... DeleteSchema. */
public final class RegistryOperations {

    private final SchemaRegistry registry;
    private final NextTokens tokens;

    public RegistryOperations(SchemaRegistry registry, NextTokens tokens) {
        this.registry = registry;
        this.tokens = tokens;
    }

    public CreateRegistryOutput createRegistry(RequestContext ctx, CreateRegistryInput in) {
        RegistryMeta r = registry.registries().create(ctx.namespace(), in.registryName(), in.description(), in.tags());
        return new CreateRegistryOutput(SchemaArns.registry(ctx.namespace(), r.name()), r.name(), r.description(), tags(in.tags()));
    }

    public GetRegistryOutput getRegistry(RequestContext ctx, RegistryIdInput in) {
        RegistryId id = Required.member(in.registryId(), "registryId");
        return registryOutput(ctx.namespace(), registry.registries().get(ctx.namespace(), id.registryName(), id.registryArn()));
    }

    public ListRegistriesOutput listRegistries(RequestContext ctx, ListRegistriesInput in) {
        int limit = NextTokens.pageSize(in.maxResults());
        String scope = NextTokens.scope(ctx, "ListRegistries");
        Page<RegistryMeta> page = registry.registries().list(ctx.namespace(), tokens.open(scope, in.nextToken()), limit);
        return new ListRegistriesOutput(page.items().stream().map(r -> registryOutput(ctx.namespace(), r)).toList(),
                tokens.issue(scope, page.next()));
    }

    public RegistryNameArn updateRegistry(RequestContext ctx, UpdateRegistryInput in) {
        RegistryId id = Required.member(in.registryId(), "registryId");
        RegistryMeta r = registry.registries().update(ctx.namespace(), id.registryName(), id.registryArn(), in.description());
        return new RegistryNameArn(r.name(), SchemaArns.registry(ctx.namespace(), r.name()));
    }

    public DeleteRegistryOutput deleteRegistry(RequestContext ctx, RegistryIdInput in) {
        RegistryId id = Required.member(in.registryId(), "registryId");
        RegistryMeta r = registry.registries().delete(ctx.namespace(), id.registryName(), id.registryArn());
        return new DeleteRegistryOutput(r.name(), SchemaArns.registry(ctx.namespace(), r.name()), r.status());
    }

    public CreateSchemaOutput createSchema(RequestContext ctx, CreateSchemaInput in) {
        RegistryId id = in.registryId() == null ? new RegistryId(null, null) : in.registryId();
        Registered created = registry.schemas().create(ctx.namespace(), id.registryName(), id.registryArn(), in.schemaName(),
                DataFormat.of(in.dataFormat()), Compatibility.of(in.compatibility(), Compatibility.DEFAULT), in.description(),
                in.tags(), in.schemaDefinition());
        SchemaMeta s = created.schema();
        Namespace ns = ctx.namespace();
        return new CreateSchemaOutput(s.registry(), SchemaArns.registry(ns, s.registry()), s.name(),
                SchemaArns.schema(ns, s.registry(), s.name()), s.description(), s.dataFormat(), s.compatibility(),
                positive(s.checkpoint()), positive(s.latestVersion()), s.nextVersion(), s.status(), tags(in.tags()),
                created.version() == null ? null : created.version().id(),
                created.version() == null ? null : created.reportedStatus());
    }

    public GetSchemaOutput getSchema(RequestContext ctx, SchemaIdInput in) {
        SchemaMeta s = registry.schemas().get(ctx.namespace(), SchemaIds.of(in.schemaId()));
        Namespace ns = ctx.namespace();
        return new GetSchemaOutput(s.registry(), SchemaArns.registry(ns, s.registry()), s.name(),
                SchemaArns.schema(ns, s.registry(), s.name()), s.description(), s.dataFormat(), s.compatibility(),
                positive(s.checkpoint()), positive(s.latestVersion()), s.nextVersion(), s.status(),
                RegistryShapes.timestamp(s.created()), RegistryShapes.timestamp(s.updated()));
    }

    public ListSchemasOutput listSchemas(RequestContext ctx, ListSchemasInput in) {
        int limit = NextTokens.pageSize(in.maxResults());
        RegistryId id = in.registryId() == null ? new RegistryId(null, null) : in.registryId();
        String scope = NextTokens.scope(ctx, "ListSchemas", id.registryName(), id.registryArn());
        Page<SchemaMeta> page = registry.schemas().list(ctx.namespace(), id.registryName(), id.registryArn(),
                tokens.open(scope, in.nextToken()), limit);
        return new ListSchemasOutput(page.items().stream()
                .map(s -> new SchemaListItem(s.registry(), s.name(), SchemaArns.schema(ctx.namespace(), s.registry(), s.name()),
                        s.description(), s.status(), RegistryShapes.timestamp(s.created()), RegistryShapes.timestamp(s.updated())))
                .toList(), tokens.issue(scope, page.next()));
    }

    public SchemaNames updateSchema(RequestContext ctx, UpdateSchemaInput in) {
        VersionRef checkpoint = in.schemaVersionNumber() == null ? null
                : SchemaIds.version(null, null, in.schemaVersionNumber());
        SchemaMeta s = registry.schemas().update(ctx.namespace(), SchemaIds.of(in.schemaId()), checkpoint,
                in.compatibility() == null ? null : Compatibility.of(in.compatibility(), Compatibility.DEFAULT), in.description());
        return new SchemaNames(SchemaArns.schema(ctx.namespace(), s.registry(), s.name()), s.name(), s.registry());
    }

    public DeleteSchemaOutput deleteSchema(RequestContext ctx, SchemaIdInput in) {
        SchemaMeta s = registry.schemas().delete(ctx.namespace(), SchemaIds.of(in.schemaId()));
        return new DeleteSchemaOutput(SchemaArns.schema(ctx.namespace(), s.registry(), s.name()), s.name(), s.status());
    }

    private static GetRegistryOutput registryOutput(Namespace ns, RegistryMeta r) {
        return new GetRegistryOutput(r.name(), SchemaArns.registry(ns, r.name()), r.description(), r.status(),
                RegistryShapes.timestamp(r.created()), RegistryShapes.timestamp(r.updated()));
    }

    /** The tags a create stored: exactly those it was given (none: absent from the answer). */
    private static @Nullable Map<String, String> tags(@Nullable Map<String, String> given) {
        return given == null || given.isEmpty() ? null : given;
    }

    /** Version numbers start at 1: a schema created without a definition has no checkpoint nor latest version yet. */
    private static Long positive(long number) {
        return number > 0 ? number : null;
    }
}
