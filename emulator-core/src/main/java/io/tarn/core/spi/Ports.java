package io.tarn.core.spi;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The narrow interfaces services offer each other (ports/): a service registers the ports it
 * implements at start, another looks them up when it needs them, never reaching into its store.
 */
public final class Ports {

    private final Map<Class<?>, Object> ports = new ConcurrentHashMap<>();

    public <T> void register(Class<T> port, T implementation) {
        ports.put(port, port.cast(implementation));
    }

    public <T> Optional<T> find(Class<T> port) {
        return Optional.ofNullable(port.cast(ports.get(port)));
    }

    public <T> T require(Class<T> port) {
        return find(port).orElseThrow(() -> new IllegalStateException(port.getSimpleName() + " is not available in this build"));
    }
}
