package io.tarn.glue.engine.classifier;

/** The SerDe and InputFormat/OutputFormat class names AWS's crawler writes for each classification. */
final class StorageFormats {

    static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";

    static final String LAZY_SIMPLE_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    static final String OPEN_CSV_SERDE = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
    static final String JSON_SERDE = "org.openx.data.jsonserde.JsonSerDe";
    static final String GROK_SERDE = "com.amazonaws.glue.serde.GrokSerDe";

    static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    static final String PARQUET_INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    static final String PARQUET_OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";

    static final String ORC_SERDE = "org.apache.hadoop.hive.ql.io.orc.OrcSerde";
    static final String ORC_INPUT = "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat";
    static final String ORC_OUTPUT = "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat";

    static final String AVRO_SERDE = "org.apache.hadoop.hive.serde2.avro.AvroSerDe";
    static final String AVRO_INPUT = "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat";
    static final String AVRO_OUTPUT = "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat";

    static final String XML_SERDE = "com.amazonaws.glue.serde.XmlSerDe";
    static final String XML_INPUT = "com.amazonaws.glue.serde.XmlInputFormat";

    private StorageFormats() {}
}
