package io.tarn.firehose.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.firehose.FirehoseErrors;
import io.tarn.firehose.api.shapes.RecordShapes;
import io.tarn.firehose.engine.delivery.RecordBuffers;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * PutRecord and PutRecordBatch: the model's limits (1,000 KiB a record, 500 records a batch, 4 MiB a
 * batch), then the buffers. A record over the stream's quotas fails alone in a batch.
 */
public final class RecordOperations {

    /** Data: 1,000 KiB before base64 (the model's max). */
    static final int MAX_RECORD_BYTES = 1_024_000;
    static final int MAX_BATCH_RECORDS = 500;
    /** PutRecordBatch: 4 MiB of records per call. */
    static final long MAX_BATCH_BYTES = 4L << 20;

    private final RecordBuffers buffers;

    public RecordOperations(RecordBuffers buffers) {
        this.buffers = buffers;
    }

    public RecordShapes.PutRecordOutput putRecord(RequestContext ctx, RecordShapes.PutRecordInput in) {
        String stream = streamName(in.deliveryStreamName());
        if (in.record() == null) {
            throw validation("Value null at 'record' failed to satisfy constraint: Member must not be null");
        }
        byte[] data = data(in.record(), "record.data");
        RecordBuffers.Outcome out = buffers.put(ctx.namespace(), stream, List.of(data)).get(0);
        if (out.recordId() == null) {
            throw FirehoseErrors.SERVICE_UNAVAILABLE.exception(out.errorMessage());
        }
        return new RecordShapes.PutRecordOutput(out.recordId(), false);
    }

    public RecordShapes.PutRecordBatchOutput putRecordBatch(RequestContext ctx, RecordShapes.PutRecordBatchInput in) {
        String stream = streamName(in.deliveryStreamName());
        List<RecordShapes.Record> records = in.records();
        if (records == null) {
            throw validation("Value null at 'records' failed to satisfy constraint: Member must not be null");
        }
        if (records.isEmpty() || records.size() > MAX_BATCH_RECORDS) {
            throw validation("Value '%s' at 'records' failed to satisfy constraint: Member must have length %s", records.size(),
                    records.isEmpty() ? "greater than or equal to 1" : "less than or equal to " + MAX_BATCH_RECORDS);
        }
        List<byte[]> data = new ArrayList<>(records.size());
        long total = 0;
        for (int i = 0; i < records.size(); i++) {
            RecordShapes.Record r = records.get(i);
            if (r == null) {
                throw validation("Value null at 'records.%d.member' failed to satisfy constraint: Member must not be null", i + 1);
            }
            byte[] bytes = data(r, "records." + (i + 1) + ".member.data");
            total += bytes.length;
            data.add(bytes);
        }
        if (total > MAX_BATCH_BYTES) {
            throw FirehoseErrors.INVALID_ARGUMENT.exception("Records size exceeds 4 MB limit");
        }
        List<RecordShapes.PutRecordBatchResponseEntry> out = new ArrayList<>(data.size());
        int failed = 0;
        for (RecordBuffers.Outcome o : buffers.put(ctx.namespace(), stream, data)) {
            failed += o.recordId() == null ? 1 : 0;
            out.add(new RecordShapes.PutRecordBatchResponseEntry(o.recordId(), o.errorCode(), o.errorMessage()));
        }
        return new RecordShapes.PutRecordBatchOutput(failed, false, out);
    }

    private static String streamName(@Nullable String name) {
        if (name == null) {
            throw validation("Value null at 'deliveryStreamName' failed to satisfy constraint: Member must not be null");
        }
        return name;
    }

    private static byte[] data(RecordShapes.Record record, String member) {
        byte[] data = record.data();
        if (data == null) {
            throw validation("Value null at '%s' failed to satisfy constraint: Member must not be null", member);
        }
        if (data.length > MAX_RECORD_BYTES) {
            throw validation("Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", member,
                    MAX_RECORD_BYTES);
        }
        return data;
    }

    private static io.tarn.core.error.AwsException validation(String format, Object... args) {
        return FirehoseErrors.VALIDATION.exception("1 validation error detected: " + format, args);
    }
}
