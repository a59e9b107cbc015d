package io.tarn.glue.engine.jobs;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.ports.ObjectStorePort;
import io.tarn.glue.engine.crawler.S3Location;
import io.tarn.glue.model.JobDefinition;
import io.tarn.glue.model.JobRunRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs job runs as child processes of Tarn: Python shell jobs with the machine's {@code python3} and Tarn's
 * {@code awsglue} package on the path; Spark jobs with the user's {@code spark-submit} when configured. The
 * script and the {@code --extra-py-files} / {@code --extra-jars} are fetched from Tarn's S3 into the run's
 * folder first and deleted when the process ends; stdout and stderr go to bounded files there, read by
 * {@code /_tarn/glue/job-runs/<id>/logs} until the run itself is deleted ({@link #forget}).
 */
public final class ProcessLauncher implements JobLauncher {

    static final String SPARK_NOT_CONFIGURED = "Spark jobs (glueetl, gluestreaming) need a Spark: start Tarn with "
            + "--glue-spark-submit /path/to/spark/bin/spark-submit (and optionally --glue-spark-master <master URL>, "
            + "local[*] by default); see the README's Glue jobs section";
    static final String RAY_NOT_SUPPORTED = "Ray jobs (glueray) are not run by Tarn";
    /** How many lines of stderr a failed run reports as its ErrorMessage. */
    static final int ERROR_LINES = 5;
    private static final int S3_WAIT_ATTEMPTS = 100;
    private static final long S3_WAIT_MILLIS = 50;
    /** What a run's folder holds besides its logs, deleted when the process ends. */
    private static final List<String> FETCHED = List.of("script", "py", "jars", "modules", "bookmark-out.json");

    private final LaunchSettings settings;
    private final Supplier<Optional<ObjectStorePort>> objectStore;
    private final Supplier<URI> endpoint;
    private final Function<@Nullable String, RunCredentials> credentials;
    private final ExecutorService io;
    private final Path pythonLib;
    private final PythonModules pythonModules;

    /**
     * @param credentials the credentials of the access key that started a run (null: none)
     * @param io threads that copy the processes' output and wait for their exit
     */
    public ProcessLauncher(LaunchSettings settings, Supplier<Optional<ObjectStorePort>> objectStore, Supplier<URI> endpoint,
            Function<@Nullable String, RunCredentials> credentials, ExecutorService io) {
        this.settings = settings;
        this.objectStore = objectStore;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.io = io;
        this.pythonLib = GluePythonLibrary.install(settings.runsDir().resolve("python-lib"));
        this.pythonModules = new PythonModules(settings.python(), settings.runsDir().resolve("python-modules"));
    }

    @Override
    public Launched launch(RunRequest request, Consumer<RunExit> onExit) throws LaunchException {
        JobRunRecord run = request.run();
        String commandName = run.settings().command().name();
        boolean spark = JobDefinition.SPARK.equals(commandName) || JobDefinition.STREAMING.equals(commandName);
        if (spark && settings.sparkSubmit() == null) {
            throw new LaunchException(SPARK_NOT_CONFIGURED);
        }
        if (JobDefinition.RAY.equals(commandName)) {
            throw new LaunchException(RAY_NOT_SUPPORTED);
        }
        Path dir = settings.runDir(run.id());
        ObjectStorePort s3 = objectStore();
        Path script;
        List<Path> pyFiles;
        List<Path> jars;
        Path modules;
        try {
            Files.createDirectories(dir);
            script = fetch(s3, run.settings().command().scriptLocation(), dir.resolve("script"));
            pyFiles = fetchAll(s3, run.arguments().get(SparkSubmitCommand.EXTRA_PY_FILES), dir.resolve("py"));
            jars = spark ? fetchAll(s3, run.arguments().get(SparkSubmitCommand.EXTRA_JARS), dir.resolve("jars")) : List.of();
            modules = installModules(s3, run, dir);
        } catch (IOException e) {
            deleteFetched(dir);
            throw new LaunchException("Could not prepare the run's files: " + e.getMessage());
        } catch (LaunchException e) {
            deleteFetched(dir);
            throw e;
        }
        URI tarn = endpoint.get();
        String region = request.ns().region();
        RunCredentials runCredentials = credentials.apply(run.callerAccessKey());
        List<String> command = spark
                ? SparkSubmitCommand.build(settings.sparkSubmit(), settings.sparkMaster(), tarn, region, run.jobName(), run.id(),
                        script, jars, pyFiles, run.arguments())
                : PythonShellCommand.build(settings.python(), script, run.jobName(), run.id(), run.arguments());
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        RunEnvironment.apply(env, tarn, region, runCredentials);
        env.put("PYTHONPATH", pythonPath(modules, pyFiles));
        Path bookmarkOut = dir.resolve("bookmark-out.json");
        env.put(RunEnvironment.BOOKMARK_OUT, bookmarkOut.toString());
        if (request.bookmark() != null) {
            env.put(RunEnvironment.BOOKMARK_IN, request.bookmark());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            deleteFetched(dir);
            throw new LaunchException("Could not start " + command.get(0) + ": " + e.getMessage());
        }
        BoundedLog stdout = new BoundedLog(dir.resolve("stdout.log"));
        BoundedLog stderr = new BoundedLog(dir.resolve("stderr.log"));
        CompletableFuture<Void> out = CompletableFuture.runAsync(() -> copy(process.getInputStream(), stdout), io);
        CompletableFuture<Void> err = CompletableFuture.runAsync(() -> copy(process.getErrorStream(), stderr), io);
        CompletableFuture.allOf(out, err).whenCompleteAsync((v, e) -> {
            int status = waitFor(process);
            String message = status == 0 ? null : errorMessage(status, stderr);
            String bookmark = readBookmark(bookmarkOut);
            deleteFetched(dir);
            onExit.accept(new RunExit(status == 0, message, bookmark));
        }, io);
        return new Launched() {
            @Override
            public @Nullable Long pid() {
                return process.pid();
            }

            @Override
            public void kill() {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        };
    }

    /**
     * Tarn's S3. Services start side by side, so a run resumed at start-up (a WAITING run) may ask before S3
     * has registered: it waits a little for it before concluding that this build has no S3.
     */
    private ObjectStorePort objectStore() throws LaunchException {
        for (int attempt = 0; attempt < S3_WAIT_ATTEMPTS; attempt++) {
            Optional<ObjectStorePort> s3 = objectStore.get();
            if (s3.isPresent()) {
                return s3.get();
            }
            try {
                Thread.sleep(S3_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new LaunchException("S3 is not part of this build of Tarn: the job's script cannot be read");
    }

    @Override
    public void forget(String runId) {
        deleteTree(settings.runDir(runId));
    }

    /** What the run was given (script, extra files) and its bookmark hand-over: only its logs stay. */
    private static void deleteFetched(Path dir) {
        for (String fetched : FETCHED) {
            deleteTree(dir.resolve(fetched));
        }
    }

    /** Best effort: a file still open elsewhere is left for the next removal. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // left in place; nothing reads it
        }
    }

    /** The run's ErrorMessage: the last lines of its stderr, or its exit status when it wrote none. */
    static String errorMessage(int status, BoundedLog stderr) {
        // a Spark job's driver: its uncaught exception, not the shutdown logging Spark writes after it
        String uncaught = SparkSubmitCommand.uncaughtException(stderr.lastLines(Integer.MAX_VALUE));
        if (uncaught != null) {
            return uncaught;
        }
        String last = stderr.lastLines(ERROR_LINES);
        return last.isEmpty() ? "Command failed with exit code " + status : last;
    }

    /** The folder of the run's {@code --additional-python-modules} (null: none asked), wheels on S3 fetched first. */
    private @Nullable Path installModules(ObjectStorePort s3, JobRunRecord run, Path dir) throws IOException, LaunchException {
        List<String> requirements = new ArrayList<>();
        for (String r : PythonModules.requirements(run.arguments().get(PythonModules.MODULES))) {
            requirements.add(r.startsWith("s3://") ? fetch(s3, r, dir.resolve("modules")).toString() : r);
        }
        if (requirements.isEmpty()) {
            return null;
        }
        return pythonModules.install(requirements, run.arguments().get(PythonModules.INSTALLER_OPTIONS),
                new BoundedLog(dir.resolve("install.log")));
    }

    private String pythonPath(@Nullable Path modules, List<Path> pyFiles) {
        List<String> entries = new ArrayList<>();
        entries.add(pythonLib.toString());
        if (modules != null) {
            entries.add(modules.toString());
        }
        for (Path p : pyFiles) {
            // a .py file is imported from its folder, a .zip or .whl is itself a path entry
            String entry = p.toString().endsWith(".py") ? p.getParent().toString() : p.toString();
            if (!entries.contains(entry)) {
                entries.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static Path fetch(ObjectStorePort s3, @Nullable String location, Path folder) throws IOException, LaunchException {
        S3Location at;
        try {
            at = S3Location.parse(location);
        } catch (AwsException e) {
            throw new LaunchException("ScriptLocation " + location + " is not an s3:// location in Tarn's S3");
        }
        String name = at.prefix().substring(at.prefix().lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            throw new LaunchException(location + " names no object");
        }
        Files.createDirectories(folder);
        Path target = folder.resolve(name);
        try (InputStream in = s3.read(at.bucket(), at.prefix(), 0, Long.MAX_VALUE)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (AwsException e) {
            throw new LaunchException("Could not read " + location + " from S3: " + e.getMessage());
        }
        return target;
    }

    /** The comma-separated s3:// paths of {@code --extra-py-files} or {@code --extra-jars}, fetched. */
    private static List<Path> fetchAll(ObjectStorePort s3, @Nullable String paths, Path folder) throws IOException, LaunchException {
        List<Path> fetched = new ArrayList<>();
        if (paths != null) {
            for (String path : paths.split(",")) {
                if (!path.isBlank()) {
                    fetched.add(fetch(s3, path.trim(), folder));
                }
            }
        }
        return fetched;
    }

    private static void copy(InputStream in, BoundedLog log) {
        try (in) {
            log.copy(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    private static @Nullable String readBookmark(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
