package io.tarn.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Glue Data Catalog: CreateTable rate, GetPartitions of a 1,000-partition table (partitions/s), and the
 * latency of a selective Expression over a 100,000-partition table, without and with a partition index.
 */
@Command(name = "glue", description = "Glue catalog: CreateTable tables/s, GetPartitions partitions/s, indexed Expression latency.")
final class GlueBenchmark implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DB = "bench";

    @Option(names = "--jar", defaultValue = "emulator-server/target/tarn-server.jar", description = "Server jar to start.")
    Path jar;

    @Option(names = "--endpoint", description = "Measure a running server instead of starting one (no RSS then).")
    URI endpoint;

    @Option(names = "--connections", defaultValue = "8", description = "Raw client connections.")
    int connections;

    @Option(names = "--seconds", defaultValue = "10", description = "Seconds per measured throughput.")
    double seconds;

    @Option(names = "--large-partitions", defaultValue = "100000", description = "Partitions of the large table.")
    int largePartitions;

    @Option(names = "--queries", defaultValue = "300", description = "Selective GetPartitions calls timed on the large table.")
    int queries;

    /** Steady state, as a user's long test run sees it: after 3 s the JIT compilers still took a third of the server's CPU. */
    @Option(names = "--warmup-seconds", defaultValue = "10", description = "Seconds of each operation before it is measured.")
    double warmupSeconds;

    @Option(names = "--skip-large", description = "Leave out the 100,000-partition table (the indexed Expression).")
    boolean skipLarge;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Integer call() throws Exception {
        ServerUnderTest server = endpoint == null ? ServerUnderTest.start(jar, List.of(), List.of("--ephemeral")) : null;
        URI target = server != null ? server.endpoint() : endpoint;
        try {
            call(target, "CreateDatabase", "{\"DatabaseInput\":{\"Name\":\"" + DB + "\"}}");
            createTables(target, server);
            getPartitions(target, server);
            if (!skipLarge) {
                selectiveExpression(target);
            }
            if (server != null) {
                System.out.printf("server RSS after the run: %.1f MiB%n", server.rssMiB());
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
        return 0;
    }

    private void createTables(URI target, ServerUnderTest server) throws Exception {
        // a warm-up run, then the measured one, each table a new name
        long[] offset = {0};
        for (int measured = 0; measured < 2; measured++) {
            double run = measured == 0 ? warmupSeconds : seconds;
            long base = offset[0];
            CpuUse cpu = CpuUse.start(server);
            RawHttpLoad.Result r = RawHttpLoad.run(target, connections, run, Long.MAX_VALUE,
                    n -> RawHttpLoad.request(target, HttpMethod.POST, "/", headers("CreateTable"),
                            tableBody("t" + (base + n)).getBytes(StandardCharsets.UTF_8)));
            offset[0] += r.requests() + connections;
            if (measured == 1) {
                System.out.printf("CreateTable, %d connections, %.0f s: %9.0f tables/s  p50 %6.2f ms  p99 %6.2f ms  errors %d  %s%n",
                        connections, seconds, r.perSecond(), r.latencies().percentileMillis(50),
                        r.latencies().percentileMillis(99), r.errors(), cpu.report(r.requests(), "table"));
            }
        }
    }

    private void getPartitions(URI target, ServerUnderTest server) throws Exception {
        call(target, "CreateTable", partitionedTableBody("p1k"));
        fill(target, "p1k", 1000);
        byte[] body = ("{\"DatabaseName\":\"" + DB + "\",\"TableName\":\"p1k\",\"MaxResults\":1000}").getBytes(StandardCharsets.UTF_8);
        int count = call(target, "GetPartitions", new String(body, StandardCharsets.UTF_8)).get("Partitions").size();
        if (count != 1000) {
            throw new IllegalStateException("GetPartitions answered " + count + " partitions");
        }
        RawHttpLoad.run(target, connections, warmupSeconds, "/", headers("GetPartitions"), body);
        CpuUse cpu = CpuUse.start(server);
        RawHttpLoad.Result r = RawHttpLoad.run(target, connections, seconds, "/", headers("GetPartitions"), body);
        System.out.printf("GetPartitions of 1,000 partitions, %d connections, %.0f s: %9.0f partitions/s (%.0f calls/s, "
                + "%.0f KiB each)  p50 %6.2f ms  p99 %6.2f ms  errors %d  %s%n", connections, seconds, r.perSecond() * 1000,
                r.perSecond(), r.responseBytes() / (double) Math.max(1, r.requests()) / 1024,
                r.latencies().percentileMillis(50), r.latencies().percentileMillis(99), r.errors(),
                cpu.report(r.requests(), "call"));
    }

    private void selectiveExpression(URI target) throws Exception {
        call(target, "CreateTable", partitionedTableBody("p100k"));
        long started = System.nanoTime();
        fill(target, "p100k", largePartitions);
        System.out.printf("BatchCreatePartition of %,d partitions: %.1f s%n", largePartitions, (System.nanoTime() - started) / 1e9);
        // ten partitions out of the table, on the first key
        int low = largePartitions / 2;
        String query = "{\"DatabaseName\":\"" + DB + "\",\"TableName\":\"p100k\",\"Expression\":\"id BETWEEN " + low
                + " AND " + (low + 9) + "\"}";
        timeQuery(target, query, 5, "without an index (every partition read)");
        call(target, "CreatePartitionIndex", "{\"DatabaseName\":\"" + DB + "\",\"TableName\":\"p100k\","
                + "\"PartitionIndex\":{\"IndexName\":\"by_id\",\"Keys\":[\"id\"]}}");
        timeQuery(target, query, queries, "with a partition index on id");
    }

    private void timeQuery(URI target, String query, int times, String label) throws Exception {
        byte[] body = query.getBytes(StandardCharsets.UTF_8);
        int found = call(target, "GetPartitions", query).get("Partitions").size();
        LatencyRecorder latencies = new LatencyRecorder();
        try (BlockingHttpConnection c = new BlockingHttpConnection(target)) {
            for (int i = 0; i < times; i++) {
                long t = System.nanoTime();
                int status = c.post(headers("GetPartitions"), body, body.length);
                latencies.record(System.nanoTime() - t);
                if (status != 200) {
                    throw new IllegalStateException("GetPartitions answered " + status + ": " + c.bodyText());
                }
            }
        }
        System.out.printf("GetPartitions '%s' over %,d partitions (%d found), %s, %d calls: p50 %7.2f ms  p99 %7.2f ms%n",
                JSON.readTree(query).get("Expression").asText(), largePartitions, found, label, times,
                latencies.percentileMillis(50), latencies.percentileMillis(99));
    }

    /** {@code count} partitions (id 0.., region eu/us), 100 a BatchCreatePartition. */
    private void fill(URI target, String table, int count) throws Exception {
        try (BlockingHttpConnection c = new BlockingHttpConnection(target)) {
            for (int start = 0; start < count; start += 100) {
                StringBuilder b = new StringBuilder("{\"DatabaseName\":\"" + DB + "\",\"TableName\":\"" + table
                        + "\",\"PartitionInputList\":[");
                for (int id = start; id < Math.min(count, start + 100); id++) {
                    String region = id % 2 == 0 ? "eu" : "us";
                    b.append(id == start ? "" : ",").append("{\"Values\":[\"").append(id).append("\",\"").append(region)
                            .append("\"],\"StorageDescriptor\":{\"Columns\":[{\"Name\":\"id\",\"Type\":\"bigint\"},")
                            .append("{\"Name\":\"url\",\"Type\":\"string\"}],\"Location\":\"s3://bucket/").append(table)
                            .append("/id=").append(id).append("/region=").append(region).append("/\",")
                            .append("\"InputFormat\":\"org.apache.hadoop.mapred.TextInputFormat\",")
                            .append("\"SerdeInfo\":{\"SerializationLibrary\":\"org.openx.data.jsonserde.JsonSerDe\"}},")
                            .append("\"Parameters\":{\"classification\":\"json\"}}");
                }
                byte[] body = b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
                int status = c.post(headers("BatchCreatePartition"), body, body.length);
                if (status != 200 || !c.bodyText().contains("\"Errors\":[]")) {
                    throw new IllegalStateException("BatchCreatePartition answered " + status + ": " + c.bodyText());
                }
            }
        }
    }

    private static String tableBody(String name) {
        return "{\"DatabaseName\":\"" + DB + "\",\"TableInput\":{\"Name\":\"" + name + "\",\"TableType\":\"EXTERNAL_TABLE\","
                + "\"Parameters\":{\"classification\":\"json\"},\"PartitionKeys\":[{\"Name\":\"dt\",\"Type\":\"string\"}],"
                + "\"StorageDescriptor\":{\"Columns\":[{\"Name\":\"id\",\"Type\":\"bigint\"},{\"Name\":\"url\",\"Type\":\"string\"}],"
                + "\"Location\":\"s3://bucket/" + name + "/\",\"SerdeInfo\":{\"SerializationLibrary\":"
                + "\"org.openx.data.jsonserde.JsonSerDe\"}}}}";
    }

    private static String partitionedTableBody(String name) {
        return "{\"DatabaseName\":\"" + DB + "\",\"TableInput\":{\"Name\":\"" + name + "\",\"PartitionKeys\":["
                + "{\"Name\":\"id\",\"Type\":\"int\"},{\"Name\":\"region\",\"Type\":\"string\"}],"
                + "\"StorageDescriptor\":{\"Location\":\"s3://bucket/" + name + "/\"}}}";
    }

    private static Map<String, String> headers(String operation) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/x-amz-json-1.1");
        h.put("X-Amz-Target", "AWSGlue." + operation);
        h.put("X-Amz-Date", "20260101T000000Z");
        // lenient mode: the scope selects the service and the account; the signature is not checked
        h.put("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/glue/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=0000");
        return h;
    }

    private JsonNode call(URI endpoint, String operation, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve("/")).POST(HttpRequest.BodyPublishers.ofString(body));
        headers(operation).forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(operation + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body().isEmpty() ? "{}" : r.body());
    }
}
