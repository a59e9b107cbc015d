package io.tarn.glue.engine.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlift.compress.snappy.SnappyFramedOutputStream;
import io.airlift.compress.snappy.SnappyHadoopStreams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON and CSV compressed as AWS's crawler reads them, each recognised by its bytes, not its name. */
class CompressedTextTest {

    private static final String JSON = "{\"id\": 1, \"name\": \"a\"}\n{\"id\": 2, \"name\": \"b\"}\n";
    private static final String CSV = "id,name\n1,a\n2,b\n";

    @ParameterizedTest
    @CsvSource({"gzip, gzip", "bzip2, bzip2", "snappy-framed, snappy", "snappy-hadoop, snappy", "lz4, lz4", "zip, zip"})
    void compressedJsonAndCsvAreClassifiedWithTheirCompressionType(String codec, String compressionType) throws IOException {
        FileSchema json = new BytesFile("t/part-0." + codec + ".snappy", compress(codec, JSON)).classify();
        FileSchema csv = new BytesFile("t/part-0." + codec + ".snappy", compress(codec, CSV)).classify();

        assertThat(json.classification()).isEqualTo("json");
        assertThat(json.compressionType()).isEqualTo(compressionType);
        assertThat(json.columns()).containsExactly(new FileSchema.Column("id", "int"), new FileSchema.Column("name", "string"));
        assertThat(csv.classification()).isEqualTo("csv");
        assertThat(csv.compressionType()).isEqualTo(compressionType);
        assertThat(csv.columns()).containsExactly(new FileSchema.Column("id", "bigint"), new FileSchema.Column("name", "string"));
        assertThat(csv.recordCount()).isEqualTo(2);
    }

    @Test
    void aGzipFileNamedOtherwiseIsStillGzip() throws IOException {
        FileSchema json = new BytesFile("t/events.json", compress("gzip", JSON)).classify();

        assertThat(json.compressionType()).isEqualTo("gzip");
    }

    @Test
    void aBrokenCompressedStreamIsNotClassified() throws IOException {
        byte[] gzip = compress("gzip", JSON.repeat(100));
        byte[] broken = Arrays.copyOf(gzip, gzip.length);
        Arrays.fill(broken, 12, broken.length, (byte) 0x33);

        assertThat(new BytesFile("t/x.gz", broken).classify(List.of())).isEmpty();
    }

    static byte[] compress(String codec, String text) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = switch (codec) {
            case "gzip" -> new GZIPOutputStream(bytes);
            case "bzip2" -> new BZip2CompressorOutputStream(bytes);
            case "snappy-framed" -> new SnappyFramedOutputStream(bytes);
            // Hadoop's block format, as Hive, Spark and Hadoop's SnappyCodec write it
            case "snappy-hadoop" -> new SnappyHadoopStreams().createOutputStream(bytes);
            case "lz4" -> new FramedLZ4CompressorOutputStream(bytes);
            case "zip" -> zip(bytes);
            default -> throw new IllegalArgumentException(codec);
        }) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static OutputStream zip(ByteArrayOutputStream bytes) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(bytes);
        zip.putNextEntry(new ZipEntry("data.json"));
        return zip;
    }
}
