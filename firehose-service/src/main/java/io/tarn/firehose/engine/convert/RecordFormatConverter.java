package io.tarn.firehose.engine.convert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tarn.core.spi.ports.CatalogPort;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Record format conversion, as delivery calls it: a batch of JSON records, read with the stream's
 * deserializer against a Glue table's columns, into one Parquet or ORC object; the records that do not
 * fit are returned for the error output. The Parquet and ORC classes load only when a stream with a
 * conversion first delivers.
 *
 * <pre>{@code
 * RecordFormatConverter converter = RecordFormatConverter.of(description.get("DataFormatConversionConfiguration"), schema);
 * ConversionResult result = converter.convert(records, objectStream);   // then key + converter.fileExtension()
 * byte[] errors = ConversionErrors.jsonLines(result.failed(), schemaConfiguration, catalogArn, now);
 * }</pre>
 */
public final class RecordFormatConverter {

    private static final ObjectReader JSON = new ObjectMapper().readerFor(JsonNode.class);

    private final HiveType rowType;
    private final JsonDeserializer deserializer;
    private final JsonNode serializer;
    private final boolean parquet;

    private RecordFormatConverter(HiveType rowType, JsonDeserializer deserializer, JsonNode serializer, boolean parquet) {
        this.rowType = rowType;
        this.deserializer = deserializer;
        this.serializer = serializer;
        this.parquet = parquet;
    }

    /**
     * The converter of a {@code DataFormatConversionConfiguration} (as DescribeDeliveryStream shows it)
     * for the table's columns; its partition keys are not written, as in AWS.
     *
     * @throws InvalidConversionConfigException for a column of a type Firehose cannot write, or a bad option
     */
    public static RecordFormatConverter of(JsonNode configuration, CatalogPort.TableSchema schema) {
        Objects.requireNonNull(configuration);
        if (schema.columns().isEmpty()) {
            throw new InvalidConversionConfigException("The table " + schema.database() + "." + schema.table() + " has no columns.");
        }
        List<String> names = new ArrayList<>();
        List<HiveType> types = new ArrayList<>();
        for (CatalogPort.Column c : schema.columns()) {
            try {
                types.add(HiveType.parse(c.type()));
            } catch (IllegalArgumentException e) {
                throw new InvalidConversionConfigException("The column " + c.name() + " has the type " + c.type()
                        + ", which cannot be converted.");
            }
            names.add(c.name());
        }
        JsonNode serializer = configuration.path("OutputFormatConfiguration").path("Serializer");
        JsonNode orc = serializer.get("OrcSerDe");
        JsonNode parquetSerDe = serializer.get("ParquetSerDe");
        boolean toOrc = orc != null && !orc.isNull();
        if (!toOrc && (parquetSerDe == null || parquetSerDe.isNull())) {
            throw new InvalidConversionConfigException("The OutputFormatConfiguration names no serializer.");
        }
        return new RecordFormatConverter(HiveType.struct(names, types),
                JsonDeserializer.of(configuration.path("InputFormatConfiguration")), toOrc ? orc : parquetSerDe, !toOrc);
    }

    /** The extension AWS gives converted objects' names. */
    public String fileExtension() {
        return parquet ? ".parquet" : ".orc";
    }

    /** The object's content type as S3 will show it. */
    public String contentType() {
        return "application/octet-stream";
    }

    /**
     * Converts {@code records} into one object written to {@code out} (left open). A record holding
     * several JSON objects (newline-delimited, say) gives a row for each; a record any of whose objects
     * cannot be read gives no row and is returned as failed. When no record converts, nothing is written.
     */
    public ConversionResult convert(List<SourceRecord> records, OutputStream out) throws IOException {
        Conversion conversion = start(out);
        try {
            for (SourceRecord record : records) {
                conversion.add(record);
            }
        } finally {
            conversion.finish();
        }
        return conversion.result();
    }

    /** A conversion into one object fed a record at a time, so a large buffer is never held whole. */
    public Conversion start(OutputStream out) {
        return new Conversion(out);
    }

    /** {@link #convert} record by record: {@link #add} each, then {@link #finish}, then {@link #result}. */
    public final class Conversion {
        private final OutputStream out;
        private final List<FailedRecord> failed = new ArrayList<>();
        private long rows;
        private @Nullable RowWriter writer;

        private Conversion(OutputStream out) {
            this.out = out;
        }

        public void add(SourceRecord record) throws IOException {
            List<Object[]> recordRows;
            try {
                recordRows = rows(record.data());
            } catch (MalformedRecordException e) {
                failed.add(new FailedRecord(record, FailedRecord.MALFORMED_DATA, e.getMessage()));
                return;
            }
            if (writer == null) {
                writer = open(out);
            }
            for (Object[] row : recordRows) {
                writer.write(row);
                rows++;
            }
        }

        /** Ends the object (its footer); nothing was written when no record converted. */
        public void finish() throws IOException {
            if (writer != null) {
                RowWriter w = writer;
                writer = null;
                w.close();
            }
        }

        public ConversionResult result() {
            return new ConversionResult(rows, List.copyOf(failed));
        }
    }

    private RowWriter open(OutputStream out) throws IOException {
        return parquet ? new ParquetRowWriter(rowType, serializer, out) : new OrcRowWriter(rowType, serializer, out);
    }

    private List<Object[]> rows(byte[] data) throws MalformedRecordException {
        List<Object[]> rows = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = JSON.readValues(data)) {
            while (docs.hasNextValue()) {
                rows.add(deserializer.row(docs.nextValue(), rowType));
            }
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException("The record is not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            throw new MalformedRecordException("The record is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (rows.isEmpty()) { // no JSON value at all: AWS's words for it, as its error output shows them
            throw new MalformedRecordException("The record was empty or contained only whitespace.");
        }
        return rows;
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
