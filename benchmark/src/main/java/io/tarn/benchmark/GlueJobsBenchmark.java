package io.tarn.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Glue jobs through the real API (awsJson over HTTP, lenient-mode signatures as the other benchmarks send):
 * StartJobRun to RUNNING of a Python shell job as GetJobRun polling sees it, beside the bare cost of starting
 * {@code python3}; then 1,000 job definitions listed page by page (ListJobs, GetJobs) and 10,000 runs of one job
 * (GetJobRuns), compared with GetTables over 1,000 tables. The 10,000 runs are started with StartJobRun like any
 * other, as runs of a {@code glueetl} job on a Tarn without Spark, which end FAILED at once without a process
 * (the listing reads stored runs whatever their state), so the machine is not asked for 10,000 Python starts.
 */
@Command(name = "glue-jobs", description = "Glue jobs: StartJobRun to RUNNING latency; ListJobs/GetJobs over 1,000 jobs, "
        + "GetJobRuns over 10,000 runs, GetTables over 1,000 tables.")
final class GlueJobsBenchmark implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--jar", defaultValue = "emulator-server/target/tarn-server.jar", description = "Server jar to start.")
    Path jar;

    @Option(names = "--endpoint", description = "Measure a running server instead of starting one.")
    URI endpoint;

    @Option(names = "--starts", defaultValue = "30", description = "Python shell runs timed from StartJobRun to RUNNING.")
    int starts;

    @Option(names = "--jobs", defaultValue = "1000", description = "Job definitions listed.")
    int jobs;

    @Option(names = "--runs", defaultValue = "10000", description = "Runs of one job listed.")
    int runs;

    @Option(names = "--repeats", defaultValue = "5", description = "Times each full listing is timed.")
    int repeats;

    @Option(names = "--threads", defaultValue = "4", description = "Client threads that create jobs, tables and runs.")
    int threads;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public Integer call() throws Exception {
        ServerUnderTest server = endpoint == null ? ServerUnderTest.start(jar, List.of(), List.of("--ephemeral")) : null;
        URI target = server != null ? server.endpoint() : endpoint;
        try {
            System.out.printf("load average before: %.2f (%d cores)%n", loadAverage(), Runtime.getRuntime().availableProcessors());
            startToRunning(target);
            listJobs(target);
            listRuns(target);
            listTables(target);
            System.out.printf("load average after: %.2f%n", loadAverage());
        } finally {
            if (server != null) {
                server.close();
            }
        }
        return 0;
    }

    // ---- StartJobRun -> RUNNING

    private void startToRunning(URI target) throws Exception {
        send(target, HttpRequest.newBuilder(target.resolve("/bench-jobs")).PUT(HttpRequest.BodyPublishers.noBody()));
        send(target, HttpRequest.newBuilder(target.resolve("/bench-jobs/exit.py")).PUT(HttpRequest.BodyPublishers.ofString("pass\n")));
        glue(target, "CreateJob", "{\"Name\":\"bench-shell\",\"Role\":\"arn:aws:iam::000000000000:role/bench\","
                + "\"Command\":{\"Name\":\"pythonshell\",\"ScriptLocation\":\"s3://bench-jobs/exit.py\",\"PythonVersion\":\"3.9\"},"
                + "\"MaxCapacity\":0.0625,\"ExecutionProperty\":{\"MaxConcurrentRuns\":1}}");
        LatencyRecorder toRunning = new LatencyRecorder();
        LatencyRecorder toEnd = new LatencyRecorder();
        for (int i = 0; i < starts + 3; i++) { // the first three warm the server's code paths
            long t0 = System.nanoTime();
            String id = glue(target, "StartJobRun", "{\"JobName\":\"bench-shell\"}").get("JobRunId").asText();
            long running = 0;
            String state;
            do {
                state = glue(target, "GetJobRun", "{\"JobName\":\"bench-shell\",\"RunId\":\"" + id + "\"}").get("JobRun")
                        .get("JobRunState").asText();
                if (running == 0 && !state.equals("STARTING") && !state.equals("WAITING")) {
                    running = System.nanoTime() - t0; // RUNNING, or already past it
                }
            } while (!state.equals("SUCCEEDED") && !state.equals("FAILED") && !state.equals("ERROR"));
            if (!state.equals("SUCCEEDED")) {
                throw new IllegalStateException("run " + id + " ended " + state);
            }
            if (i >= 3) {
                toRunning.record(running);
                toEnd.record(System.nanoTime() - t0);
            }
        }
        LatencyRecorder bare = new LatencyRecorder();
        for (int i = 0; i < starts + 3; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("python3", "-c", "pass").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
            if (i >= 3) {
                bare.record(System.nanoTime() - t0);
            }
        }
        System.out.printf("StartJobRun -> RUNNING (Python shell, GetJobRun polling), %d runs: p50 %7.1f ms  p90 %7.1f ms  max %7.1f ms%n",
                starts, toRunning.percentileMillis(50), toRunning.percentileMillis(90), toRunning.percentileMillis(100));
        System.out.printf("StartJobRun -> SUCCEEDED (script 'pass'), %d runs:              p50 %7.1f ms  p90 %7.1f ms  max %7.1f ms%n",
                starts, toEnd.percentileMillis(50), toEnd.percentileMillis(90), toEnd.percentileMillis(100));
        System.out.printf("python3 -c pass started and ended by this JVM, %d times:      p50 %7.1f ms  p90 %7.1f ms  max %7.1f ms%n",
                starts, bare.percentileMillis(50), bare.percentileMillis(90), bare.percentileMillis(100));
    }

    // ---- listings

    private void listJobs(URI target) throws Exception {
        // with bench-shell, the account holds the AWS quota of 1,000 jobs
        long t0 = System.nanoTime();
        parallel(jobs - 1, i -> "CreateJob", i -> "{\"Name\":\"job-" + String.format("%05d", i) + "\",\"Role\":\"bench\","
                + "\"Command\":{\"Name\":\"pythonshell\",\"ScriptLocation\":\"s3://bench-jobs/exit.py\"},\"MaxCapacity\":1.0}", target);
        System.out.printf("CreateJob x %,d (%d threads): %.1f s%n", jobs - 1, threads, (System.nanoTime() - t0) / 1e9);
        timeListing(target, "ListJobs", "{}", "JobNames", 1000, jobs, "names");
        timeListing(target, "GetJobs", "{}", "Jobs", 1000, jobs, "jobs");
        timeListing(target, "GetJobs", "{}", "Jobs", 100, jobs, "jobs"); // GetTables' largest page, to compare
    }

    private void listRuns(URI target) throws Exception {
        glue(target, "DeleteJob", "{\"JobName\":\"job-00000\"}"); // room under the quota
        glue(target, "CreateJob", "{\"Name\":\"bench-many\",\"Role\":\"bench\",\"Command\":{\"Name\":\"glueetl\","
                + "\"ScriptLocation\":\"s3://bench-jobs/etl.py\"},\"GlueVersion\":\"4.0\",\"WorkerType\":\"G.1X\",\"NumberOfWorkers\":2,"
                + "\"ExecutionProperty\":{\"MaxConcurrentRuns\":1000},\"JobRunQueuingEnabled\":true}");
        long t0 = System.nanoTime();
        parallel(runs, i -> "StartJobRun", i -> "{\"JobName\":\"bench-many\",\"Arguments\":{\"--n\":\"" + i + "\"}}", target);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("StartJobRun x %,d (%d threads, runs end FAILED without a process): %.1f s, %.0f runs/s%n",
                runs, threads, seconds, runs / seconds);
        timeListing(target, "GetJobRuns", "{\"JobName\":\"bench-many\"}", "JobRuns", 200, runs, "runs");
    }

    private void listTables(URI target) throws Exception {
        glue(target, "CreateDatabase", "{\"DatabaseInput\":{\"Name\":\"bench_list\"}}");
        parallel(jobs, i -> "CreateTable", i -> "{\"DatabaseName\":\"bench_list\",\"TableInput\":{\"Name\":\"t" + String.format("%05d", i)
                + "\",\"TableType\":\"EXTERNAL_TABLE\",\"Parameters\":{\"classification\":\"json\"},\"StorageDescriptor\":{\"Columns\":"
                + "[{\"Name\":\"id\",\"Type\":\"bigint\"},{\"Name\":\"url\",\"Type\":\"string\"}],\"Location\":\"s3://bucket/t" + i
                + "/\",\"SerdeInfo\":{\"SerializationLibrary\":\"org.openx.data.jsonserde.JsonSerDe\"}}}}", target);
        timeListing(target, "GetTables", "{\"DatabaseName\":\"bench_list\"}", "TableList", 100, jobs, "tables");
    }

    /** Pages through a whole listing {@code repeats} times (one warm-up first) and prints the time of each. */
    private void timeListing(URI target, String operation, String request, String member, int pageSize, int expected, String unit)
            throws Exception {
        List<Double> millis = new ArrayList<>();
        int pages = 0;
        for (int r = 0; r <= repeats; r++) {
            long t0 = System.nanoTime();
            int count = 0;
            pages = 0;
            String token = null;
            do {
                ObjectNode body = (ObjectNode) JSON.readTree(request);
                body.put("MaxResults", pageSize);
                if (token != null) {
                    body.put("NextToken", token);
                }
                JsonNode page = glue(target, operation, body.toString());
                count += page.get(member).size();
                pages++;
                token = page.hasNonNull("NextToken") && !page.get("NextToken").asText().isEmpty() ? page.get("NextToken").asText() : null;
            } while (token != null);
            if (count != expected) {
                throw new IllegalStateException(operation + " listed " + count + " " + unit + ", not " + expected);
            }
            if (r > 0) {
                millis.add((System.nanoTime() - t0) / 1e6);
            }
        }
        double best = millis.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double median = millis.stream().sorted().toList().get(millis.size() / 2);
        System.out.printf("%-10s %,6d %-9s in %3d pages of %4d: median %7.1f ms (%,9.0f %s/s), best %7.1f ms; each run %s%n",
                operation, expected, unit, pages, pageSize, median, expected / median * 1000, unit, best,
                millis.stream().map(m -> String.format("%.0f", m)).toList());
    }

    private void parallel(int count, Function<Integer, String> operation, Function<Integer, String> body, URI target) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < count; i += threads) {
                        glue(target, operation.apply(i), body.apply(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private JsonNode glue(URI target, String operation, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve("/")).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSGlue." + operation)
                .header("X-Amz-Date", "20260101T000000Z")
                // lenient mode: the scope selects the service and the account; the signature is not checked
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/glue/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=0000");
        return JSON.readTree(send(target, b));
    }

    private String send(URI target, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(request.build().uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isEmpty() ? "{}" : r.body();
    }

    private static double loadAverage() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os.getSystemLoadAverage();
    }
}
