package io.tarn.firehose.model;

import java.util.List;

/** The records one put added to one buffer, as sent, with the time they arrived. */
public record BufferedChunk(long arrivalMillis, List<byte[]> records) {}
