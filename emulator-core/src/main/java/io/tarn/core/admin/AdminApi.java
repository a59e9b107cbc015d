package io.tarn.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tarn.core.error.AwsException;
import io.tarn.core.http.Exchange;
import io.tarn.core.http.RequestHead;
import io.tarn.core.routing.ServiceStatus;
import io.tarn.core.routing.ServiceTable;
import io.tarn.core.spi.AdminRoute;
import io.tarn.core.spi.AwsService;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.core.time.EmulatorClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /_tarn/*} endpoints, JSON in and out: health, the emulator clock (read, advance,
 * scale), reset of all state or one service's, and each service's own admin routes. Calls that
 * change state pass {@link AdminAccess} first; every error has the shape of {@link AdminErrors}.
 */
public final class AdminApi {

    public static final String PREFIX = "/_tarn/";
    private static final Logger log = LoggerFactory.getLogger(AdminApi.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ServiceTable services;
    private final AdminAccess access;
    private final EmulatorClock clock;
    private final Consumer<@Nullable String> reset;
    private final String version;

    /**
     * @param reset clears all state (argument null) or one service's (its name)
     */
    public AdminApi(ServiceTable services, AdminAccess access, EmulatorClock clock, Consumer<@Nullable String> reset,
            String version) {
        this.services = services;
        this.access = access;
        this.clock = clock;
        this.reset = reset;
        this.version = version;
    }

    public Exchange exchange(RequestHead head) {
        return new Exchange() {
            @Override
            public long maxBodyBytes() {
                return 1 << 20;
            }

            @Override
            public ServiceResponse complete(byte[] body) {
                try {
                    access.check(head, body);
                    return route(head, body);
                } catch (AwsException e) {
                    return AdminErrors.response(e);
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    return AdminErrors.response(AdminErrors.VALIDATION.exception(e.getMessage()));
                } catch (RuntimeException e) {
                    log.error("admin request {} {} failed", head.method(), head.rawPath(), e);
                    return AdminErrors.response(AdminErrors.INTERNAL_FAILURE.exception("The admin request failed; see the server log."));
                }
            }

            @Override
            public ServiceResponse tooLarge() {
                return AdminErrors.response(AdminErrors.REQUEST_TOO_LARGE.exception("Admin requests are limited to 1 MiB."));
            }
        };
    }

    private ServiceResponse route(RequestHead head, byte[] body) {
        String path = head.rawPath().substring(PREFIX.length());
        String method = head.method();
        switch (path) {
            case "health":
                return health();
            case "clock":
                if (method.equals("POST")) {
                    changeClock(parse(body));
                } else if (!method.equals("GET")) {
                    throw notAllowed(method, path);
                }
                return clockState();
            case "reset":
                if (!method.equals("POST")) {
                    throw notAllowed(method, path);
                }
                return doReset(head, parse(body));
            default:
                return serviceRoute(path, head, body);
        }
    }

    private ServiceResponse health() {
        Map<String, ServiceStatus> statuses = services.statuses();
        boolean ready = services.allReady();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", ready ? "ready" : statuses.containsValue(ServiceStatus.FAILED) ? "failed" : "starting");
        out.put("version", version);
        Map<String, String> per = new LinkedHashMap<>();
        statuses.forEach((name, s) -> per.put(name, s.wire()));
        out.put("services", per);
        return json(ready ? 200 : 503, out);
    }

    private void changeClock(JsonNode request) {
        JsonNode scale = request.get("scale");
        JsonNode advance = request.get("advance");
        JsonNode advanceTo = request.get("advanceTo");
        if (scale == null && advance == null && advanceTo == null) {
            throw new IllegalArgumentException("Give 'advance' (an ISO-8601 duration such as P30D), 'advanceTo' (an instant) or 'scale'.");
        }
        if (scale != null) {
            if (!scale.isNumber()) {
                throw new IllegalArgumentException("'scale' must be a number >= 0");
            }
            clock.setScale(scale.asDouble());
        }
        if (advance != null) {
            clock.advance(Duration.parse(advance.asText()));
        }
        if (advanceTo != null) {
            clock.advanceTo(Instant.parse(advanceTo.asText()));
        }
    }

    private ServiceResponse clockState() {
        Map<String, Object> out = new LinkedHashMap<>();
        Instant now = clock.instant();
        out.put("now", now.toString());
        out.put("epochMillis", now.toEpochMilli());
        out.put("scale", clock.scale());
        return json(200, out);
    }

    private ServiceResponse doReset(RequestHead head, JsonNode request) {
        String service = head.queryParam("service");
        if (service == null && request.hasNonNull("service")) {
            service = request.get("service").asText();
        }
        if (service != null && services.byName(service) == null) {
            throw AdminErrors.NOT_FOUND.exception("No service named %s; known: %s", service, services.statuses().keySet());
        }
        reset.accept(service);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reset", service == null ? "all" : service);
        return json(200, out);
    }

    private ServiceResponse serviceRoute(String path, RequestHead head, byte[] body) {
        int slash = path.indexOf('/');
        AwsService service = slash > 0 ? services.byName(path.substring(0, slash)) : null;
        String sub = slash > 0 ? path.substring(slash + 1) : "";
        Map<String, AdminRoute> routes = service == null ? Map.of() : service.adminRoutes();
        AdminRoute route = routes.containsKey(sub) ? routes.get(sub) : sub.isEmpty() ? null : routes.get(AdminRoute.ANY);
        if (route == null) {
            throw AdminErrors.NOT_FOUND.exception("No admin endpoint %s%s", PREFIX, path);
        }
        return route.handle(head.method(), sub, head.query(), body);
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("The body must be a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("The body is not valid JSON.");
        }
    }

    private static AwsException notAllowed(String method, String path) {
        return AdminErrors.METHOD_NOT_ALLOWED.exception("%s is not allowed on %s%s", method, PREFIX, path);
    }

    /** A JSON answer. */
    public static ServiceResponse json(int status, Object body) {
        try {
            return ServiceResponse.of(status, "application/json", JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
