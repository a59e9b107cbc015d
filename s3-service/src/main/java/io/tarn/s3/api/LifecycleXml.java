package io.tarn.s3.api;

import io.tarn.core.error.AwsException;
import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.s3.S3Errors;
import io.tarn.s3.api.xml.S3XmlReader;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.Expiration;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.Filter;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.NoncurrentExpiration;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.NoncurrentTransition;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.Rule;
import io.tarn.s3.engine.lifecycle.LifecycleConfiguration.Transition;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code LifecycleConfiguration} document: read and checked as S3 checks it (the schema's
 * shape is MalformedXML; S3's rules on values are InvalidArgument or InvalidRequest with its
 * messages), and written back for GetBucketLifecycleConfiguration.
 */
final class LifecycleXml {

    /** "You can have up to 1,000 rules" (S3 User Guide, Lifecycle configuration elements). */
    static final int MAX_RULES = 1000;
    static final int MAX_ID_CHARS = 255;
    static final long MAX_OBJECT_SIZE_FILTER = 1_099_511_627_776_000L;
    private static final Set<String> TRANSITION_CLASSES = Set.of("GLACIER", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING",
            "DEEP_ARCHIVE", "GLACIER_IR");
    private static final Set<String> INFREQUENT_ACCESS = Set.of("STANDARD_IA", "ONEZONE_IA");
    private static final List<String> WATERFALL = List.of("STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR",
            "GLACIER", "DEEP_ARCHIVE");
    private static final Set<String> RULE_ELEMENTS = Set.of("ID", "Prefix", "Filter", "Status", "Expiration", "Transition",
            "NoncurrentVersionTransition", "NoncurrentVersionExpiration", "AbortIncompleteMultipartUpload");
    private static final SecureRandom RANDOM = new SecureRandom();

    private LifecycleXml() {}

    static List<Rule> read(byte[] body) {
        S3XmlReader doc = S3XmlReader.parse(body, "LifecycleConfiguration");
        List<S3XmlReader> given = doc.children("Rule");
        if (given.isEmpty()) {
            throw S3XmlReader.malformed(); // Rules is required by the schema
        }
        if (given.size() > MAX_RULES) {
            throw S3Errors.INVALID_REQUEST.exception("The number of lifecycle rules must not exceed the allowed limit of %d rules.",
                    MAX_RULES);
        }
        Set<String> ids = new HashSet<>();
        for (S3XmlReader r : given) {
            String id = r.text("ID");
            if (id != null && !id.isEmpty()) {
                if (id.length() > MAX_ID_CHARS) {
                    throw invalidArgument("ID length should not exceed allowed limit of 255", "ID", id);
                }
                if (!ids.add(id)) {
                    throw invalidArgument("Rule ID must be unique. Found same ID for more than one rule", "ID", id);
                }
            }
        }
        boolean v2 = given.get(0).child("Filter") != null; // as S3 tells a filter configuration from a legacy one
        List<Rule> rules = new ArrayList<>();
        for (S3XmlReader r : given) {
            rules.add(rule(r, v2));
        }
        return rules;
    }

    private static Rule rule(S3XmlReader r, boolean v2) {
        for (String name : r.childNames()) {
            if (!RULE_ELEMENTS.contains(name)) {
                throw S3XmlReader.malformed();
            }
        }
        String status = r.text("Status");
        if (!"Enabled".equals(status) && !"Disabled".equals(status)) {
            throw S3XmlReader.malformed();
        }
        String legacyPrefix = r.text("Prefix");
        S3XmlReader filterXml = r.child("Filter");
        if (legacyPrefix == null && filterXml == null) {
            throw S3XmlReader.malformed();
        }
        if (legacyPrefix != null && (v2 || filterXml != null)) {
            throw S3Errors.INVALID_REQUEST.exception(
                    "Base level prefix cannot be used in Lifecycle V2, prefixes are only supported in the Filter.");
        }
        if (filterXml != null && !v2) {
            throw S3Errors.INVALID_REQUEST.exception("Filter element can only be used in Lifecycle V2.");
        }
        Filter filter = filterXml == null ? null : filter(filterXml);
        String scope = "(prefix=" + (legacyPrefix != null ? legacyPrefix : filter.prefix() == null ? "" : filter.prefix()) + ")";
        boolean tags = filter != null && !filter.tags().isEmpty();
        boolean sizes = filter != null && (filter.sizeGreaterThan() != null || filter.sizeLessThan() != null);

        Expiration expiration = r.child("Expiration") == null ? null : expiration(r.child("Expiration"));
        List<Transition> transitions = new ArrayList<>();
        for (S3XmlReader t : r.children("Transition")) {
            transitions.add(transition(t));
        }
        List<NoncurrentTransition> noncurrentTransitions = new ArrayList<>();
        for (S3XmlReader t : r.children("NoncurrentVersionTransition")) {
            noncurrentTransitions.add(noncurrentTransition(t, v2));
        }
        NoncurrentExpiration noncurrentExpiration = r.child("NoncurrentVersionExpiration") == null ? null
                : noncurrentExpiration(r.child("NoncurrentVersionExpiration"), v2);
        Integer abortDays = null;
        S3XmlReader abort = r.child("AbortIncompleteMultipartUpload");
        if (abort != null) {
            Integer days = integer(abort.text("DaysAfterInitiation"));
            if (days == null) {
                throw S3XmlReader.malformed();
            }
            if (days <= 0) {
                throw invalidArgument("'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer",
                        "DaysAfterInitiation", days.toString());
            }
            if (tags) {
                throw S3Errors.INVALID_REQUEST.exception("AbortIncompleteMultipartUpload cannot be specified with Tags.");
            }
            if (sizes) {
                throw S3Errors.INVALID_REQUEST.exception("AbortIncompleteMultipartUpload cannot be specified with Object Size.");
            }
            abortDays = days;
        }
        if (expiration == null && transitions.isEmpty() && noncurrentTransitions.isEmpty() && noncurrentExpiration == null
                && abortDays == null) {
            throw S3Errors.INVALID_REQUEST.exception("At least one action needs to be specified in a rule");
        }
        if (expiration != null && expiration.expiredObjectDeleteMarker() != null) {
            if (tags) {
                throw S3Errors.INVALID_REQUEST.exception("ExpiredObjectDeleteMarker cannot be specified with Tags.");
            }
            if (sizes) {
                throw S3Errors.INVALID_REQUEST.exception("ExpiredObjectDeleteMarker cannot be specified with Object Size.");
            }
        }
        checkTransitions(transitions, expiration, scope);
        checkNoncurrentTransitions(noncurrentTransitions, noncurrentExpiration, scope);
        String id = r.text("ID");
        if (id == null || id.isEmpty()) {
            id = generatedId();
        }
        return new Rule(id, "Enabled".equals(status), legacyPrefix, filter, expiration, transitions, noncurrentTransitions,
                noncurrentExpiration, abortDays);
    }

    private static Filter filter(S3XmlReader f) {
        List<String> names = f.childNames();
        if (names.size() > 1) {
            throw S3XmlReader.malformed(); // Filter holds one of Prefix, Tag, a size or And
        }
        if (names.isEmpty()) {
            return new Filter(null, Map.of(), null, null, false);
        }
        S3XmlReader and = f.child("And");
        S3XmlReader source = and != null ? and : f;
        for (String name : source.childNames()) {
            if (!Set.of("Prefix", "Tag", "ObjectSizeGreaterThan", "ObjectSizeLessThan").contains(name)
                    || (and == null && !names.get(0).equals(name))) {
                throw S3XmlReader.malformed();
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (S3XmlReader t : source.children("Tag")) {
            String key = t.text("Key");
            String value = t.text("Value");
            if (key == null || key.isEmpty() || value == null) {
                throw S3XmlReader.malformed();
            }
            if (tags.put(key, value) != null) {
                throw S3Errors.INVALID_REQUEST.exception("Duplicate Tag Keys are not allowed.");
            }
        }
        if (and == null && tags.size() > 1) {
            throw S3XmlReader.malformed();
        }
        Long greater = longValue(source.text("ObjectSizeGreaterThan"));
        Long less = longValue(source.text("ObjectSizeLessThan"));
        if (greater != null && (greater < 0 || greater > MAX_OBJECT_SIZE_FILTER)) {
            throw S3Errors.INVALID_REQUEST.exception("'ObjectSizeGreaterThan' should be between 0 and %d.", MAX_OBJECT_SIZE_FILTER);
        }
        if (less != null && (less < 1 || less > MAX_OBJECT_SIZE_FILTER)) {
            throw S3Errors.INVALID_REQUEST.exception("'ObjectSizeLessThan' should be between 1 and %d.", MAX_OBJECT_SIZE_FILTER);
        }
        if (greater != null && less != null && less <= greater) {
            throw S3Errors.INVALID_REQUEST.exception("'ObjectSizeLessThan' has to be a value greater than 'ObjectSizeGreaterThan'.");
        }
        return new Filter(source.text("Prefix"), tags, greater, less, and != null);
    }

    private static Expiration expiration(S3XmlReader e) {
        String date = e.text("Date");
        Integer days = integer(e.text("Days"));
        String marker = e.text("ExpiredObjectDeleteMarker");
        int given = (date != null ? 1 : 0) + (days != null ? 1 : 0) + (marker != null ? 1 : 0);
        if (given != 1) {
            throw S3XmlReader.malformed();
        }
        if (days != null && days <= 0) {
            throw invalidArgument("'Days' for Expiration action must be a positive integer", "Days", days.toString());
        }
        Boolean expiredMarker = null;
        if (marker != null) {
            if (!marker.equals("true") && !marker.equals("false")) {
                throw S3XmlReader.malformed();
            }
            expiredMarker = Boolean.valueOf(marker);
        }
        return new Expiration(days, date == null ? null : midnight(date), expiredMarker);
    }

    private static Transition transition(S3XmlReader t) {
        String storageClass = transitionClass(t);
        String date = t.text("Date");
        Integer days = integer(t.text("Days"));
        if ((date == null) == (days == null)) {
            throw S3XmlReader.malformed();
        }
        if (days != null && days < 0) {
            throw invalidArgument("'Days' in Transition action must be nonnegative", "Days", days.toString());
        }
        if (days != null && days < 30 && INFREQUENT_ACCESS.contains(storageClass)) {
            throw invalidArgument("'Days' in Transition action must be greater than or equal to 30 for storageClass '"
                    + storageClass + "'", "Days", days.toString());
        }
        return new Transition(days, date == null ? null : midnight(date), storageClass);
    }

    private static NoncurrentTransition noncurrentTransition(S3XmlReader t, boolean v2) {
        String storageClass = transitionClass(t);
        Integer days = integer(t.text("NoncurrentDays"));
        if (days == null) {
            throw S3XmlReader.malformed();
        }
        if (days < 0) {
            throw invalidArgument("'NoncurrentDays' in NoncurrentVersionTransition action must be nonnegative", "NoncurrentDays",
                    days.toString());
        }
        if (days < 30 && INFREQUENT_ACCESS.contains(storageClass)) {
            throw invalidArgument("'NoncurrentDays' in NoncurrentVersionTransition action must be greater than or equal to 30 for storageClass '"
                    + storageClass + "'", "NoncurrentDays", days.toString());
        }
        return new NoncurrentTransition(days, newer(t, v2), storageClass);
    }

    private static NoncurrentExpiration noncurrentExpiration(S3XmlReader e, boolean v2) {
        Integer days = integer(e.text("NoncurrentDays"));
        if (days == null) {
            throw S3XmlReader.malformed();
        }
        if (days <= 0) {
            throw invalidArgument("'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer",
                    "NoncurrentDays", days.toString());
        }
        return new NoncurrentExpiration(days, newer(e, v2));
    }

    private static @Nullable Integer newer(S3XmlReader e, boolean v2) {
        Integer newer = integer(e.text("NewerNoncurrentVersions"));
        if (newer == null) {
            return null;
        }
        if (!v2) {
            throw S3Errors.INVALID_REQUEST.exception("NewerNoncurrentVersions element can only be used in Lifecycle V2.");
        }
        if (newer <= 0) {
            throw invalidArgument("'NewerNoncurrentVersions' must be a positive integer", "NewerNoncurrentVersions", newer.toString());
        }
        return newer;
    }

    private static String transitionClass(S3XmlReader t) {
        String storageClass = t.text("StorageClass");
        if (storageClass == null || !TRANSITION_CLASSES.contains(storageClass)) {
            throw S3XmlReader.malformed(); // an enumeration in S3's schema
        }
        return storageClass;
    }

    /**
     * A rule's transitions: one per class, all by Days or all by Date (with the expiration), each
     * class further down the waterfall later than the one before, IA classes kept 30 days before
     * the next transition, and the expiration after every transition.
     */
    private static void checkTransitions(List<Transition> transitions, @Nullable Expiration expiration, String scope) {
        Set<String> classes = new HashSet<>();
        boolean byDate = expiration != null && expiration.date() != null;
        boolean byDays = expiration != null && expiration.days() != null;
        for (Transition t : transitions) {
            if (!classes.add(t.storageClass())) {
                throw S3Errors.INVALID_REQUEST.exception("'StorageClass' must be different for 'Transition' actions in same 'Rule' with filter '%s'",
                        scope);
            }
            byDate |= t.date() != null;
            byDays |= t.days() != null;
        }
        if (byDate && byDays) {
            throw S3Errors.INVALID_REQUEST.exception("Found mixed 'Date' and 'Days' based Expiration and Transition actions in lifecycle rule for filter '%s'",
                    scope);
        }
        List<Transition> ordered = new ArrayList<>(transitions);
        ordered.sort((a, b) -> Integer.compare(WATERFALL.indexOf(a.storageClass()), WATERFALL.indexOf(b.storageClass())));
        for (int i = 1; i < ordered.size(); i++) {
            Transition before = ordered.get(i - 1);
            Transition after = ordered.get(i);
            long gap = INFREQUENT_ACCESS.contains(before.storageClass()) ? 30 : 1;
            if (byDays && after.days() < before.days() + gap) {
                throw invalidArgument(String.format("'Days' in the Transition action for StorageClass '%s' for filter '%s' must be %s 'Days' in the Transition action for StorageClass '%s' for filter '%s'",
                        after.storageClass(), scope, gap == 30 ? "30 days more than" : "greater than", before.storageClass(), scope),
                        "Days", after.days().toString());
            }
            if (byDate && !after.date().isAfter(before.date().plusSeconds(gap == 30 ? 30L * 86400 - 1 : 0))) {
                throw invalidArgument(String.format("'Date' in the Transition action for StorageClass '%s' for filter '%s' must be %s 'Date' in the Transition action for StorageClass '%s' for filter '%s'",
                        after.storageClass(), scope, gap == 30 ? "at least 30 days later than" : "later than", before.storageClass(), scope),
                        "Date", after.date().toString());
            }
        }
        if (expiration != null && !ordered.isEmpty()) {
            Transition last = ordered.get(ordered.size() - 1);
            if (expiration.days() != null && expiration.days() <= last.days()) {
                throw invalidArgument(String.format("'Days' in the Expiration action for filter '%s' must be greater than 'Days' in the Transition action for StorageClass '%s' for filter '%s'",
                        scope, last.storageClass(), scope), "Days", expiration.days().toString());
            }
            if (expiration.date() != null && !expiration.date().isAfter(last.date())) {
                throw invalidArgument(String.format("'Date' in the Expiration action for filter '%s' must be later than 'Date' in the Transition action for StorageClass '%s' for filter '%s'",
                        scope, last.storageClass(), scope), "Date", expiration.date().toString());
            }
        }
    }

    private static void checkNoncurrentTransitions(List<NoncurrentTransition> transitions, @Nullable NoncurrentExpiration expiration,
            String scope) {
        Set<String> classes = new HashSet<>();
        for (NoncurrentTransition t : transitions) {
            if (!classes.add(t.storageClass())) {
                throw S3Errors.INVALID_REQUEST.exception(
                        "'StorageClass' must be different for 'NoncurrentVersionTransition' actions in same 'Rule' with filter '%s'", scope);
            }
        }
        List<NoncurrentTransition> ordered = new ArrayList<>(transitions);
        ordered.sort((a, b) -> Integer.compare(WATERFALL.indexOf(a.storageClass()), WATERFALL.indexOf(b.storageClass())));
        for (int i = 1; i < ordered.size(); i++) {
            NoncurrentTransition before = ordered.get(i - 1);
            NoncurrentTransition after = ordered.get(i);
            int gap = INFREQUENT_ACCESS.contains(before.storageClass()) ? 30 : 1;
            if (after.noncurrentDays() < before.noncurrentDays() + gap) {
                throw invalidArgument(String.format("'NoncurrentDays' in the NoncurrentVersionTransition action for StorageClass '%s' for filter '%s' must be %s 'NoncurrentDays' in the NoncurrentVersionTransition action for StorageClass '%s' for filter '%s'",
                        after.storageClass(), scope, gap == 30 ? "30 days more than" : "greater than", before.storageClass(), scope),
                        "NoncurrentDays", Integer.toString(after.noncurrentDays()));
            }
        }
        if (expiration != null && !ordered.isEmpty()) {
            NoncurrentTransition last = ordered.get(ordered.size() - 1);
            if (expiration.noncurrentDays() <= last.noncurrentDays()) {
                throw invalidArgument(String.format("'NoncurrentDays' in the NoncurrentVersionExpiration action for filter '%s' must be greater than 'NoncurrentDays' in the NoncurrentVersionTransition action for StorageClass '%s' for filter '%s'",
                        scope, last.storageClass(), scope), "NoncurrentDays", Integer.toString(expiration.noncurrentDays()));
            }
        }
    }

    /** A Date: ISO 8601, and always midnight UTC. */
    private static Instant midnight(String text) {
        Instant at;
        try {
            at = OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                at = LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw S3XmlReader.malformed();
            }
        }
        if (at.getEpochSecond() % 86_400 != 0 || at.getNano() != 0) {
            throw invalidArgument("'Date' must be at midnight GMT", "Date", text);
        }
        return at;
    }

    private static @Nullable Integer integer(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw S3XmlReader.malformed();
        }
    }

    private static @Nullable Long longValue(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw S3XmlReader.malformed();
        }
    }

    private static AwsException invalidArgument(String message, String name, String value) {
        return S3Errors.INVALID_ARGUMENT.exception("%s", message).with("ArgumentName", name).with("ArgumentValue", value);
    }

    /** S3 names a rule given without an ID: an opaque 48-character id. */
    private static String generatedId() {
        byte[] b = new byte[36];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    // ---- GetBucketLifecycleConfiguration

    static XmlWriter write(LifecycleConfiguration c) {
        XmlWriter xml = new XmlWriter().start("LifecycleConfiguration", S3Call.XMLNS);
        for (Rule r : c.rules()) {
            xml.start("Rule").element("ID", r.id());
            if (r.legacyPrefix() != null) {
                xml.element("Prefix", r.legacyPrefix());
            } else {
                writeFilter(xml, r.filter());
            }
            xml.element("Status", r.enabled() ? "Enabled" : "Disabled");
            for (Transition t : r.transitions()) {
                xml.start("Transition").element("Date", t.date() == null ? null : S3Call.isoDate(t.date()))
                        .element("Days", t.days()).element("StorageClass", t.storageClass()).end();
            }
            for (NoncurrentTransition t : r.noncurrentTransitions()) {
                xml.start("NoncurrentVersionTransition").element("NoncurrentDays", t.noncurrentDays())
                        .element("StorageClass", t.storageClass()).element("NewerNoncurrentVersions", t.newerNoncurrentVersions()).end();
            }
            if (r.noncurrentExpiration() != null) {
                xml.start("NoncurrentVersionExpiration").element("NoncurrentDays", r.noncurrentExpiration().noncurrentDays())
                        .element("NewerNoncurrentVersions", r.noncurrentExpiration().newerNoncurrentVersions()).end();
            }
            Expiration e = r.expiration();
            if (e != null) {
                xml.start("Expiration").element("Date", e.date() == null ? null : S3Call.isoDate(e.date())).element("Days", e.days())
                        .element("ExpiredObjectDeleteMarker", e.expiredObjectDeleteMarker()).end();
            }
            if (r.abortDaysAfterInitiation() != null) {
                xml.start("AbortIncompleteMultipartUpload").element("DaysAfterInitiation", r.abortDaysAfterInitiation()).end();
            }
            xml.end();
        }
        return xml.end();
    }

    private static void writeFilter(XmlWriter xml, Filter f) {
        xml.start("Filter");
        if (f.and()) {
            xml.start("And");
        }
        xml.element("Prefix", f.prefix());
        f.tags().forEach((k, v) -> xml.start("Tag").element("Key", k).element("Value", v).end());
        xml.element("ObjectSizeGreaterThan", f.sizeGreaterThan()).element("ObjectSizeLessThan", f.sizeLessThan());
        if (f.and()) {
            xml.end();
        }
        xml.end();
    }
}
