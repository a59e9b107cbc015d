package io.tarn.core.spi;

/**
 * One emulated AWS service. Found by the server through {@link java.util.ServiceLoader}, so a
 * build with fewer service modules still runs.
 */
public interface AwsService {

    ServiceDescriptor descriptor();

    /**
     * Opens the service's state and returns the handler for its requests. Called once, off the
     * event loop, possibly in parallel with other services' start.
     */
    RequestHandler start(ServiceContext context);

    /**
     * How the service's keyspace (named after the service) is mostly read; it decides the
     * keyspace's table settings.
     */
    default io.tarn.core.store.AccessPattern accessPattern() {
        return io.tarn.core.store.AccessPattern.POINT_READS;
    }

    /** Admin endpoints of this service by sub-path: {@code "audit"} serves {@code /_tarn/kms/audit}. */
    default java.util.Map<String, AdminRoute> adminRoutes() {
        return java.util.Map.of();
    }

    /** Forgets in-memory state after the service's keyspace was cleared by an admin reset. */
    default void reset() {}

    /** Stops timers and background work; the store is closed after every service closed. */
    default void close() {}
}
