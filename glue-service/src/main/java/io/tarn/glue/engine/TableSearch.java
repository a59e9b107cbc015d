package io.tarn.glue.engine;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Keyspace;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.model.DatabaseMeta;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.TableDefinition;
import io.tarn.glue.model.TableMeta;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * SearchTables over the tables of every database of the account and region: a text search over names,
 * descriptions and parameters, property predicates, one sort criterion, and pages by position in the
 * sorted result. Only the caller's own tables: Tarn shares no catalog resource between accounts.
 */
public final class TableSearch {

    /** A Filters entry: Key, Value and Comparator (EQUALS when not given). */
    public record Predicate(@Nullable String key, @Nullable String value, @Nullable String comparator) {}

    /** The time fields a predicate compares with its Comparator; every other key is matched by tokens. */
    private static final Map<String, Function<TableMeta, @Nullable Instant>> TIMES = Map.of(
            "CreateTime", TableMeta::createTime,
            "UpdateTime", TableMeta::updateTime,
            "LastAccessTime", t -> t.definition().lastAccessTime(),
            "LastAnalyzedTime", t -> t.definition().lastAnalyzedTime());
    /** The table fields a predicate or a sort names; any other key names a table parameter. */
    private static final Map<String, Function<TableMeta, @Nullable String>> FIELDS = Map.of(
            "Name", TableMeta::name,
            "TableName", TableMeta::name,
            "DatabaseName", TableMeta::database,
            "Description", t -> t.definition().description(),
            "Owner", t -> t.definition().owner(),
            "TableType", t -> t.definition().tableType());

    private final Keyspace keyspace;

    TableSearch(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    /**
     * The tables matching {@code text} and every predicate, sorted by {@code sortField} ({@code descending}
     * when asked; by database and name when no field is given), from position {@code offset}.
     */
    public Page<TableMeta> search(Namespace ns, @Nullable String text, List<Predicate> predicates, @Nullable String sortField,
            boolean descending, int offset, int limit) {
        predicates.forEach(TableSearch::checkPredicate);
        Comparator<TableMeta> order = order(sortField);
        List<TableMeta> matches = new ArrayList<>();
        for (DatabaseMeta db : keyspace.values(GlueKeys.databases(ns), DatabaseMeta.class)) {
            for (TableMeta table : keyspace.values(GlueKeys.tables(ns, db.name()), TableMeta.class)) {
                if (matchesText(table, text) && predicates.stream().allMatch(p -> matches(table, p))) {
                    matches.add(table);
                }
            }
        }
        matches.sort(descending ? order.reversed() : order);
        int from = Math.min(offset, matches.size());
        int to = Math.min(from + limit, matches.size());
        return new Page<>(List.copyOf(matches.subList(from, to)), to < matches.size() ? Integer.toString(to) : null);
    }

    private static Comparator<TableMeta> order(@Nullable String field) {
        Comparator<TableMeta> byName = Comparator.comparing(TableMeta::database).thenComparing(TableMeta::name);
        if (field == null) {
            return byName;
        }
        Function<TableMeta, @Nullable Instant> time = TIMES.get(field);
        if (time != null) {
            return Comparator.comparing(time, Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(byName);
        }
        Function<TableMeta, @Nullable String> value = FIELDS.get(field);
        if (value == null) {
            throw GlueErrors.INVALID_INPUT.exception("Sort field %s is not supported.", field);
        }
        return Comparator.comparing(value, Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(byName);
    }

    /** A text in quotes must equal a name, description or parameter value; otherwise it need only occur in one. */
    private static boolean matchesText(TableMeta table, @Nullable String text) {
        if (text == null || text.isEmpty()) {
            return true;
        }
        boolean exact = text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"");
        String wanted = (exact ? text.substring(1, text.length() - 1) : text).toLowerCase(Locale.ROOT);
        List<String> fields = new ArrayList<>();
        TableDefinition d = table.definition();
        fields.add(table.name());
        fields.add(d.description());
        if (d.parameters() != null) {
            fields.addAll(d.parameters().values());
            if (!exact) {
                fields.addAll(d.parameters().keySet());
            }
        }
        return fields.stream().filter(f -> f != null).map(f -> f.toLowerCase(Locale.ROOT))
                .anyMatch(f -> exact ? f.equals(wanted) : f.contains(wanted));
    }

    private static boolean matches(TableMeta table, Predicate p) {
        Function<TableMeta, @Nullable Instant> time = TIMES.get(p.key());
        if (time != null) {
            Instant actual = time.apply(table);
            if (actual == null) {
                return false;
            }
            int c = actual.compareTo(instant(p.value()));
            return switch (p.comparator() == null ? "EQUALS" : p.comparator()) {
                case "GREATER_THAN" -> c > 0;
                case "LESS_THAN" -> c < 0;
                case "GREATER_THAN_EQUALS" -> c >= 0;
                case "LESS_THAN_EQUALS" -> c <= 0;
                default -> c == 0;
            };
        }
        Function<TableMeta, @Nullable String> field = FIELDS.get(p.key());
        Map<String, String> parameters = table.definition().parameters();
        String actual = field != null ? field.apply(table) : parameters == null ? null : parameters.get(p.key());
        return actual != null && tokenMatch(actual, p.value());
    }

    /**
     * AWS's fuzzy match of a string property: the value is split into tokens on punctuation and one token
     * must equal the predicate's Value (a table {@code customer-link} matches {@code link}; {@code xxlinkyy} does not).
     */
    private static boolean tokenMatch(String actual, @Nullable String wanted) {
        if (wanted == null) {
            return true;
        }
        String w = wanted.toLowerCase(Locale.ROOT);
        String a = actual.toLowerCase(Locale.ROOT);
        return a.equals(w) || Arrays.asList(a.split("[^\\p{L}\\p{N}]+")).contains(w);
    }

    private static void checkPredicate(Predicate p) {
        if (p.key() == null || p.key().isEmpty()) {
            throw GlueErrors.INVALID_INPUT.exception("Filter key must not be empty.");
        }
        if (TIMES.containsKey(p.key())) {
            instant(p.value());
        }
    }

    /** A time value: epoch seconds (as the SDKs send timestamps) or an ISO-8601 instant. */
    private static Instant instant(@Nullable String value) {
        if (value != null) {
            try {
                BigDecimal seconds = new BigDecimal(value);
                return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
            } catch (NumberFormatException | ArithmeticException e) {
                try {
                    return Instant.parse(value);
                } catch (DateTimeParseException ignored) {
                    // refused below
                }
            }
        }
        throw GlueErrors.INVALID_INPUT.exception("Invalid time value %s in filter.", value);
    }
}
