package io.tarn.firehose.engine.partition;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tarn.firehose.FirehoseErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code RecordDeAggregation} processor: one put record holding several records, split into
 * them before partitioning. {@code SubRecordType} {@code JSON} splits concatenated JSON objects
 * (whitespace or newlines between them are dropped, the objects' own bytes kept); {@code DELIMITED}
 * splits on {@code Delimiter} (base64 in the configuration, AWS says), dropping empty pieces.
 * A KPL aggregated record is opened first (see {@link KplAggregation}).
 */
public final class RecordDeAggregation {

    /** Why a record could not be split: it goes to the error output whole. */
    public static final class DeAggregationException extends Exception {
        DeAggregationException(String message) {
            super(message);
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    private final boolean json;
    private final byte[] delimiter;

    private RecordDeAggregation(boolean json, byte[] delimiter) {
        this.json = json;
        this.delimiter = delimiter;
    }

    /**
     * From the processor's parameters ({@code SubRecordType}, {@code Delimiter}).
     *
     * @throws io.tarn.core.error.AwsException {@code InvalidArgumentException} for an unknown
     *     sub-record type, or a DELIMITED one without a base64 delimiter
     */
    public static RecordDeAggregation of(Map<String, String> parameters) {
        String type = parameters.getOrDefault("SubRecordType", "JSON").toUpperCase(Locale.ROOT);
        if (type.equals("JSON")) {
            return new RecordDeAggregation(true, new byte[0]);
        }
        if (!type.equals("DELIMITED")) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception("SubRecordType must be one of [JSON, DELIMITED], got %s", parameters.get("SubRecordType"));
        }
        String delimiter = parameters.get("Delimiter");
        if (delimiter == null) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception("Delimiter is required when SubRecordType is DELIMITED");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(delimiter);
        } catch (IllegalArgumentException e) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception("Delimiter %s must be base64-encoded", delimiter);
        }
        if (bytes.length == 0) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception("Delimiter must not be empty");
        }
        return new RecordDeAggregation(false, bytes);
    }

    /** The records inside {@code record}, in order. */
    public List<byte[]> split(byte[] record) throws DeAggregationException {
        List<byte[]> kpl = KplAggregation.userRecords(record);
        List<byte[]> out = new ArrayList<>();
        for (byte[] r : kpl == null ? List.of(record) : kpl) {
            if (json) {
                splitJson(r, out);
            } else {
                splitDelimited(r, out);
            }
        }
        return out;
    }

    private static void splitJson(byte[] record, List<byte[]> out) throws DeAggregationException {
        try (JsonParser parser = JSON.createParser(record)) {
            for (JsonToken token; (token = parser.nextToken()) != null; ) {
                if (token != JsonToken.START_OBJECT) {
                    throw new DeAggregationException("Non JSON record provided");
                }
                int start = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                int end = (int) parser.currentLocation().getByteOffset();
                out.add(java.util.Arrays.copyOfRange(record, start, end));
            }
        } catch (IOException e) {
            throw new DeAggregationException("Non JSON record provided");
        }
    }

    private void splitDelimited(byte[] record, List<byte[]> out) {
        int from = 0;
        for (int i = 0; i <= record.length - delimiter.length; ) {
            if (matchesAt(record, i)) {
                if (i > from) {
                    out.add(java.util.Arrays.copyOfRange(record, from, i));
                }
                i += delimiter.length;
                from = i;
            } else {
                i++;
            }
        }
        if (from < record.length) {
            out.add(java.util.Arrays.copyOfRange(record, from, record.length));
        }
    }

    private boolean matchesAt(byte[] record, int at) {
        for (int j = 0; j < delimiter.length; j++) {
            if (record[at + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }
}
