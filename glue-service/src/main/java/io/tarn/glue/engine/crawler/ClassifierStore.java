package io.tarn.glue.engine.crawler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.engine.Listing;
import io.tarn.glue.engine.Page;
import io.tarn.glue.model.ClassifierMeta;
import io.tarn.glue.model.GlueKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Custom classifiers (CreateClassifier and the rest): stored by name with their kind, the members the
 * client gave (checked against the model's required members, lengths and enums), and their times and
 * version. Crawlers list them by name; the classifier step runs them.
 */
public final class ClassifierStore {

    public static final String GROK = "GrokClassifier";
    public static final String XML = "XMLClassifier";
    public static final String JSON = "JsonClassifier";
    public static final String CSV = "CsvClassifier";
    /** AWS's quota of classifiers per account and region. */
    static final int MAX_CLASSIFIERS = 1000;

    /** Per kind: the members a definition may have, with the required ones (from the botocore model). */
    private record Members(List<String> required, List<String> optional) {}

    private static final Map<String, Members> KINDS = Map.of(
            GROK, new Members(List.of("Name", "Classification", "GrokPattern"), List.of("CustomPatterns")),
            XML, new Members(List.of("Name", "Classification"), List.of("RowTag")),
            JSON, new Members(List.of("Name", "JsonPath"), List.of()),
            CSV, new Members(List.of("Name"), List.of("Delimiter", "QuoteSymbol", "ContainsHeader", "Header",
                    "DisableValueTrimming", "AllowSingleColumn", "CustomDatatypeConfigured", "CustomDatatypes", "Serde")));

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Object lock = new Object();

    public ClassifierStore(Keyspace keyspace, EmulatorClock clock) {
        this.keyspace = keyspace;
        this.clock = clock;
    }

    public static boolean isKind(String kind) {
        return KINDS.containsKey(kind);
    }

    public ClassifierMeta create(Namespace ns, String kind, ObjectNode definition) {
        check(kind, definition, true);
        String name = CrawlerRules.name(text(definition, "Name"), "name");
        synchronized (lock) {
            if (find(ns, name) != null) {
                throw GlueErrors.ALREADY_EXISTS.exception("Classifier with name %s already exists", name);
            }
            if (count(ns) >= MAX_CLASSIFIERS) {
                throw GlueErrors.RESOURCE_NUMBER_LIMIT_EXCEEDED.exception("Account %s has reached the limit of %d classifiers",
                        ns.account(), MAX_CLASSIFIERS);
            }
            Instant now = clock.instant();
            ClassifierMeta c = new ClassifierMeta(kind, name, definition.deepCopy(), now, now, 1);
            keyspace.put(GlueKeys.classifier(ns, name), c);
            return c;
        }
    }

    public ClassifierMeta get(Namespace ns, @Nullable String name) {
        ClassifierMeta c = find(ns, CrawlerRules.name(name, "name"));
        if (c == null) {
            throw notFound(name);
        }
        return c;
    }

    /** The classifiers named, in the given order, those that no longer exist left out (a crawler keeps their names). */
    public List<ClassifierMeta> named(Namespace ns, List<String> names) {
        List<ClassifierMeta> found = new ArrayList<>();
        for (String name : names) {
            ClassifierMeta c = find(ns, name);
            if (c != null) {
                found.add(c);
            }
        }
        return found;
    }

    public Page<ClassifierMeta> list(Namespace ns, @Nullable String after, int limit) {
        return Listing.page(keyspace, GlueKeys.classifiers(ns), after, limit, e -> e.value(ClassifierMeta.class));
    }

    /** Replaces the members {@code change} gives; the kind cannot change. */
    public ClassifierMeta update(Namespace ns, String kind, ObjectNode change) {
        check(kind, change, false);
        String name = CrawlerRules.name(text(change, "Name"), "name");
        synchronized (lock) {
            ClassifierMeta current = get(ns, name);
            if (!current.kind().equals(kind)) {
                throw GlueErrors.INVALID_INPUT.exception("Classifier %s is a %s, not a %s", name, current.kind(), kind);
            }
            ObjectNode merged = current.definition().deepCopy();
            change.fields().forEachRemaining(f -> merged.set(f.getKey(), f.getValue()));
            ClassifierMeta updated = new ClassifierMeta(kind, name, merged, current.creationTime(), clock.instant(),
                    current.version() + 1);
            keyspace.put(GlueKeys.classifier(ns, name), updated);
            return updated;
        }
    }

    public void delete(Namespace ns, @Nullable String name) {
        synchronized (lock) {
            ClassifierMeta c = get(ns, name);
            keyspace.delete(GlueKeys.classifier(ns, c.name()));
        }
    }

    private @Nullable ClassifierMeta find(Namespace ns, String name) {
        return keyspace.get(GlueKeys.classifier(ns, name), ClassifierMeta.class).orElse(null);
    }

    private int count(Namespace ns) {
        int[] n = {0};
        keyspace.scan(GlueKeys.classifiers(ns), null, e -> ++n[0] < MAX_CLASSIFIERS);
        return n[0];
    }

    /** The model's checks: known and required members, string lengths, single characters and enums. */
    private static void check(String kind, ObjectNode definition, boolean creating) {
        Members members = KINDS.get(kind);
        for (Iterator<String> names = definition.fieldNames(); names.hasNext(); ) {
            String member = names.next();
            if (!members.required().contains(member) && !members.optional().contains(member)) {
                throw GlueErrors.VALIDATION.exception("%s has no member %s", kind, member);
            }
        }
        List<String> required = creating ? members.required() : List.of("Name");
        for (String member : required) {
            JsonNode value = definition.get(member);
            if (value == null || value.isNull()) {
                throw GlueErrors.VALIDATION.exception("1 validation error detected: Value null at '%s.%s' failed to satisfy "
                        + "constraint: Member must not be null", lowerFirst(kind), lowerFirst(member));
            }
        }
        length(kind, definition, "GrokPattern", 1, 2048);
        length(kind, definition, "CustomPatterns", 0, 16000);
        length(kind, definition, "Delimiter", 1, 1);
        length(kind, definition, "QuoteSymbol", 1, 1);
        oneOf(kind, definition, "ContainsHeader", List.of("UNKNOWN", "PRESENT", "ABSENT"));
        oneOf(kind, definition, "Serde", List.of("OpenCSVSerDe", "LazySimpleSerDe", "None"));
        if (CSV.equals(kind) && definition.hasNonNull("Delimiter") && definition.path("Delimiter").equals(definition.get("QuoteSymbol"))) {
            throw GlueErrors.INVALID_INPUT.exception("Column delimiter and quote symbol cannot be the same");
        }
        if (XML.equals(kind) && definition.hasNonNull("RowTag") && definition.get("RowTag").asText().isEmpty()) {
            throw GlueErrors.INVALID_INPUT.exception("RowTag cannot be empty");
        }
    }

    private static void length(String kind, ObjectNode definition, String member, int min, int max) {
        JsonNode value = definition.get(member);
        if (value != null && !value.isNull() && (value.asText().length() < min || value.asText().length() > max)) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at '%s.%s' failed to satisfy constraint: "
                    + "Member must have length between %d and %d", value.asText(), lowerFirst(kind), lowerFirst(member), min, max);
        }
    }

    private static void oneOf(String kind, ObjectNode definition, String member, List<String> allowed) {
        JsonNode value = definition.get(member);
        if (value != null && !value.isNull() && !allowed.contains(value.asText())) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at '%s.%s' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: %s", value.asText(), lowerFirst(kind), lowerFirst(member), allowed);
        }
    }

    private static @Nullable String text(ObjectNode definition, String member) {
        JsonNode value = definition.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    static AwsException notFound(@Nullable String name) {
        return GlueErrors.ENTITY_NOT_FOUND.exception("Classifier with name %s not found", name);
    }
}
