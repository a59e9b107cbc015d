package io.tarn.firehose.engine.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.ports.CatalogPort;
import io.tarn.core.spi.ports.ObjectStorePort;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.firehose.engine.convert.ConversionErrors;
import io.tarn.firehose.engine.convert.ConversionResult;
import io.tarn.firehose.engine.convert.InvalidConversionConfigException;
import io.tarn.firehose.engine.convert.RecordFormatConverter;
import io.tarn.firehose.engine.convert.SourceRecord;
import io.tarn.firehose.model.BufferMeta;
import io.tarn.firehose.model.BufferedChunk;
import io.tarn.firehose.model.FirehoseKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Delivers a buffer sealed for record format conversion: its records, read with the stream's
 * deserializer against the Glue table its {@code SchemaConfiguration} names (read now, so a new
 * table version applies to the next object), become one Parquet or ORC object; the records that do
 * not convert go, in AWS's error format, to the error object decided when the buffer was sealed.
 * The object is spooled to a temporary file first: nothing is written when no record converts, and
 * a retry writes both objects again under the same keys. One buffer is converted at a time, so the
 * heap holds at most one row group being built however many buffers are sealed together.
 */
final class ConvertedDelivery {

    /** The table the conversion reads is missing or cannot be converted to: the delivery fails and is retried. */
    static final class SchemaUnavailable extends RuntimeException {
        SchemaUnavailable(String message) {
            super(message);
        }
    }

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Supplier<CatalogPort> catalog;
    private final Semaphore converting = new Semaphore(1);

    ConvertedDelivery(Keyspace keyspace, EmulatorClock clock, Supplier<CatalogPort> catalog) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.catalog = catalog;
    }

    void deliver(Namespace ns, BufferMeta sealed, DeliveryTarget target, ObjectStorePort s3, long[] counts) throws IOException {
        JsonNode configuration = target.s3().description().path("DataFormatConversionConfiguration");
        JsonNode schemaConfiguration = configuration.path("SchemaConfiguration");
        RecordFormatConverter converter = converter(ns, configuration, schemaConfiguration);
        Path spool = Files.createTempFile("tarn-firehose-", ".part");
        try {
            RecordFormatConverter.Conversion conversion;
            converting.acquireUninterruptibly();
            try (OutputStream file = Files.newOutputStream(spool)) {
                conversion = converter.start(file);
                keyspace.scan(FirehoseKeys.bufferChunks(ns, sealed.stream(), sealed.incarnation(), sealed.bufferId()), null, e -> {
                    BufferedChunk chunk = e.value(BufferedChunk.class);
                    Instant arrival = Instant.ofEpochMilli(chunk.arrivalMillis());
                    try {
                        for (byte[] r : chunk.records()) {
                            conversion.add(SourceRecord.direct(r, arrival));
                            counts[0]++;
                            counts[1] += r.length;
                        }
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                    return true;
                });
                conversion.finish();
            } finally {
                converting.release();
            }
            ConversionResult result = conversion.result();
            if (!result.failed().isEmpty()) {
                byte[] errors = ConversionErrors.jsonLines(result.failed(), schemaConfiguration, catalogArn(ns, schemaConfiguration),
                        clock.instant());
                s3.write(sealed.bucket(), sealed.errorObjectKey(), ObjectDelivery.CONTENT_TYPE, sealed.kmsKeyArn(), out -> out.write(errors));
            }
            if (result.rowsWritten() > 0) {
                s3.write(sealed.bucket(), sealed.objectKey(), converter.contentType(), sealed.kmsKeyArn(), out -> Files.copy(spool, out));
            }
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** Where the table is: the SchemaConfiguration's Region, else the stream's. */
    private static Namespace tableNamespace(Namespace ns, JsonNode schema) {
        return new Namespace(ns.account(), schema.path("Region").asText(ns.region()));
    }

    /** The Data Catalog holding the table: its CatalogId, else the stream's account. */
    private static String catalogArn(Namespace ns, JsonNode schema) {
        return "arn:aws:glue:" + tableNamespace(ns, schema).region() + ":" + schema.path("CatalogId").asText(ns.account()) + ":catalog";
    }

    private RecordFormatConverter converter(Namespace ns, JsonNode configuration, JsonNode schema) {
        String database = schema.path("DatabaseName").asText();
        String table = schema.path("TableName").asText();
        Namespace tableNs = tableNamespace(ns, schema);
        try {
            CatalogPort.TableSchema tableSchema = catalog.get().tableSchema(tableNs, schema.hasNonNull("CatalogId")
                    ? schema.get("CatalogId").asText() : null, database, table, schema.path("VersionId").asText("LATEST"));
            return RecordFormatConverter.of(configuration, tableSchema);
        } catch (AwsException e) {
            throw new SchemaUnavailable("DataFormatConversion.InvalidSchema: The schema is invalid. Error details: " + e.code() + ": "
                    + e.getMessage());
        } catch (InvalidConversionConfigException e) {
            throw new SchemaUnavailable("DataFormatConversion.InvalidSchema: The schema is invalid. Error details: " + e.getMessage());
        }
    }
}
