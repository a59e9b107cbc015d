package io.tarn.glue.engine.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Glue's {@code --additional-python-modules}: the comma-separated requirements (names with versions, or
 * wheels fetched from S3 beforehand) are installed with {@code pip install --target} into a folder that goes
 * on the run's {@code PYTHONPATH}, with {@code --python-modules-installer-option}'s options given to pip as
 * Glue gives them (split at spaces). pip reads its usual configuration (pip.conf, {@code PIP_*}), so a local
 * index works as it does for the user. Installs are kept by module set (the requirements, the wheels'
 * bytes, the options and the Python), so a rerun finds its modules installed: a folder is only used once its
 * install completed, and two runs that need one set wait for a single install.
 */
final class PythonModules {

    static final String MODULES = "--additional-python-modules";
    static final String INSTALLER_OPTIONS = "--python-modules-installer-option";
    /** An install that takes longer is killed and its run fails. */
    static final long INSTALL_TIMEOUT_MINUTES = 10;
    private static final String COMPLETE = ".tarn-complete";

    private final String python;
    private final Path cache;
    private final Map<String, Object> installing = new ConcurrentHashMap<>();

    /** @param cache where each module set's folder is kept ({@code <cache>/<sha-256 of the set>}) */
    PythonModules(String python, Path cache) {
        this.python = python;
        this.cache = cache;
    }

    /** The requirements of {@code --additional-python-modules}; the s3:// ones are for the caller to fetch. */
    static List<String> requirements(@Nullable String argument) {
        List<String> out = new ArrayList<>();
        if (argument != null) {
            for (String r : argument.split(",")) {
                if (!r.isBlank()) {
                    out.add(r.trim());
                }
            }
        }
        return out;
    }

    /**
     * The folder holding the set installed: from the cache, else installed now (pip's output kept in
     * {@code log}).
     *
     * @param requirements pip requirements and paths of fetched wheels
     * @throws JobLauncher.LaunchException when pip fails: the message ends with pip's last lines
     */
    Path install(List<String> requirements, @Nullable String installerOptions, BoundedLog log)
            throws JobLauncher.LaunchException, IOException {
        List<String> options = installerOptions == null || installerOptions.isBlank() ? List.of()
                : Arrays.asList(installerOptions.trim().split("\\s+"));
        String key = key(requirements, options);
        Path target = cache.resolve(key);
        synchronized (installing.computeIfAbsent(key, k -> new Object())) {
            if (Files.exists(target.resolve(COMPLETE))) {
                return target;
            }
            Files.createDirectories(cache);
            Path partial = Files.createTempDirectory(cache, key + ".partial-");
            List<String> command = new ArrayList<>(List.of(python, "-m", "pip", "install", "--target", partial.toString(),
                    "--no-input", "--disable-pip-version-check"));
            command.addAll(options);
            command.addAll(requirements);
            int status = run(command, log);
            if (status != 0) {
                deleteQuietly(partial);
                String last = log.lastLines(ProcessLauncher.ERROR_LINES);
                throw new JobLauncher.LaunchException("Installing " + MODULES + " failed (pip exit code " + status + ")"
                        + (last.isEmpty() ? "" : ":\n" + last));
            }
            Files.createFile(partial.resolve(COMPLETE));
            deleteQuietly(target); // an install cut short by a crash left no marker: it is redone
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        }
    }

    private static int run(List<String> command, BoundedLog log) throws JobLauncher.LaunchException, IOException {
        Process pip;
        try {
            pip = new ProcessBuilder(command).redirectErrorStream(true).start();
            pip.getOutputStream().close(); // no input: pip never waits for an answer
        } catch (IOException e) {
            throw new JobLauncher.LaunchException("Could not start pip to install " + MODULES + ": " + e.getMessage());
        }
        try (InputStream out = pip.getInputStream()) {
            log.copy(out); // returns when pip closes its output, at its exit
            if (!pip.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                pip.destroyForcibly();
                throw new JobLauncher.LaunchException("Installing " + MODULES + " took more than " + INSTALL_TIMEOUT_MINUTES
                        + " minutes");
            }
            return pip.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pip.descendants().forEach(ProcessHandle::destroyForcibly);
            pip.destroyForcibly();
            throw new JobLauncher.LaunchException("Installing " + MODULES + " was interrupted");
        }
    }

    /** The set's name: what pip is given, a fetched wheel by its bytes (its temporary path differs per run). */
    private String key(List<String> requirements, List<String> options) throws IOException {
        MessageDigest sha = sha256();
        sha.update(python.getBytes(StandardCharsets.UTF_8));
        for (String r : requirements) {
            sha.update((byte) 0);
            Path file = r.startsWith("/") ? Path.of(r) : null;
            if (file != null && Files.isRegularFile(file)) {
                sha.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(file));
            } else {
                sha.update(r.getBytes(StandardCharsets.UTF_8));
            }
        }
        for (String o : options) {
            sha.update((byte) 1);
            sha.update(o.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path root) {
        ProcessLauncher.deleteTree(root);
    }
}
