package io.tarn.glue.engine.crawler.layout;

import io.tarn.glue.engine.classifier.FileSchema;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * What makes files "compatible" in AWS's words, whatever their schemas: the same format, the same
 * compression and, for delimited text, the same SerDe and delimiter ("Data compatibility factors ...
 * include whether the data is of the same format (for example, JSON), the same compression type (for
 * example, GZIP), the structure of the Amazon S3 path, and other data attributes", from "Creating a
 * single schema for each Amazon S3 include path"; the path structure is checked by the layout).
 */
record DataFormat(String classification, String compressionType, @Nullable String serializationLibrary,
        @Nullable String delimiter) {

    static DataFormat of(FileSchema schema) {
        return new DataFormat(schema.classification(), schema.compressionType(), schema.serializationLibrary(),
                schema.tableParameters().get("delimiter"));
    }

    static boolean allSame(Collection<CrawledFile> files) {
        return files.stream().map(f -> of(f.schema())).distinct().count() <= 1;
    }
}
