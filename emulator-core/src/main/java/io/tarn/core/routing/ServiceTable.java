package io.tarn.core.routing;

import io.tarn.core.spi.AwsService;
import io.tarn.core.spi.RequestHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** The services of this server, each with its start-up status and, once ready, its handler. */
public final class ServiceTable {

    private final List<AwsService> services;
    private final Map<AwsService, RequestHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, ServiceStatus> status = new ConcurrentHashMap<>();

    public ServiceTable(List<AwsService> services) {
        this.services = List.copyOf(services);
        services.forEach(s -> status.put(s.descriptor().name(), ServiceStatus.STARTING));
    }

    public List<AwsService> services() {
        return services;
    }

    public void ready(AwsService service, RequestHandler handler) {
        handlers.put(service, handler);
        status.put(service.descriptor().name(), ServiceStatus.READY);
    }

    public void failed(AwsService service) {
        status.put(service.descriptor().name(), ServiceStatus.FAILED);
    }

    public @Nullable RequestHandler handler(AwsService service) {
        return handlers.get(service);
    }

    public @Nullable AwsService byName(String name) {
        return services.stream().filter(s -> s.descriptor().name().equals(name)).findFirst().orElse(null);
    }

    /** Status by service name, in registration order. */
    public Map<String, ServiceStatus> statuses() {
        Map<String, ServiceStatus> out = new LinkedHashMap<>();
        services.forEach(s -> out.put(s.descriptor().name(), status.get(s.descriptor().name())));
        return out;
    }

    public boolean allReady() {
        return status.values().stream().allMatch(s -> s == ServiceStatus.READY);
    }
}
