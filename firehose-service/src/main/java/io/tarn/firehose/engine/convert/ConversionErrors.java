package io.tarn.firehose.engine.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The {@code format-conversion-failed} error output: one JSON document a line per failed record, in
 * the fields AWS documents for it (record-format-conversion-error-handling: {@code ErrorCode} and
 * {@code ErrorMessage}, where the processing-failed output has {@code errorCode} and
 * {@code errorMessage}), the table named as the stream's {@code SchemaConfiguration} names it, with
 * the ARN of the Data Catalog that holds it.
 */
public final class ConversionErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConversionErrors() {}

    /**
     * @param schemaConfiguration the stream's {@code DataFormatConversionConfiguration.SchemaConfiguration}
     * @param catalogArn the Data Catalog's ARN ({@code arn:aws:glue:<region>:<catalog id>:catalog})
     * @param attemptEnd when this delivery attempt ended
     */
    public static byte[] jsonLines(List<FailedRecord> failed, JsonNode schemaConfiguration, String catalogArn, Instant attemptEnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (FailedRecord f : failed) {
                out.write(JSON.writeValueAsBytes(document(f, schemaConfiguration, catalogArn, attemptEnd)));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static ObjectNode document(FailedRecord f, JsonNode schemaConfiguration, String catalogArn, Instant attemptEnd) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("attemptsMade", 1);
        doc.put("arrivalTimestamp", f.record().arrival().toEpochMilli());
        doc.put("ErrorCode", f.errorCode());
        doc.put("ErrorMessage", f.errorMessage());
        doc.put("attemptEndingTimestamp", attemptEnd.toEpochMilli());
        doc.put("rawData", Base64.getEncoder().encodeToString(f.record().data()));
        if (f.record().sequenceNumber() != null) {
            doc.put("sequenceNumber", f.record().sequenceNumber());
        }
        if (f.record().subSequenceNumber() != null) {
            doc.put("subSequenceNumber", f.record().subSequenceNumber());
        }
        ObjectNode table = doc.putObject("dataCatalogTable");
        table.put("catalogId", text(schemaConfiguration, "CatalogId"));
        table.put("databaseName", text(schemaConfiguration, "DatabaseName"));
        table.put("tableName", text(schemaConfiguration, "TableName"));
        table.put("region", text(schemaConfiguration, "Region"));
        table.put("versionId", schemaConfiguration.path("VersionId").asText("LATEST"));
        table.put("catalogArn", catalogArn);
        return doc;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
