package io.tarn.kinesis.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.kinesis.KinesisErrors;
import io.tarn.kinesis.KinesisLimits;
import io.tarn.kinesis.api.shapes.RecordShapes;
import io.tarn.kinesis.engine.RecordLog;
import io.tarn.kinesis.engine.ShardReader;
import io.tarn.kinesis.model.SequenceNumber;
import java.util.ArrayList;
import java.util.List;

/** The data plane: PutRecord, PutRecords, GetShardIterator, GetRecords. */
public final class RecordOperations {

    private final RecordLog log;
    private final ShardReader reader;

    public RecordOperations(RecordLog log, ShardReader reader) {
        this.log = log;
        this.reader = reader;
    }

    public RecordShapes.PutRecordOutput putRecord(RequestContext ctx, RecordShapes.PutRecordInput in) {
        String stream = Wire.stream(ctx, in.streamName(), in.streamArn());
        RecordLog.NewRecord record = record(Wire.required(in.data(), "data"), in.partitionKey(), in.explicitHashKey(), "");
        if (in.sequenceNumberForOrdering() != null && !SequenceNumber.wellFormed(in.sequenceNumberForOrdering())) {
            // records of one shard are ordered by arrival anyway; the value only has to be a sequence number
            throw KinesisErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'sequenceNumberForOrdering' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})", in.sequenceNumberForOrdering());
        }
        RecordLog.AppendResult result = log.append(ctx.namespace(), stream, List.of(record));
        RecordLog.Appended a = result.records().get(0);
        if (a.failed()) {
            throw KinesisErrors.PROVISIONED_THROUGHPUT_EXCEEDED.exception(a.errorMessage());
        }
        return new RecordShapes.PutRecordOutput(a.shardId(), a.sequenceNumber(), result.encryptionType());
    }

    public RecordShapes.PutRecordsOutput putRecords(RequestContext ctx, RecordShapes.PutRecordsInput in) {
        String stream = Wire.stream(ctx, in.streamName(), in.streamArn());
        List<RecordShapes.PutRecordsRequestEntry> entries = Wire.required(in.records(), "records");
        if (entries.isEmpty() || entries.size() > KinesisLimits.PUT_RECORDS_MAX_RECORDS) {
            throw KinesisErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'records' failed to satisfy constraint: "
                    + "Member must have length %s", entries.size(), entries.isEmpty() ? "greater than or equal to 1"
                    : "less than or equal to " + KinesisLimits.PUT_RECORDS_MAX_RECORDS);
        }
        List<RecordLog.NewRecord> records = new ArrayList<>(entries.size());
        long total = 0;
        for (int i = 0; i < entries.size(); i++) {
            RecordShapes.PutRecordsRequestEntry e = entries.get(i);
            if (e == null) {
                throw KinesisErrors.VALIDATION.exception("1 validation error detected: Value null at 'records.%d.member' failed to satisfy "
                        + "constraint: Member must not be null", i + 1);
            }
            String member = "records." + (i + 1) + ".member.";
            RecordLog.NewRecord r = record(Wire.required(e.data(), member + "data"), e.partitionKey(), e.explicitHashKey(), member);
            total += r.data().length + r.partitionKey().length();
            records.add(r);
        }
        if (total > KinesisLimits.PUT_RECORDS_MAX_BYTES) {
            throw KinesisErrors.INVALID_ARGUMENT.exception("Records size exceeds 5 MB limit");
        }
        RecordLog.AppendResult result = log.append(ctx.namespace(), stream, records);
        List<RecordShapes.PutRecordsResultEntry> out = new ArrayList<>(records.size());
        for (RecordLog.Appended a : result.records()) {
            out.add(new RecordShapes.PutRecordsResultEntry(a.sequenceNumber(), a.shardId(), a.errorCode(), a.errorMessage()));
        }
        return new RecordShapes.PutRecordsOutput(result.failedCount(), out, result.encryptionType());
    }

    private static RecordLog.NewRecord record(byte[] data, String partitionKey, String explicitHashKey, String member) {
        if (partitionKey == null) {
            throw KinesisErrors.VALIDATION.exception("1 validation error detected: Value null at '%spartitionKey' failed to satisfy "
                    + "constraint: Member must not be null", member);
        }
        if (!KinesisLimits.validPartitionKey(partitionKey)) {
            throw KinesisErrors.VALIDATION.exception("1 validation error detected: Value '%s' at '%spartitionKey' failed to satisfy "
                    + "constraint: Member must have length between 1 and 256", partitionKey, member);
        }
        return new RecordLog.NewRecord(partitionKey, explicitHashKey, data);
    }

    public RecordShapes.GetShardIteratorOutput getShardIterator(RequestContext ctx, RecordShapes.GetShardIteratorInput in) {
        Wire.shardIds("shardId", in.shardId());
        String stream = Wire.stream(ctx, in.streamName(), in.streamArn());
        String iterator = reader.shardIterator(ctx.namespace(), stream, Wire.required(in.shardId(), "shardId"),
                Wire.required(in.shardIteratorType(), "shardIteratorType"), in.startingSequenceNumber(), in.timestamp());
        return new RecordShapes.GetShardIteratorOutput(iterator);
    }

    public RecordShapes.GetRecordsOutput getRecords(RequestContext ctx, RecordShapes.GetRecordsInput in) {
        ShardReader.Records r = reader.records(Wire.required(in.shardIterator(), "shardIterator"), in.limit());
        return new RecordShapes.GetRecordsOutput(Wire.records(r.records()), r.nextShardIterator(), r.millisBehindLatest(),
                Wire.children(r.childShards()));
    }
}
