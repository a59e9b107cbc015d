package io.tarn.glue.engine.classifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The beginning of a text file, decompressed: what the JSON, CSV, XML and grok classifiers look at.
 * AWS's crawler reads the first megabyte of a file (of which CSV takes at most 1,000 records), and
 * up to 10 MB for a JSON file whose first record is longer ("How does the AWS Glue crawler detect
 * the schema?"). Tarn reads the first {@value #SAMPLE_BYTES} bytes of data and, when the file is
 * longer, cuts the sample at its last complete line, so no classifier sees half a record.
 *
 * @param text     the sample, complete lines only
 * @param complete the whole file fits in the sample
 * @param rawBytes bytes of the stored (possibly compressed) file read to get it
 */
record TextSample(Compression compression, String text, boolean complete, long rawBytes, long fileSize) {

    static final int SAMPLE_BYTES = 1024 * 1024;
    /** How far a sample may grow, a megabyte at a time, to hold a first whole JSON record. */
    static final int MAX_SAMPLE_BYTES = 10 * SAMPLE_BYTES;

    static TextSample read(SampledFile file, Compression compression) throws IOException {
        return read(file, compression, SAMPLE_BYTES);
    }

    static TextSample read(SampledFile file, Compression compression, int limit) throws IOException {
        try (CountingInputStream raw = new CountingInputStream(file.read(0, file.size()));
             InputStream data = compression.decompress(raw)) {
            byte[] bytes = data.readNBytes(limit);
            boolean complete = bytes.length < limit || data.read() < 0;
            int end = bytes.length;
            if (!complete) {
                while (end > 0 && bytes[end - 1] != '\n') {
                    end--;
                }
            }
            int start = hasUtf8Bom(bytes) ? 3 : 0;
            String text = new String(bytes, start, Math.max(0, end - start), StandardCharsets.UTF_8);
            return new TextSample(compression, text, complete, complete ? file.size() : raw.count(), file.size());
        }
    }

    /** The sample's non-blank lines, without their line ends. */
    List<String> lines() {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    /** Records in the whole file: exact when the sample is the whole file, else scaled by bytes read. */
    long estimatedRecords(long recordsInSample) {
        if (complete || rawBytes == 0) {
            return recordsInSample;
        }
        return Math.round(recordsInSample * ((double) fileSize / rawBytes));
    }

    /** Stored bytes per record, as the crawler's {@code averageRecordSize}; -1 without records. */
    long averageRecordSize(long recordsInSample) {
        long records = estimatedRecords(recordsInSample);
        return records <= 0 ? -1 : Math.max(1, fileSize / records);
    }

    private static boolean hasUtf8Bom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf;
    }
}
