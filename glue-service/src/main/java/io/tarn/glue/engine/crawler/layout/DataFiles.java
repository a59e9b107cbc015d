package io.tarn.glue.engine.crawler.layout;

import java.util.List;

/**
 * Which objects under a target are data. Like the Hadoop and Hive readers the crawler's tables are made
 * for (Athena: "files that begin with an underscore or a dot are ignored"), the layout skips every object
 * whose name or folder begins with {@code _} or {@code .} (Spark's {@code _SUCCESS}, Parquet's
 * {@code _metadata} and {@code _common_metadata}, {@code _temporary/} folders, Hadoop's hidden
 * {@code .crc} files), {@code .crc} checksum files, the {@code _$folder$} markers of old S3 tools, and
 * folder markers (keys ending in {@code /}).
 */
final class DataFiles {

    private DataFiles() {}

    /** Whether a file at {@code path} (its key's segments below the include path) is data. */
    static boolean isData(List<String> path) {
        String name = path.get(path.size() - 1);
        if (name.isEmpty() || name.endsWith("$folder$") || name.endsWith(".crc")) {
            return false;
        }
        return path.stream().noneMatch(segment -> segment.startsWith("_") || segment.startsWith("."));
    }
}
