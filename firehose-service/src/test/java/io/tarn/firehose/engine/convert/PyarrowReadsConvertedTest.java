package io.tarn.firehose.engine.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** pyarrow, what Firehose users read their data with, reads the converted objects (skipped without python3 and pyarrow). */
class PyarrowReadsConvertedTest {

    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"{\"ParquetSerDe\":{}}", "{\"OrcSerDe\":{}}"})
    void pyarrowReadsEveryType(String serializer) throws Exception {
        assumeTrue(pyarrowAvailable(), "python3 with pyarrow");
        RecordFormatConverter converter = RecordFormatConverter.of(RecordFormatConverterTest.config("{\"OpenXJsonSerDe\":{}}", serializer),
                RecordFormatConverterTest.ALL_TYPES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        converter.convert(RecordFormatConverterTest.records(RecordFormatConverterTest.FULL_RECORD), out);
        Path file = dir.resolve("converted" + converter.fileExtension());
        Files.write(file, out.toByteArray());
        Path script = dir.resolve("read_converted.py");
        try (InputStream in = getClass().getResourceAsStream("read_converted.py")) {
            Files.write(script, in.readAllBytes());
        }

        List<String> lines = run("python3", script.toString(), file.toString());
        JsonNode schema = new ObjectMapper().readTree(lines.get(0));
        assertThat(schema.get("ts").asText()).startsWith("timestamp[");
        assertThat(schema.get("dec").asText()).isEqualTo("decimal128(10, 2)");
        assertThat(schema.get("arr").asText()).contains("list<").contains("int32");
        JsonNode row = new ObjectMapper().readTree(lines.get(1));
        assertThat(row.get("bi").asLong()).isEqualTo(5_000_000_000L);
        assertThat(row.get("dec").asText()).isEqualTo("12.35");
        assertThat(row.get("s").asText()).isEqualTo("héllo");
        assertThat(row.get("ts").asText()).isEqualTo("2024-05-01T10:11:12.500000");
        assertThat(row.get("dt").asText()).isEqualTo("2024-05-01");
        assertThat(row.get("arr").toString()).isEqualTo("[1,null,3]");
        assertThat(row.get("st").get("tags").toString()).isEqualTo("[\"x\"]");
    }

    private static boolean pyarrowAvailable() {
        try {
            run("python3", "-c", "import pyarrow.parquet, pyarrow.orc");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static List<String> run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(output);
        }
        return output.lines().toList();
    }
}
