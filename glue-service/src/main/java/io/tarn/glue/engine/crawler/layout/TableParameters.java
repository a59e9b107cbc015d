package io.tarn.glue.engine.crawler.layout;

import io.tarn.glue.engine.classifier.FileSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Parameters AWS's crawler writes on a table (and in its and its partitions' storage descriptors):
 * the format's own parameters from the classifier, then {@code classification}, {@code compressionType},
 * {@code typeOfData}, the statistics of the files ({@code recordCount}, {@code averageRecordSize},
 * {@code objectCount}, {@code sizeKey}), the crawler's name and the schema (de)serializer versions.
 */
final class TableParameters {

    static final String CLASSIFICATION = "classification";
    static final String COMPRESSION_TYPE = "compressionType";
    static final String TYPE_OF_DATA = "typeOfData";
    static final String RECORD_COUNT = "recordCount";
    static final String AVERAGE_RECORD_SIZE = "averageRecordSize";
    static final String OBJECT_COUNT = "objectCount";
    static final String SIZE_KEY = "sizeKey";
    static final String UPDATED_BY_CRAWLER = "UPDATED_BY_CRAWLER";
    static final String SERIALIZER_VERSION = "CrawlerSchemaSerializerVersion";
    static final String DESERIALIZER_VERSION = "CrawlerSchemaDeserializerVersion";

    private TableParameters() {}

    /** The parameters of a table or partition made of {@code files} (sorted; the first gives the format's). */
    static Map<String, String> of(List<CrawledFile> files, String crawlerName) {
        FileSchema first = files.get(0).schema();
        Map<String, String> parameters = new LinkedHashMap<>(first.tableParameters());
        parameters.put(CLASSIFICATION, first.classification());
        parameters.put(COMPRESSION_TYPE, first.compressionType());
        parameters.put(TYPE_OF_DATA, "file");
        long size = 0;
        long records = 0;
        long recordBytes = 0;
        for (CrawledFile file : files) {
            size += file.size();
            FileSchema schema = file.schema();
            if (schema.recordCount() >= 0 && schema.averageRecordSize() >= 0) {
                records += schema.recordCount();
                recordBytes += schema.recordCount() * schema.averageRecordSize();
            }
        }
        // The classifiers count records (or estimate them from their sample); files that could not say
        // are left out of both figures rather than counted as empty.
        if (records > 0) {
            parameters.put(RECORD_COUNT, Long.toString(records));
            parameters.put(AVERAGE_RECORD_SIZE, Long.toString(recordBytes / records));
        } else if (files.stream().anyMatch(f -> f.schema().recordCount() == 0)) {
            parameters.put(RECORD_COUNT, "0");
        }
        parameters.put(OBJECT_COUNT, Integer.toString(files.size()));
        parameters.put(SIZE_KEY, Long.toString(size));
        parameters.put(UPDATED_BY_CRAWLER, crawlerName);
        parameters.put(SERIALIZER_VERSION, "1.0");
        parameters.put(DESERIALIZER_VERSION, "1.0");
        return parameters;
    }
}
