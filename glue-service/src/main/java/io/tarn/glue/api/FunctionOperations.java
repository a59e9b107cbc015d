package io.tarn.glue.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.glue.api.shapes.FunctionShapes.CreateUserDefinedFunctionInput;
import io.tarn.glue.api.shapes.FunctionShapes.GetUserDefinedFunctionInput;
import io.tarn.glue.api.shapes.FunctionShapes.GetUserDefinedFunctionOutput;
import io.tarn.glue.api.shapes.FunctionShapes.GetUserDefinedFunctionsInput;
import io.tarn.glue.api.shapes.FunctionShapes.GetUserDefinedFunctionsOutput;
import io.tarn.glue.api.shapes.FunctionShapes.UpdateUserDefinedFunctionInput;
import io.tarn.glue.api.shapes.FunctionShapes.UserDefinedFunction;
import io.tarn.glue.engine.Functions;
import io.tarn.glue.engine.Names;
import io.tarn.glue.engine.Page;
import io.tarn.glue.model.FunctionMeta;
import java.util.Locale;

/** CreateUserDefinedFunction, GetUserDefinedFunction(s), UpdateUserDefinedFunction, DeleteUserDefinedFunction. */
public final class FunctionOperations {

    private final Functions functions;
    private final NextTokens tokens;

    public FunctionOperations(Functions functions, NextTokens tokens) {
        this.functions = functions;
        this.tokens = tokens;
    }

    public Void createUserDefinedFunction(RequestContext ctx, CreateUserDefinedFunctionInput in) {
        CatalogIds.check(ctx, "CreateUserDefinedFunction", in.catalogId());
        functions.create(ctx.namespace(), in.databaseName(), Required.member(in.functionInput(), "functionInput"));
        return null;
    }

    public GetUserDefinedFunctionOutput getUserDefinedFunction(RequestContext ctx, GetUserDefinedFunctionInput in) {
        String catalog = CatalogIds.check(ctx, "GetUserDefinedFunction", in.catalogId());
        return new GetUserDefinedFunctionOutput(UserDefinedFunction.of(
                functions.get(ctx.namespace(), in.databaseName(), in.functionName()), catalog));
    }

    public GetUserDefinedFunctionsOutput getUserDefinedFunctions(RequestContext ctx, GetUserDefinedFunctionsInput in) {
        String catalog = CatalogIds.check(ctx, "GetUserDefinedFunctions", in.catalogId());
        String pattern = Names.check(in.pattern(), "pattern");
        int limit = NextTokens.pageSize(in.maxResults());
        String database = in.databaseName() == null ? null : in.databaseName().toLowerCase(Locale.ROOT);
        String scope = NextTokens.scope(ctx, "GetUserDefinedFunctions", database, pattern, in.functionType());
        Page<FunctionMeta> page = functions.list(ctx.namespace(), in.databaseName(), pattern, in.functionType(),
                tokens.open(scope, in.nextToken()), limit);
        return new GetUserDefinedFunctionsOutput(page.items().stream().map(f -> UserDefinedFunction.of(f, catalog)).toList(),
                tokens.issue(scope, page.next()));
    }

    public Void updateUserDefinedFunction(RequestContext ctx, UpdateUserDefinedFunctionInput in) {
        CatalogIds.check(ctx, "UpdateUserDefinedFunction", in.catalogId());
        functions.update(ctx.namespace(), in.databaseName(), in.functionName(), Required.member(in.functionInput(), "functionInput"));
        return null;
    }

    public Void deleteUserDefinedFunction(RequestContext ctx, GetUserDefinedFunctionInput in) {
        CatalogIds.check(ctx, "DeleteUserDefinedFunction", in.catalogId());
        functions.delete(ctx.namespace(), in.databaseName(), in.functionName());
        return null;
    }
}
