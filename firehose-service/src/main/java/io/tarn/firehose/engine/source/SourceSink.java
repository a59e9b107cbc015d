package io.tarn.firehose.engine.source;

import io.tarn.core.error.AwsException;
import io.tarn.core.store.Batch;
import java.util.function.Consumer;

/**
 * Where a {@link KinesisSource} hands what it reads: delivery's buffers. Called on the scheduler's
 * thread, one call at a time per delivery stream, so it should store and return (delivery to the
 * destination happens later, on its own timers).
 */
public interface SourceSink {

    /**
     * Stores {@code records} durably together with the reader's new position: commit ONE batch on
     * the {@code firehose} keyspace holding the sink's own writes and {@code checkpoint.accept(batch)}.
     * That single batch is what makes a restart neither lose nor repeat a record: either both the
     * records and the position are stored, or neither.
     *
     * @return true once that batch is committed; false to refuse the records for now (a full buffer),
     *     having written nothing: the reader backs off and reads them again
     * @throws RuntimeException when the records could not be stored (nothing written): the reader
     *     backs off and reads them again
     */
    boolean store(SourceRecords records, Consumer<Batch> checkpoint);

    /**
     * The source could not be read (the stream is gone, KMS refused its key...): for the delivery
     * stream's failure description. Throttling is not reported: it is retried quietly, as AWS does.
     */
    default void sourceFailed(AwsException error) {}

    /** Reading works again after {@link #sourceFailed}. */
    default void sourceRecovered() {}
}
