package io.tarn.glue;

import io.tarn.core.paging.PageTokens;
import io.tarn.core.protocol.json.JsonProtocolHandler;
import io.tarn.core.spi.AwsService;
import io.tarn.core.spi.OperationRegistry;
import io.tarn.core.spi.RequestHandler;
import io.tarn.core.spi.ServiceContext;
import io.tarn.core.spi.ServiceDescriptor;
import io.tarn.core.store.AccessPattern;
import io.tarn.glue.api.DatabaseOperations;
import io.tarn.glue.api.NextTokens;
import io.tarn.glue.api.RegistryOperations;
import io.tarn.glue.api.SchemaVersionOperations;
import io.tarn.glue.api.TableOperations;
import io.tarn.glue.api.shapes.DatabaseShapes;
import io.tarn.glue.api.shapes.RegistryShapes;
import io.tarn.glue.api.shapes.SchemaVersionShapes;
import io.tarn.glue.api.shapes.TableShapes;
import io.tarn.glue.engine.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * AWS Glue (awsJson 1.1, target prefix {@code AWSGlue}, signing name {@code glue}): the Data
 * Catalog's databases, tables and table versions so far. Every other operation of the Glue model
 * is registered too and answers that Tarn does not build it yet.
 */
public final class GlueService implements AwsService {

    public static final ServiceDescriptor DESCRIPTOR = ServiceDescriptor.json("glue", "glue", "AWSGlue");
    /** A TableInput may carry a view text of 400 KiB; a few MiB leave room for large schemas. */
    private static final long MAX_BODY_BYTES = 8L << 20;
    /** Every operation name of the botocore Glue model (glue/2017-03-31/service-2.json), one a line. */
    private static final String MODEL_OPERATIONS = "operations.txt";

    private volatile Catalog catalog;

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** GetTables (and later GetPartitions) read ranges of keys. */
    @Override
    public AccessPattern accessPattern() {
        return AccessPattern.RANGE_SCANS;
    }

    @Override
    public RequestHandler start(ServiceContext ctx) {
        Catalog opened = new Catalog(ctx.store().keyspace("glue"), ctx.clock());
        catalog = opened;
        return new JsonProtocolHandler(DESCRIPTOR, operations(opened, new NextTokens(PageTokens.load(ctx.dataDir(), "glue"))),
                MAX_BODY_BYTES);
    }

    /** Every operation of the Glue model: built, or answering OperationNotSupportedException. */
    public static OperationRegistry operations(Catalog catalog, NextTokens tokens) {
        DatabaseOperations databases = new DatabaseOperations(catalog.databases(), tokens);
        TableOperations tables = new TableOperations(catalog.tables(), tokens);
        OperationRegistry ops = new OperationRegistry();

        ops.add("CreateDatabase", DatabaseShapes.CreateDatabaseInput.class, databases::createDatabase);
        ops.add("GetDatabase", DatabaseShapes.GetDatabaseInput.class, databases::getDatabase);
        ops.add("GetDatabases", DatabaseShapes.GetDatabasesInput.class, databases::getDatabases);
        ops.add("UpdateDatabase", DatabaseShapes.UpdateDatabaseInput.class, databases::updateDatabase);
        ops.add("DeleteDatabase", DatabaseShapes.DeleteDatabaseInput.class, databases::deleteDatabase);

        ops.add("CreateTable", TableShapes.CreateTableInput.class, tables::createTable);
        ops.add("GetTable", TableShapes.GetTableInput.class, tables::getTable);
        ops.add("GetTables", TableShapes.GetTablesInput.class, tables::getTables);
        ops.add("UpdateTable", TableShapes.UpdateTableInput.class, tables::updateTable);
        ops.add("DeleteTable", TableShapes.DeleteTableInput.class, tables::deleteTable);
        ops.add("BatchDeleteTable", TableShapes.BatchDeleteTableInput.class, tables::batchDeleteTable);
        ops.add("GetTableVersion", TableShapes.GetTableVersionInput.class, tables::getTableVersion);
        ops.add("GetTableVersions", TableShapes.GetTableVersionsInput.class, tables::getTableVersions);
        ops.add("DeleteTableVersion", TableShapes.GetTableVersionInput.class, tables::deleteTableVersion);
        ops.add("BatchDeleteTableVersion", TableShapes.BatchDeleteTableVersionInput.class, tables::batchDeleteTableVersion);

        // Schema Registry: registries, schemas, schema versions and their metadata
        RegistryOperations registries = new RegistryOperations(catalog.schemaRegistry(), tokens);
        SchemaVersionOperations schemaVersions = new SchemaVersionOperations(catalog.schemaRegistry(), tokens);
        ops.add("CreateRegistry", RegistryShapes.CreateRegistryInput.class, registries::createRegistry);
        ops.add("GetRegistry", RegistryShapes.RegistryIdInput.class, registries::getRegistry);
        ops.add("ListRegistries", RegistryShapes.ListRegistriesInput.class, registries::listRegistries);
        ops.add("UpdateRegistry", RegistryShapes.UpdateRegistryInput.class, registries::updateRegistry);
        ops.add("DeleteRegistry", RegistryShapes.RegistryIdInput.class, registries::deleteRegistry);
        ops.add("CreateSchema", RegistryShapes.CreateSchemaInput.class, registries::createSchema);
        ops.add("GetSchema", RegistryShapes.SchemaIdInput.class, registries::getSchema);
        ops.add("ListSchemas", RegistryShapes.ListSchemasInput.class, registries::listSchemas);
        ops.add("UpdateSchema", RegistryShapes.UpdateSchemaInput.class, registries::updateSchema);
        ops.add("DeleteSchema", RegistryShapes.SchemaIdInput.class, registries::deleteSchema);
        ops.add("RegisterSchemaVersion", SchemaVersionShapes.RegisterSchemaVersionInput.class, schemaVersions::registerSchemaVersion);
        ops.add("GetSchemaVersion", SchemaVersionShapes.GetSchemaVersionInput.class, schemaVersions::getSchemaVersion);
        ops.add("GetSchemaByDefinition", SchemaVersionShapes.GetSchemaByDefinitionInput.class, schemaVersions::getSchemaByDefinition);
        ops.add("ListSchemaVersions", SchemaVersionShapes.ListSchemaVersionsInput.class, schemaVersions::listSchemaVersions);
        ops.add("DeleteSchemaVersions", SchemaVersionShapes.DeleteSchemaVersionsInput.class, schemaVersions::deleteSchemaVersions);
        ops.add("CheckSchemaVersionValidity", SchemaVersionShapes.CheckSchemaVersionValidityInput.class,
                schemaVersions::checkSchemaVersionValidity);
        ops.add("PutSchemaVersionMetadata", SchemaVersionShapes.SchemaVersionMetadataInput.class,
                schemaVersions::putSchemaVersionMetadata);
        ops.add("RemoveSchemaVersionMetadata", SchemaVersionShapes.SchemaVersionMetadataInput.class,
                schemaVersions::removeSchemaVersionMetadata);
        ops.add("QuerySchemaVersionMetadata", SchemaVersionShapes.QuerySchemaVersionMetadataInput.class,
                schemaVersions::querySchemaVersionMetadata);

        // KMS answers its unbuilt operations with its own UnsupportedOperationException; Glue's model has
        // no such error, and its nearest is OperationNotSupportedException (400: a retry cannot help,
        // and SDKs would retry a 5xx). Its message names the operation, so a client sees what to avoid.
        for (String operation : modelOperations()) {
            if (ops.find(operation) == null) {
                ops.unsupported(operation, GlueErrors.OPERATION_NOT_SUPPORTED, operation + " is not built by Tarn yet");
            }
        }
        return ops;
    }

    static List<String> modelOperations() {
        try (InputStream in = GlueService.class.getResourceAsStream(MODEL_OPERATIONS)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + MODEL_OPERATIONS);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void reset() {
        Catalog c = catalog;
        if (c != null) {
            c.reset();
        }
    }

    @Override
    public void close() {
        // the store belongs to the server, which closes it
    }
}
