package io.tarn.glue.api;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.RequestContext;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.api.shapes.PartitionShapes.BatchCreatePartitionInput;
import io.tarn.glue.api.shapes.PartitionShapes.BatchDeletePartitionInput;
import io.tarn.glue.api.shapes.PartitionShapes.BatchGetPartitionInput;
import io.tarn.glue.api.shapes.PartitionShapes.BatchGetPartitionOutput;
import io.tarn.glue.api.shapes.PartitionShapes.BatchUpdatePartitionEntry;
import io.tarn.glue.api.shapes.PartitionShapes.BatchUpdatePartitionFailure;
import io.tarn.glue.api.shapes.PartitionShapes.BatchUpdatePartitionInput;
import io.tarn.glue.api.shapes.PartitionShapes.BatchUpdatePartitionOutput;
import io.tarn.glue.api.shapes.PartitionShapes.CreatePartitionIndexInput;
import io.tarn.glue.api.shapes.PartitionShapes.CreatePartitionInput;
import io.tarn.glue.api.shapes.PartitionShapes.DeletePartitionIndexInput;
import io.tarn.glue.api.shapes.PartitionShapes.GetPartitionIndexesInput;
import io.tarn.glue.api.shapes.PartitionShapes.GetPartitionIndexesOutput;
import io.tarn.glue.api.shapes.PartitionShapes.GetPartitionOutput;
import io.tarn.glue.api.shapes.PartitionShapes.GetPartitionsInput;
import io.tarn.glue.api.shapes.PartitionShapes.GetPartitionsOutput;
import io.tarn.glue.api.shapes.PartitionShapes.Partition;
import io.tarn.glue.api.shapes.PartitionShapes.PartitionError;
import io.tarn.glue.api.shapes.PartitionShapes.PartitionErrorsOutput;
import io.tarn.glue.api.shapes.PartitionShapes.PartitionIndexDescriptor;
import io.tarn.glue.api.shapes.PartitionShapes.PartitionRef;
import io.tarn.glue.api.shapes.PartitionShapes.PartitionValueList;
import io.tarn.glue.api.shapes.PartitionShapes.SegmentShape;
import io.tarn.glue.api.shapes.PartitionShapes.UpdatePartitionInput;
import io.tarn.glue.api.shapes.TableShapes.ErrorDetail;
import io.tarn.glue.engine.Page;
import io.tarn.glue.engine.PartitionIndexes;
import io.tarn.glue.engine.Partitions;
import io.tarn.glue.model.PartitionMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The partition operations and the partition index operations. */
public final class PartitionOperations {

    /** The model's limits: BatchCreatePartition and BatchUpdatePartition 100, BatchGetPartition 1,000, BatchDeletePartition 25. */
    private static final int MAX_CREATE = 100;
    private static final int MAX_GET = 1000;
    private static final int MAX_UPDATE = 100;
    private static final int MAX_DELETE = 25;
    /** GetPartitions' Expression (PredicateString) and page (PageSize) limits, and Segment's TotalSegments. */
    private static final int MAX_EXPRESSION = 2048;
    private static final int MAX_PAGE = 1000;
    private static final int MAX_SEGMENTS = 10;

    private final Partitions partitions;
    private final PartitionIndexes indexes;
    private final NextTokens tokens;

    public PartitionOperations(Partitions partitions, NextTokens tokens) {
        this.partitions = partitions;
        this.indexes = partitions.indexes();
        this.tokens = tokens;
    }

    public Void createPartition(RequestContext ctx, CreatePartitionInput in) {
        CatalogIds.check(ctx, "CreatePartition", in.catalogId());
        partitions.create(ctx.namespace(), in.databaseName(), in.tableName(), Required.member(in.partitionInput(), "partitionInput"));
        return null;
    }

    public PartitionErrorsOutput batchCreatePartition(RequestContext ctx, BatchCreatePartitionInput in) {
        CatalogIds.check(ctx, "BatchCreatePartition", in.catalogId());
        var inputs = limit(Required.member(in.partitionInputList(), "partitionInputList"), "partitionInputList", MAX_CREATE);
        List<PartitionError> errors = partitions.createAll(ctx.namespace(), in.databaseName(), in.tableName(), inputs).stream()
                .map(f -> new PartitionError(f.values(), detail(f.error()))).toList();
        return new PartitionErrorsOutput(errors);
    }

    public GetPartitionOutput getPartition(RequestContext ctx, PartitionRef in) {
        String catalog = CatalogIds.check(ctx, "GetPartition", in.catalogId());
        PartitionMeta p = partitions.get(ctx.namespace(), in.databaseName(), in.tableName(),
                Required.member(in.partitionValues(), "partitionValues"));
        return new GetPartitionOutput(Partition.of(p, catalog, false));
    }

    public GetPartitionsOutput getPartitions(RequestContext ctx, GetPartitionsInput in) {
        String catalog = CatalogIds.check(ctx, "GetPartitions", in.catalogId());
        Unbuilt.refuse(in.transactionId(), "TransactionId (Lake Formation transactions) on GetPartitions");
        Unbuilt.refuse(in.queryAsOfTime(), "QueryAsOfTime (reading the catalog as of a past time) on GetPartitions");
        String expression = in.expression();
        if (expression != null && expression.length() > MAX_EXPRESSION) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'expression' failed to satisfy "
                    + "constraint: Member must have length less than or equal to %d", expression, MAX_EXPRESSION);
        }
        int limit = pageSize(in.maxResults());
        Partitions.Segment segment = segment(in.segment());
        String scope = NextTokens.scope(ctx, "GetPartitions", lower(in.databaseName()), lower(in.tableName()), expression,
                segment == null ? null : segment.number() + "/" + segment.total());
        Page<PartitionMeta> page = partitions.list(ctx.namespace(), in.databaseName(), in.tableName(), expression, segment,
                tokens.open(scope, in.nextToken()), limit);
        boolean exclude = Boolean.TRUE.equals(in.excludeColumnSchema());
        return new GetPartitionsOutput(page.items().stream().map(p -> Partition.of(p, catalog, exclude)).toList(),
                tokens.issue(scope, page.next()));
    }

    /** The partitions that exist of those asked; Tarn answers every key in one call, so none is unprocessed. */
    public BatchGetPartitionOutput batchGetPartition(RequestContext ctx, BatchGetPartitionInput in) {
        String catalog = CatalogIds.check(ctx, "BatchGetPartition", in.catalogId());
        var asked = limit(Required.member(in.partitionsToGet(), "partitionsToGet"), "partitionsToGet", MAX_GET);
        List<PartitionMeta> found = partitions.getAll(ctx.namespace(), in.databaseName(), in.tableName(),
                asked.stream().map(PartitionValueList::values).toList());
        return new BatchGetPartitionOutput(found.stream().map(p -> Partition.of(p, catalog, false)).toList(), List.of());
    }

    public Void updatePartition(RequestContext ctx, UpdatePartitionInput in) {
        CatalogIds.check(ctx, "UpdatePartition", in.catalogId());
        partitions.update(ctx.namespace(), in.databaseName(), in.tableName(),
                Required.member(in.partitionValueList(), "partitionValueList"), Required.member(in.partitionInput(), "partitionInput"));
        return null;
    }

    /** Updates each entry; an entry that fails is reported in Errors, the others are still written. */
    public BatchUpdatePartitionOutput batchUpdatePartition(RequestContext ctx, BatchUpdatePartitionInput in) {
        CatalogIds.check(ctx, "BatchUpdatePartition", in.catalogId());
        List<BatchUpdatePartitionEntry> entries = Required.member(in.entries(), "entries");
        if (entries.isEmpty()) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '[]' at 'entries' failed to satisfy "
                    + "constraint: Member must have length greater than or equal to 1");
        }
        limit(entries, "entries", MAX_UPDATE);
        partitions.requireTable(ctx.namespace(), in.databaseName(), in.tableName());
        List<BatchUpdatePartitionFailure> errors = new ArrayList<>();
        for (BatchUpdatePartitionEntry entry : entries) {
            List<String> values = entry.partitionValueList() == null ? List.of() : entry.partitionValueList();
            try {
                partitions.update(ctx.namespace(), in.databaseName(), in.tableName(), values,
                        Required.member(entry.partitionInput(), "entries.member.partitionInput"));
            } catch (AwsException e) {
                errors.add(new BatchUpdatePartitionFailure(values, detail(e)));
            }
        }
        return new BatchUpdatePartitionOutput(errors);
    }

    public Void deletePartition(RequestContext ctx, PartitionRef in) {
        CatalogIds.check(ctx, "DeletePartition", in.catalogId());
        partitions.delete(ctx.namespace(), in.databaseName(), in.tableName(),
                Required.member(in.partitionValues(), "partitionValues"));
        return null;
    }

    /** Deletes each partition named; one that cannot be deleted is reported in Errors, the others still go. */
    public PartitionErrorsOutput batchDeletePartition(RequestContext ctx, BatchDeletePartitionInput in) {
        CatalogIds.check(ctx, "BatchDeletePartition", in.catalogId());
        var toDelete = limit(Required.member(in.partitionsToDelete(), "partitionsToDelete"), "partitionsToDelete", MAX_DELETE);
        partitions.requireTable(ctx.namespace(), in.databaseName(), in.tableName());
        List<PartitionError> errors = new ArrayList<>();
        for (PartitionValueList p : toDelete) {
            List<String> values = p.values() == null ? List.of() : p.values();
            try {
                partitions.delete(ctx.namespace(), in.databaseName(), in.tableName(), values);
            } catch (AwsException e) {
                errors.add(new PartitionError(values, detail(e)));
            }
        }
        return new PartitionErrorsOutput(errors);
    }

    public Void createPartitionIndex(RequestContext ctx, CreatePartitionIndexInput in) {
        CatalogIds.check(ctx, "CreatePartitionIndex", in.catalogId());
        var index = Required.member(in.partitionIndex(), "partitionIndex");
        indexes.create(ctx.namespace(), in.databaseName(), in.tableName(), index.indexName(),
                Required.member(index.keys(), "partitionIndex.keys"));
        return null;
    }

    /** A table has at most three indexes, so one page holds them all. */
    public GetPartitionIndexesOutput getPartitionIndexes(RequestContext ctx, GetPartitionIndexesInput in) {
        CatalogIds.check(ctx, "GetPartitionIndexes", in.catalogId());
        return new GetPartitionIndexesOutput(indexes.list(ctx.namespace(), in.databaseName(), in.tableName()).stream()
                .map(PartitionIndexDescriptor::of).toList(), null);
    }

    public Void deletePartitionIndex(RequestContext ctx, DeletePartitionIndexInput in) {
        CatalogIds.check(ctx, "DeletePartitionIndex", in.catalogId());
        indexes.delete(ctx.namespace(), in.databaseName(), in.tableName(), in.indexName());
        return null;
    }

    private static ErrorDetail detail(AwsException e) {
        return new ErrorDetail(e.code(), e.getMessage());
    }

    private static Partitions.@Nullable Segment segment(@Nullable SegmentShape s) {
        if (s == null) {
            return null;
        }
        int number = Required.member(s.segmentNumber(), "segment.segmentNumber");
        int total = Required.member(s.totalSegments(), "segment.totalSegments");
        if (number < 0) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%d' at 'segment.segmentNumber' failed to "
                    + "satisfy constraint: Member must have value greater than or equal to 0", number);
        }
        if (total < 1 || total > MAX_SEGMENTS) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%d' at 'segment.totalSegments' failed to "
                    + "satisfy constraint: Member must have value %s", total,
                    total < 1 ? "greater than or equal to 1" : "less than or equal to " + MAX_SEGMENTS);
        }
        if (number >= total) {
            throw GlueErrors.INVALID_INPUT.exception("The segment number %d must be less than the total number of segments %d.",
                    number, total);
        }
        return new Partitions.Segment(number, total);
    }

    /** GetPartitions' MaxResults: 1 to 1,000; a page is 1,000 partitions when not given. */
    private static int pageSize(@Nullable Integer maxResults) {
        if (maxResults == null) {
            return MAX_PAGE;
        }
        if (maxResults < 1 || maxResults > MAX_PAGE) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%d' at 'maxResults' failed to satisfy "
                    + "constraint: Member must have value %s", maxResults,
                    maxResults < 1 ? "greater than or equal to 1" : "less than or equal to " + MAX_PAGE);
        }
        return maxResults;
    }

    private static <T> List<T> limit(List<T> items, String field, int max) {
        if (items.size() > max) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value at '%s' failed to satisfy constraint: "
                    + "Member must have length less than or equal to %d", field, max);
        }
        return items;
    }

    private static @Nullable String lower(@Nullable String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
