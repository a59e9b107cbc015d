package io.tarn.core.spi.ports;

import io.tarn.core.spi.Namespace;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What Glue's Data Catalog offers the other services (Firehose reads the schema it converts records
 * to): one version of a table's schema, read with Glue's own checks, in process. Errors are thrown as
 * {@link io.tarn.core.error.AwsException} with Glue's codes ({@code EntityNotFoundException} for a
 * missing database, table or version; {@code AccessDeniedException} for another account's catalog),
 * which the caller words as its own service does.
 */
public interface CatalogPort {

    /** A column as the catalog holds it: its name and Hive type string ({@code decimal(10,2)}, {@code array<struct<a:int>>}). */
    record Column(String name, String type) {}

    /**
     * One version of a table's schema.
     *
     * @param versionId the version read, as GetTableVersion names it ({@code "0"}, {@code "1"}...)
     * @param columns the StorageDescriptor's columns, in order
     * @param partitionKeys the table's partition keys, in order
     */
    record TableSchema(String database, String table, String versionId, List<Column> columns, List<Column> partitionKeys) {}

    /**
     * The schema of {@code database.table} in the catalog of {@code catalogId} (null: the namespace's
     * own account) at {@code versionId}: {@code LATEST} (or null) for the current version, else a
     * version number.
     */
    TableSchema tableSchema(Namespace ns, @Nullable String catalogId, String database, String table, @Nullable String versionId);
}
