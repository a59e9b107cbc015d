package io.tarn.firehose.engine.convert;

import java.util.List;

/**
 * What one conversion wrote: {@code rowsWritten} rows in the object (none: nothing was written to the
 * stream, so no object is to be made), and the records that go to the error output instead.
 */
public record ConversionResult(long rowsWritten, List<FailedRecord> failed) {}
