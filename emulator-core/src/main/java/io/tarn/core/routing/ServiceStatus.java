package io.tarn.core.routing;

/** Where a service is in its start-up, as the health endpoint reports it. */
public enum ServiceStatus {
    STARTING("starting"),
    READY("ready"),
    FAILED("failed");

    private final String wire;

    ServiceStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
