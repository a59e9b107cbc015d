package io.tarn.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Time from process start to a 200 on /_tarn/health, and the idle RSS after it. */
@Command(name = "startup", description = "Start-up time to healthy and idle RSS of the server jar.")
final class StartupBenchmark implements Callable<Integer> {

    @Option(names = "--jar", defaultValue = "emulator-server/target/tarn-server.jar", description = "Server jar.")
    Path jar;

    @Option(names = "--runs", defaultValue = "5", description = "Starts to measure (after one warm-up start).")
    int runs;

    @Option(names = "--idle-seconds", defaultValue = "3", description = "How long to idle before reading RSS.")
    int idleSeconds;

    @Option(names = "--jvm-arg", description = "Extra JVM argument for the server (repeatable).")
    List<String> jvmArgs = new ArrayList<>();

    @Option(names = "--cds", description = "Record a static class-data-sharing archive first (as ./tarn does), then measure with it.")
    boolean cds;

    @Override
    public Integer call() throws Exception {
        double[] startup = new double[runs];
        double[] rss = new double[runs];
        List<String> warmArgs = new ArrayList<>(jvmArgs);
        Path classList = null;
        Path archive = null;
        if (cds) {
            classList = Files.createTempFile("tarn-", ".classlist");
            archive = Files.createTempFile("tarn-", ".jsa");
            archive.toFile().deleteOnExit();
            warmArgs.add("-XX:DumpLoadedClassList=" + classList);
        }
        try (ServerUnderTest warm = ServerUnderTest.start(jar, warmArgs, List.of("--ephemeral"))) {
            System.out.printf("warm-up start: %.0f ms%n", warm.startupMillis());
        }
        if (cds) {
            dumpArchive(classList, archive);
            jvmArgs.add("-XX:SharedArchiveFile=" + archive);
            jvmArgs.add("-Xlog:cds=off");
        }
        double[] bare = new double[runs];
        try (ServerUnderTest warm = ServerUnderTest.startBare()) {
            warm.startupMillis();
        }
        for (int i = 0; i < runs; i++) {
            // Tarn and the bare JDK server take turns, so that both see the machine in the same state.
            try (ServerUnderTest s = ServerUnderTest.start(jar, jvmArgs, List.of("--ephemeral"))) {
                startup[i] = s.startupMillis();
                Thread.sleep(idleSeconds * 1000L);
                rss[i] = s.rssMiB();
            }
            try (ServerUnderTest s = ServerUnderTest.startBare()) {
                bare[i] = s.startupMillis();
            }
            System.out.printf("run %d: healthy after %.0f ms (bare JDK HTTP server: %.0f ms), idle RSS %.1f MiB%n",
                    i + 1, startup[i], bare[i], rss[i]);
        }
        Arrays.sort(startup);
        Arrays.sort(rss);
        Arrays.sort(bare);
        System.out.printf("startup to healthy: median %.0f ms, min %.0f ms, max %.0f ms (%d runs, jvm args %s)%n",
                startup[runs / 2], startup[0], startup[runs - 1], runs, jvmArgs);
        System.out.printf("bare JDK HTTP server to its first 200: median %.0f ms, min %.0f ms%n", bare[runs / 2], bare[0]);
        System.out.printf("idle RSS: median %.1f MiB, max %.1f MiB%n", rss[runs / 2], rss[runs - 1]);
        return 0;
    }

    /** A static archive of the classes the warm-up start loaded, recorded as ./tarn records it. */
    private void dumpArchive(Path classList, Path archive) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ServerUnderTest.launchOptions()); // the same collector as the runs that map it
        cmd.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + archive,
                "-Xlog:cds=off", "-cp", jar.toString()));
        Process dump = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int exit = dump.waitFor();
        Files.delete(classList);
        if (exit != 0) {
            throw new IllegalStateException("recording the class-data-sharing archive failed");
        }
    }
}
