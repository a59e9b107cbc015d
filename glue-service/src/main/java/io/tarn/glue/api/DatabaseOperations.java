package io.tarn.glue.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.core.spi.RequestContext;
import io.tarn.glue.api.shapes.DatabaseShapes.CreateDatabaseInput;
import io.tarn.glue.api.shapes.DatabaseShapes.Database;
import io.tarn.glue.api.shapes.DatabaseShapes.DeleteDatabaseInput;
import io.tarn.glue.api.shapes.DatabaseShapes.GetDatabaseInput;
import io.tarn.glue.api.shapes.DatabaseShapes.GetDatabaseOutput;
import io.tarn.glue.api.shapes.DatabaseShapes.GetDatabasesInput;
import io.tarn.glue.api.shapes.DatabaseShapes.GetDatabasesOutput;
import io.tarn.glue.api.shapes.DatabaseShapes.UpdateDatabaseInput;
import io.tarn.glue.engine.Databases;
import io.tarn.glue.engine.Page;
import io.tarn.glue.model.DatabaseMeta;
import java.util.List;

/** CreateDatabase, GetDatabase, GetDatabases, UpdateDatabase, DeleteDatabase. */
public final class DatabaseOperations {

    private final Databases databases;
    private final NextTokens tokens;

    public DatabaseOperations(Databases databases, NextTokens tokens) {
        this.databases = databases;
        this.tokens = tokens;
    }

    public Void createDatabase(RequestContext ctx, CreateDatabaseInput in) {
        CatalogIds.check(ctx, "CreateDatabase", in.catalogId());
        DatabaseMeta input = Required.member(in.databaseInput(), "databaseInput");
        if (input.createTableDefaultPermissions() == null) {
            input = new DatabaseMeta(input.name(), input.description(), input.locationUri(), input.parameters(),
                    defaultPermissions(), input.targetDatabase(), input.federatedDatabase(), input.createTime());
        }
        databases.create(ctx.namespace(), input, in.tags());
        return null;
    }

    public GetDatabaseOutput getDatabase(RequestContext ctx, GetDatabaseInput in) {
        String catalog = CatalogIds.check(ctx, "GetDatabase", in.catalogId());
        return new GetDatabaseOutput(Database.of(databases.get(ctx.namespace(), in.name()), catalog));
    }

    public GetDatabasesOutput getDatabases(RequestContext ctx, GetDatabasesInput in) {
        String catalog = CatalogIds.check(ctx, "GetDatabases", in.catalogId());
        int limit = NextTokens.pageSize(in.maxResults());
        if (ResourceShareTypes.findsNothing(in.resourceShareType())) {
            return new GetDatabasesOutput(List.of(), null);
        }
        String scope = NextTokens.scope(ctx, "GetDatabases");
        Page<DatabaseMeta> page = databases.list(ctx.namespace(), tokens.open(scope, in.nextToken()), limit);
        return new GetDatabasesOutput(page.items().stream().map(d -> Database.of(d, catalog)).toList(),
                tokens.issue(scope, page.next()));
    }

    public Void updateDatabase(RequestContext ctx, UpdateDatabaseInput in) {
        CatalogIds.check(ctx, "UpdateDatabase", in.catalogId());
        databases.update(ctx.namespace(), in.name(), Required.member(in.databaseInput(), "databaseInput"));
        return null;
    }

    public Void deleteDatabase(RequestContext ctx, DeleteDatabaseInput in) {
        CatalogIds.check(ctx, "DeleteDatabase", in.catalogId());
        databases.delete(ctx.namespace(), in.name());
        return null;
    }

    /** What AWS gives a database created without CreateTableDefaultPermissions: ALL to IAM_ALLOWED_PRINCIPALS. */
    private static JsonNode defaultPermissions() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode grant = json.objectNode();
        grant.putObject("Principal").put("DataLakePrincipalIdentifier", "IAM_ALLOWED_PRINCIPALS");
        grant.putArray("Permissions").add("ALL");
        ArrayNode grants = json.arrayNode();
        grants.add(grant);
        return grants;
    }
}
