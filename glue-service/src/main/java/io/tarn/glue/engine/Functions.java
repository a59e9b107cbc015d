package io.tarn.glue.engine;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.model.FunctionDefinition;
import io.tarn.glue.model.FunctionMeta;
import io.tarn.glue.model.GlueKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * User-defined functions: per database, names lower-cased as the Hive metastore stores them. A listing
 * without a database walks every database's functions in (database, name) order.
 */
public final class Functions {

    /** Separates database and function in a listing position: no catalog name may contain a newline. */
    private static final char POSITION_SEPARATOR = '\n';

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Object lock;
    private final Tables tables;

    Functions(Keyspace keyspace, EmulatorClock clock, Object lock, Tables tables) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.lock = lock;
        this.tables = tables;
    }

    public FunctionMeta create(Namespace ns, @Nullable String databaseName, FunctionDefinition input) {
        String db = Names.normalize(databaseName, "databaseName");
        String name = Names.normalize(input.functionName(), "functionInput.functionName");
        synchronized (lock) {
            tables.requireDatabase(ns, db);
            if (find(ns, db, name) != null) {
                throw GlueErrors.ALREADY_EXISTS.exception("Function already exists.");
            }
            FunctionMeta function = new FunctionMeta(name, db, input, clock.instant());
            keyspace.put(GlueKeys.function(ns, db, name), function);
            return function;
        }
    }

    public FunctionMeta get(Namespace ns, @Nullable String databaseName, @Nullable String functionName) {
        String db = Names.normalize(databaseName, "databaseName");
        String name = Names.normalize(functionName, "functionName");
        tables.requireDatabase(ns, db);
        FunctionMeta function = find(ns, db, name);
        if (function == null) {
            throw notFound();
        }
        return function;
    }

    /** Replaces the definition of a function; a new FunctionName renames it, keeping its creation time. */
    public FunctionMeta update(Namespace ns, @Nullable String databaseName, @Nullable String functionName, FunctionDefinition input) {
        String newName = Names.normalize(input.functionName(), "functionInput.functionName");
        synchronized (lock) {
            FunctionMeta current = get(ns, databaseName, functionName);
            if (!newName.equals(current.name()) && find(ns, current.database(), newName) != null) {
                throw GlueErrors.ALREADY_EXISTS.exception("Function already exists.");
            }
            FunctionMeta updated = new FunctionMeta(newName, current.database(), input, current.createTime());
            keyspace.write(b -> b.delete(GlueKeys.function(ns, current.database(), current.name()))
                    .put(GlueKeys.function(ns, updated.database(), updated.name()), updated));
            return updated;
        }
    }

    public void delete(Namespace ns, @Nullable String databaseName, @Nullable String functionName) {
        synchronized (lock) {
            FunctionMeta function = get(ns, databaseName, functionName);
            keyspace.delete(GlueKeys.function(ns, function.database(), function.name()));
        }
    }

    /**
     * The functions whose name matches {@code pattern} (as GetTables reads its Expression) and, when
     * given, whose type is {@code functionType}: of one database, or of all when {@code databaseName} is null.
     */
    public Page<FunctionMeta> list(Namespace ns, @Nullable String databaseName, String pattern, @Nullable String functionType,
            @Nullable String after, int limit) {
        Pattern names = Tables.namePattern(pattern);
        Key prefix;
        if (databaseName == null) {
            prefix = GlueKeys.allFunctions(ns);
        } else {
            String db = Names.normalize(databaseName, "databaseName");
            tables.requireDatabase(ns, db);
            prefix = GlueKeys.functions(ns, db);
        }
        Key from = null;
        if (after != null) {
            int cut = after.indexOf(POSITION_SEPARATOR);
            if (cut < 0) {
                throw GlueErrors.INVALID_INPUT.exception("Invalid NextToken");
            }
            from = GlueKeys.function(ns, after.substring(0, cut), after.substring(cut + 1));
        }
        Key start = from;
        List<FunctionMeta> items = new ArrayList<>();
        boolean[] more = {false};
        keyspace.scan(prefix, start, e -> {
            if (start != null && e.key().equals(start)) {
                return true;
            }
            FunctionMeta f = e.value(FunctionMeta.class);
            if (!names.matcher(f.name()).matches()
                    || (functionType != null && !functionType.equals(f.definition().functionType()))) {
                return true;
            }
            if (items.size() == limit) {
                more[0] = true;
                return false;
            }
            items.add(f);
            return true;
        });
        FunctionMeta last = items.isEmpty() ? null : items.get(items.size() - 1);
        return new Page<>(items, more[0] && last != null ? last.database() + POSITION_SEPARATOR + last.name() : null);
    }

    private @Nullable FunctionMeta find(Namespace ns, String db, String name) {
        return keyspace.get(GlueKeys.function(ns, db, name), FunctionMeta.class).orElse(null);
    }

    /** AWS's words for a missing function, as the Hive metastore client on Glue reports them. */
    static AwsException notFound() {
        return GlueErrors.ENTITY_NOT_FOUND.exception("Cannot find function.");
    }
}
