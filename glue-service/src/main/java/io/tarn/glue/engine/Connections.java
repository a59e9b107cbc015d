package io.tarn.glue.engine;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.model.ConnectionDefinition;
import io.tarn.glue.model.ConnectionMeta;
import io.tarn.glue.model.GlueKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Connections: names unique per account and region (kept as given), a type of the model's list and the
 * properties a connection of that type cannot work without. Their tags go with them.
 */
public final class Connections {

    /** The most ConnectionProperties a connection has, as the model says. */
    static final int MAX_PROPERTIES = 100;
    /** Every ConnectionType of the botocore Glue model, one a line. */
    private static final Set<String> TYPES = readTypes();
    /** The property each connection type needs to reach anything, as AWS's connection properties page lists them. */
    private static final Map<String, String> REQUIRED_PROPERTY = Map.of(
            "JDBC", "JDBC_CONNECTION_URL",
            "KAFKA", "KAFKA_BOOTSTRAP_SERVERS",
            "MONGODB", "CONNECTION_URL");

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Object lock;

    Connections(Keyspace keyspace, EmulatorClock clock, Object lock) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.lock = lock;
    }

    /** Creates a connection with its create-time tags, in one batch. */
    public ConnectionMeta create(Namespace ns, ConnectionDefinition input, @Nullable Map<String, String> tags, String caller) {
        String name = validate(input);
        synchronized (lock) {
            if (find(ns, name) != null) {
                throw GlueErrors.ALREADY_EXISTS.exception("Connection already exists.");
            }
            Instant now = clock.instant();
            ConnectionMeta connection = new ConnectionMeta(input, now, now, caller);
            keyspace.write(b -> {
                Tags.attach(b, ns, Tags.resource("connection", name), tags);
                b.put(GlueKeys.connection(ns, name), connection);
            });
            return connection;
        }
    }

    public ConnectionMeta get(Namespace ns, @Nullable String name) {
        String checked = Names.check(name, "name");
        ConnectionMeta connection = find(ns, checked);
        if (connection == null) {
            throw notFound(checked);
        }
        return connection;
    }

    /**
     * Replaces a connection's definition. A new name in {@code input} renames it (its tags follow), as
     * the Glue console's rename does through UpdateConnection.
     */
    public ConnectionMeta update(Namespace ns, @Nullable String name, ConnectionDefinition input, String caller) {
        String newName = validate(input);
        synchronized (lock) {
            ConnectionMeta current = get(ns, name);
            boolean renamed = !newName.equals(current.name());
            if (renamed && find(ns, newName) != null) {
                throw GlueErrors.ALREADY_EXISTS.exception("Connection already exists.");
            }
            ConnectionMeta updated = new ConnectionMeta(input, current.creationTime(), clock.instant(), caller);
            keyspace.write(b -> {
                if (renamed) {
                    b.delete(GlueKeys.connection(ns, current.name()));
                    Map<String, String> tags = Tags.stored(keyspace, ns, Tags.resource("connection", current.name()));
                    Tags.detach(b, ns, Tags.resource("connection", current.name()));
                    Tags.attach(b, ns, Tags.resource("connection", newName), tags);
                }
                b.put(GlueKeys.connection(ns, newName), updated);
            });
            return updated;
        }
    }

    /** Deletes a connection and its tags. */
    public void delete(Namespace ns, @Nullable String name) {
        synchronized (lock) {
            ConnectionMeta connection = get(ns, name);
            keyspace.write(b -> {
                b.delete(GlueKeys.connection(ns, connection.name()));
                Tags.detach(b, ns, Tags.resource("connection", connection.name()));
            });
        }
    }

    /**
     * Connections by name, from {@code after} (exclusive), those of {@code type} (when given), of the
     * given schema version (when given) and whose MatchCriteria include every one of {@code criteria}.
     */
    public Page<ConnectionMeta> list(Namespace ns, @Nullable String type, @Nullable List<String> criteria,
            @Nullable Integer schemaVersion, @Nullable String after, int limit) {
        return Listing.page(keyspace, GlueKeys.connections(ns), after, limit, e -> {
            ConnectionMeta c = e.value(ConnectionMeta.class);
            ConnectionDefinition d = c.definition();
            boolean matches = (type == null || type.equals(d.connectionType()))
                    && (schemaVersion == null || schemaVersion == d.schemaVersion())
                    && (criteria == null || criteria.isEmpty()
                            || (d.matchCriteria() != null && d.matchCriteria().containsAll(criteria)));
            return matches ? c : null;
        });
    }

    /** The whether-it-exists answer TagResource needs. */
    @Nullable AwsException missing(Namespace ns, String name) {
        return find(ns, name) == null ? notFound(name) : null;
    }

    private @Nullable ConnectionMeta find(Namespace ns, String name) {
        return keyspace.get(GlueKeys.connection(ns, name), ConnectionMeta.class).orElse(null);
    }

    /** The connection's name once its definition passes the model's constraints and its type's needs. */
    private static String validate(ConnectionDefinition input) {
        String name = Names.check(input.name(), "connectionInput.name");
        String type = input.connectionType();
        if (type == null) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value null at 'connectionInput.connectionType' "
                    + "failed to satisfy constraint: Member must not be null");
        }
        if (!TYPES.contains(type)) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'connectionInput.connectionType' "
                    + "failed to satisfy constraint: Member must satisfy enum value set: [%s]", type, String.join(", ", TYPES));
        }
        Map<String, String> properties = input.connectionProperties();
        if (properties == null) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value null at 'connectionInput.connectionProperties' "
                    + "failed to satisfy constraint: Member must not be null");
        }
        if (properties.size() > MAX_PROPERTIES) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value at 'connectionInput.connectionProperties' "
                    + "failed to satisfy constraint: Member must have length less than or equal to %d", MAX_PROPERTIES);
        }
        String required = REQUIRED_PROPERTY.get(type);
        if (required != null && (properties.get(required) == null || properties.get(required).isBlank())) {
            throw GlueErrors.INVALID_INPUT.exception("Connection property %s is required for connection type %s.", required, type);
        }
        return name;
    }

    static AwsException notFound(String name) {
        return GlueErrors.ENTITY_NOT_FOUND.exception("Connection %s not found.", name);
    }

    private static Set<String> readTypes() {
        try (InputStream in = Connections.class.getResourceAsStream("/io/tarn/glue/connection-types.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing resource connection-types.txt");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
