package io.tarn.it.firehose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.it.AdminCalls;
import io.tarn.it.Scripts;
import io.tarn.it.ServerArgs;
import io.tarn.it.TarnServerExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.OutputFormatConfiguration;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.CrawlerState;
import software.amazon.awssdk.services.glue.model.LastCrawlStatus;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Record format conversion end to end, as issue 15 verifies it: JSON records put through the SDK
 * v2 become one Parquet (or ORC) object per buffer, laid out as the Glue table of the stream's
 * {@code SchemaConfiguration} says; records that do not fit land under the ErrorOutputPrefix as
 * {@code format-conversion-failed} documents; pyarrow reads the delivered dataset from Tarn's S3
 * (firehose_parquet_check.py), and a Glue crawler over the data prefix makes a table of the
 * conversion schema's columns and Hive types, with the format's SerDe.
 */
@ExtendWith(TarnServerExtension.class)
@ServerArgs({"--firehose-delays", "0ms"})
class FirehoseParquetIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/x";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    private static final String ORC_SERDE = "org.apache.hadoop.hive.ql.io.orc.OrcSerde";

    /** The conversion schema: every kind of column the converter writes, nested ones included. */
    private static final List<Column> COLUMNS = List.of(
            column("name", "string"), column("count", "bigint"), column("small", "int"), column("score", "double"),
            column("flag", "boolean"), column("ts", "timestamp"), column("tags", "array<string>"),
            column("address", "struct<city:string,zip:int>"), column("attrs", "map<string,string>"),
            column("amount", "decimal(10,2)"), column("day", "date"), column("tiny", "tinyint"), column("mid", "smallint"),
            column("ratio", "float"), column("raw", "binary"), column("items", "array<struct<sku:string,qty:int>>"),
            column("counts", "map<string,bigint>"));

    /**
     * Records that cannot be read as the table's row: not JSON, not an object, a value of the wrong type, an int
     * overflowing, only whitespace.
     */
    private static final List<String> MALFORMED = List.of("not json at all\n", "[1,2,3]\n",
            "{\"name\":\"bad\",\"count\":\"forty-two\"}\n", "{\"name\":\"big\",\"small\":3000000000}\n", " \n");

    @TempDir
    Path dir;

    private static Column column(String name, String type) {
        return Column.builder().name(name).type(type).build();
    }

    @Test
    void parquetIsReadByPyarrowAndCrawledIntoTheConversionSchema(URI endpoint, GlueClient glue, FirehoseClient firehose,
            S3Client s3) throws Exception {
        Scripts.requireClient(List.of("python3", "-c", "import boto3, pyarrow.parquet, pyarrow.dataset, pyarrow.fs"),
                "python3 with boto3 and pyarrow is not installed");
        convertAndCheck(endpoint, glue, firehose, s3, "parquet", OutputFormatConfiguration.builder()
                .serializer(s -> s.parquetSerDe(p -> p.compression("SNAPPY"))).build(), PARQUET_SERDE);
    }

    @Test
    void orcIsReadByPyarrowAndCrawledIntoTheConversionSchema(URI endpoint, GlueClient glue, FirehoseClient firehose,
            S3Client s3) throws Exception {
        Scripts.requireClient(List.of("python3", "-c", "import boto3, pyarrow.orc, pyarrow.dataset, pyarrow.fs"),
                "python3 with boto3 and pyarrow (with ORC) is not installed");
        convertAndCheck(endpoint, glue, firehose, s3, "orc", OutputFormatConfiguration.builder()
                .serializer(s -> s.orcSerDe(o -> o.compression("ZLIB"))).build(), ORC_SERDE);
    }

    private void convertAndCheck(URI endpoint, GlueClient glue, FirehoseClient firehose, S3Client s3, String format,
            OutputFormatConfiguration output, String serde) throws Exception {
        String bucket = "fh-" + format;
        String database = "fh_" + format + "_src";
        String stream = "to-" + format;
        s3.createBucket(b -> b.bucket(bucket));
        glue.createDatabase(b -> b.databaseInput(d -> d.name(database)));
        glue.createTable(b -> b.databaseName(database).tableInput(t -> t.name("events").storageDescriptor(sd -> sd.columns(COLUMNS))));
        firehose.createDeliveryStream(b -> b.deliveryStreamName(stream).extendedS3DestinationConfiguration(d -> d.roleARN(ROLE)
                .bucketARN("arn:aws:s3:::" + bucket)
                .prefix("data/dt=!{timestamp:yyyy-MM-dd}/")
                .errorOutputPrefix("errors/!{firehose:error-output-type}/")
                .bufferingHints(h -> h.sizeInMBs(64).intervalInSeconds(60)) // 64 MiB: AWS's minimum with conversion
                .dataFormatConversionConfiguration(c -> c.enabled(true)
                        .schemaConfiguration(s -> s.roleARN(ROLE).databaseName(database).tableName("events").region("us-east-1")
                                .versionId("LATEST"))
                        .inputFormatConfiguration(i -> i.deserializer(x -> x.openXJsonSerDe(o -> o.caseInsensitive(true))))
                        .outputFormatConfiguration(output))));
        awaitActive(firehose, stream);

        List<String> good = goodRecords(120);
        Instant frozen = AdminCalls.changeClock(endpoint, "{\"scale\":0}");
        try {
            // singles, then batches with the malformed records among the good ones
            for (String r : good.subList(0, 3)) {
                firehose.putRecord(b -> b.deliveryStreamName(stream).record(x -> x.data(SdkBytes.fromUtf8String(r))));
            }
            List<String> batch = new ArrayList<>(good.subList(3, 60));
            batch.add(10, MALFORMED.get(0));
            batch.add(20, MALFORMED.get(1));
            put(firehose, stream, batch);
            batch = new ArrayList<>(good.subList(60, good.size()));
            batch.add(0, MALFORMED.get(2));
            batch.add(MALFORMED.get(3));
            batch.add(MALFORMED.get(4));
            put(firehose, stream, batch);
            AdminCalls.changeClock(endpoint, "{\"advance\":\"PT59S\"}");
            assertThat(objects(s3, bucket)).as("nothing before the interval").isEmpty();
            AdminCalls.changeClock(endpoint, "{\"advance\":\"PT2S\"}"); // due buffers are delivered before the answer
        } finally {
            AdminCalls.changeClock(endpoint, "{\"scale\":1}"); // the crawler below runs on the clock
        }

        String day = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC).format(frozen);
        String name = stream + "-1-" + DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC).format(frozen)
                + "-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
        Map<String, S3Object> delivered = objects(s3, bucket);
        assertThat(delivered).hasSize(2);
        List<String> keys = new ArrayList<>(delivered.keySet());
        assertThat(keys.get(0)).matches("data/dt=" + day + "/" + name + "\\." + format);
        assertThat(keys.get(1)).matches("errors/format-conversion-failed/" + name);
        checkErrorOutput(s3, bucket, keys.get(1), database);

        // (a) pyarrow reads the dataset from Tarn's S3 and finds the records as rows of the table's types
        Path expected = dir.resolve(format + "-records.jsonl");
        Files.writeString(expected, String.join("", good), StandardCharsets.UTF_8);
        Scripts.assertRuns(List.of("python3", Scripts.script("firehose_parquet_check.py"), endpoint.toString(), bucket, "data/",
                database, "events", expected.toString(), format), 180);

        // (b) a crawler over the data prefix makes the table the conversion schema describes
        String crawled = "fh_" + format + "_crawled";
        glue.createDatabase(b -> b.databaseInput(d -> d.name(crawled)));
        glue.createCrawler(b -> b.name("crawl-" + format).role(ROLE).databaseName(crawled)
                .targets(t -> t.s3Targets(s -> s.path("s3://" + bucket + "/data/"))));
        glue.startCrawler(b -> b.name("crawl-" + format));
        assertThat(awaitCrawl(glue, "crawl-" + format).lastCrawl().status()).isEqualTo(LastCrawlStatus.SUCCEEDED);
        List<Table> tables = glue.getTables(b -> b.databaseName(crawled)).tableList();
        assertThat(tables).hasSize(1);
        Table table = tables.get(0);
        assertThat(table.storageDescriptor().columns()).extracting(Column::name, Column::type)
                .containsExactlyElementsOf(COLUMNS.stream().map(c -> tuple(c.name(), c.type())).toList());
        assertThat(table.partitionKeys()).extracting(Column::name, Column::type).containsExactly(tuple("dt", "string"));
        assertThat(table.storageDescriptor().serdeInfo().serializationLibrary()).isEqualTo(serde);
        assertThat(table.storageDescriptor().location()).isEqualTo("s3://" + bucket + "/data/");
        assertThat(table.parameters()).containsEntry("classification", format);
        assertThat(glue.getPartitions(b -> b.databaseName(crawled).tableName(table.name())).partitions())
                .extracting(p -> p.values()).containsExactly(List.of(day));
    }

    /** One JSON document a line per failed record, in the order put, with the record as sent and the table it was read against. */
    private static void checkErrorOutput(S3Client s3, String bucket, String key, String database) throws Exception {
        List<String> lines = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String().lines().toList();
        assertThat(lines).hasSize(MALFORMED.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode doc = JSON.readTree(lines.get(i));
            assertThat(new String(Base64.getDecoder().decode(doc.get("rawData").asText()), StandardCharsets.UTF_8))
                    .isEqualTo(MALFORMED.get(i));
            assertThat(doc.get("attemptsMade").asInt()).isPositive();
            assertThat(doc.get("ErrorCode").asText()).startsWith("DataFormatConversion.");
            assertThat(doc.get("ErrorMessage").asText()).isNotEmpty();
            if (MALFORMED.get(i).isBlank()) {
                assertThat(doc.get("ErrorMessage").asText()).isEqualTo("The record was empty or contained only whitespace.");
            }
            assertThat(doc.get("arrivalTimestamp").asLong()).isPositive().isLessThanOrEqualTo(doc.get("attemptEndingTimestamp").asLong());
            JsonNode table = doc.get("dataCatalogTable");
            assertThat(table.get("databaseName").asText()).isEqualTo(database);
            assertThat(table.get("tableName").asText()).isEqualTo("events");
            assertThat(table.get("versionId").asText()).isEqualTo("LATEST");
            assertThat(table.get("catalogArn").asText()).matches("arn:aws:glue:us-east-1:[0-9]{12}:catalog");
        }
    }

    /**
     * {@code count} records, one JSON object each, varied to exercise the OpenX SerDe: the first misses
     * most columns, the second gives numbers and booleans as strings, a mixed-case key and epoch
     * millis for its timestamp, the third empty and null nested values.
     */
    private static List<String> goodRecords(int count) {
        List<String> out = new ArrayList<>();
        out.add("{\"name\":\"sparse\"}\n");
        out.add("{\"name\":\"lenient\",\"count\":\"42\",\"small\":\"-7\",\"Score\":1.5,\"flag\":\"true\",\"ts\":1714565096789,"
                + "\"tags\":[\"a\"],\"address\":{\"City\":\"Bergen\",\"zip\":5003},\"attrs\":{\"K\":\"V\"},\"amount\":0.5,"
                + "\"day\":\"2024-02-29\"}\n");
        out.add("{\"name\":\"empty\",\"tags\":[],\"attrs\":{},\"address\":{\"city\":null},\"score\":null}\n");
        for (int i = 3; i < count; i++) {
            out.add(String.format(Locale.ROOT,
                    "{\"name\":\"event-%d\",\"count\":%d,\"small\":%d,\"score\":%s,\"flag\":%b,\"ts\":\"2024-05-01 12:%02d:%02d.%03d\","
                            + "\"tags\":[\"t%d\",\"x\"],\"address\":{\"city\":\"Oslo\",\"zip\":%d},\"attrs\":{\"k\":\"v%d\",\"n\":\"%d\"},"
                            + "\"amount\":%d.%02d,\"day\":\"2024-05-%02d\",\"tiny\":%d,\"mid\":%d,\"ratio\":%s,\"raw\":\"r%d\","
                            + "\"items\":[{\"sku\":\"s%d\",\"qty\":%d},{\"sku\":\"z\"}],\"counts\":{\"a\":%d,\"b\":-%d}}\n",
                    i, i * 1_000_000_007L, i - 60, Double.toString(i * 0.25), i % 2 == 0, i / 60, i % 60, i, i, 100 + i, i, i,
                    i * 3, i % 100, 1 + i % 28, i - 64, i * 250, Double.toString(i * 0.5), i, i, i % 7, i * 1_000_000_000_000L, i));
        }
        return out;
    }

    private static void put(FirehoseClient firehose, String stream, List<String> records) {
        List<Record> batch = records.stream().map(r -> Record.builder().data(SdkBytes.fromUtf8String(r)).build()).toList();
        assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName(stream).records(batch)).failedPutCount()).isZero();
    }

    private static Map<String, S3Object> objects(S3Client s3, String bucket) {
        Map<String, S3Object> out = new TreeMap<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(o -> out.put(o.key(), o));
        return out;
    }

    /** Polls until the stream is ACTIVE (bounded: 20 s). */
    private static void awaitActive(FirehoseClient firehose, String stream) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (firehose.describeDeliveryStream(b -> b.deliveryStreamName(stream)).deliveryStreamDescription()
                    .deliveryStreamStatus() == DeliveryStreamStatus.ACTIVE) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(stream + " did not become ACTIVE");
    }

    /** Polls until the crawler has finished a crawl (bounded: 60 s). */
    private static Crawler awaitCrawl(GlueClient glue, String name) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Crawler c = glue.getCrawler(b -> b.name(name)).crawler();
            if (c.state() == CrawlerState.READY && c.lastCrawl() != null) {
                return c;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("crawler " + name + " did not finish");
    }
}
