package io.tarn.glue.api;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.RequestContext;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.api.shapes.ConnectionShapes.BatchDeleteConnectionInput;
import io.tarn.glue.api.shapes.ConnectionShapes.BatchDeleteConnectionOutput;
import io.tarn.glue.api.shapes.ConnectionShapes.Connection;
import io.tarn.glue.api.shapes.ConnectionShapes.ConnectionsFilter;
import io.tarn.glue.api.shapes.ConnectionShapes.CreateConnectionInput;
import io.tarn.glue.api.shapes.ConnectionShapes.CreateConnectionOutput;
import io.tarn.glue.api.shapes.ConnectionShapes.DeleteConnectionInput;
import io.tarn.glue.api.shapes.ConnectionShapes.GetConnectionInput;
import io.tarn.glue.api.shapes.ConnectionShapes.GetConnectionOutput;
import io.tarn.glue.api.shapes.ConnectionShapes.GetConnectionsInput;
import io.tarn.glue.api.shapes.ConnectionShapes.GetConnectionsOutput;
import io.tarn.glue.api.shapes.ConnectionShapes.UpdateConnectionInput;
import io.tarn.glue.api.shapes.TableShapes.ErrorDetail;
import io.tarn.glue.engine.Connections;
import io.tarn.glue.engine.Page;
import io.tarn.glue.model.ConnectionMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CreateConnection, GetConnection, GetConnections, UpdateConnection, DeleteConnection, BatchDeleteConnection. */
public final class ConnectionOperations {

    /** The most names BatchDeleteConnection takes, and the most connections a GetConnections page holds. */
    private static final int MAX_BATCH = 25;
    private static final int MAX_PAGE = 1000;

    private final Connections connections;
    private final NextTokens tokens;

    public ConnectionOperations(Connections connections, NextTokens tokens) {
        this.connections = connections;
        this.tokens = tokens;
    }

    public CreateConnectionOutput createConnection(RequestContext ctx, CreateConnectionInput in) {
        CatalogIds.check(ctx, "CreateConnection", in.catalogId());
        connections.create(ctx.namespace(), Required.member(in.connectionInput(), "connectionInput"), in.tags(), ctx.caller().arn());
        return new CreateConnectionOutput("READY");
    }

    public GetConnectionOutput getConnection(RequestContext ctx, GetConnectionInput in) {
        CatalogIds.check(ctx, "GetConnection", in.catalogId());
        return new GetConnectionOutput(Connection.of(connections.get(ctx.namespace(), in.name()),
                Boolean.TRUE.equals(in.hidePassword())));
    }

    public GetConnectionsOutput getConnections(RequestContext ctx, GetConnectionsInput in) {
        CatalogIds.check(ctx, "GetConnections", in.catalogId());
        int limit = NextTokens.pageSize(in.maxResults(), MAX_PAGE);
        ConnectionsFilter f = in.filter() == null ? new ConnectionsFilter(null, null, null) : in.filter();
        String scope = NextTokens.scope(ctx, "GetConnections", f.connectionType(), f.matchCriteria(), f.connectionSchemaVersion());
        Page<ConnectionMeta> page = connections.list(ctx.namespace(), f.connectionType(), f.matchCriteria(),
                f.connectionSchemaVersion(), tokens.open(scope, in.nextToken()), limit);
        boolean hide = Boolean.TRUE.equals(in.hidePassword());
        return new GetConnectionsOutput(page.items().stream().map(c -> Connection.of(c, hide)).toList(),
                tokens.issue(scope, page.next()));
    }

    public Void updateConnection(RequestContext ctx, UpdateConnectionInput in) {
        CatalogIds.check(ctx, "UpdateConnection", in.catalogId());
        connections.update(ctx.namespace(), in.name(), Required.member(in.connectionInput(), "connectionInput"), ctx.caller().arn());
        return null;
    }

    public Void deleteConnection(RequestContext ctx, DeleteConnectionInput in) {
        CatalogIds.check(ctx, "DeleteConnection", in.catalogId());
        connections.delete(ctx.namespace(), in.connectionName());
        return null;
    }

    /** Deletes each named connection; one that cannot be deleted is reported in Errors by name, the others still go. */
    public BatchDeleteConnectionOutput batchDeleteConnection(RequestContext ctx, BatchDeleteConnectionInput in) {
        CatalogIds.check(ctx, "BatchDeleteConnection", in.catalogId());
        List<String> names = Required.member(in.connectionNameList(), "connectionNameList");
        if (names.size() > MAX_BATCH) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value at 'connectionNameList' failed to satisfy "
                    + "constraint: Member must have length less than or equal to %d", MAX_BATCH);
        }
        List<String> succeeded = new ArrayList<>();
        Map<String, ErrorDetail> errors = new LinkedHashMap<>();
        for (String name : names) {
            try {
                connections.delete(ctx.namespace(), name);
                succeeded.add(name);
            } catch (AwsException e) {
                errors.put(name, new ErrorDetail(e.code(), e.getMessage()));
            }
        }
        return new BatchDeleteConnectionOutput(succeeded, errors);
    }
}
