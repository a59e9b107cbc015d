package io.tarn.benchmark;

import java.lang.management.ManagementFactory;

/**
 * CPU seconds the server and this client spent during a run. The two share the machine's cores,
 * so the server's CPU per request is the steadier figure when the machine's speed drifts.
 */
record CpuUse(ServerUnderTest server, double serverStart, double clientStart) {

    static CpuUse start(ServerUnderTest server) {
        return new CpuUse(server, server == null ? Double.NaN : server.cpuSeconds(), clientCpuSeconds());
    }

    /** The CPU used since {@link #start}, and the server's per one of {@code units} ({@code unit}: "record", "object"...). */
    String report(long units, String unit) {
        double client = clientCpuSeconds() - clientStart;
        if (server == null) {
            return String.format("client CPU %.1f s", client);
        }
        double s = server.cpuSeconds() - serverStart;
        return String.format("CPU: server %.1f s (%.1f us/%s), client %.1f s", s, s * 1e6 / Math.max(1, units), unit, client);
    }

    private static double clientCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }
}
