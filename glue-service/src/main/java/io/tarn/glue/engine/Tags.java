package io.tarn.glue.engine;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Batch;
import io.tarn.core.store.Keyspace;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.ResourceTags;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Tags of Glue resources, by ARN: the one place a resource's tags are kept (crawlers, registries and
 * schemas keep none in their own records). The engines that own a taggable resource store its
 * create-time tags with {@link #attach} and drop them with {@link #detach}, in their own batch, and tell
 * this class how to find one of theirs ({@link #register}) so that TagResource on a missing resource
 * answers EntityNotFoundException. AWS lets only some resource types be tagged ("AWS tags in AWS Glue"):
 * a table, a classifier or a function ARN is refused.
 */
public final class Tags {

    /** AWS's limits: 50 tags a resource, keys of 1 to 128 characters, values of up to 256. */
    public static final int MAX_TAGS = 50;
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 256;

    /** The resource types of AWS's list of taggable Glue resources, as their ARNs name them. */
    private static final Set<String> TAGGABLE = Set.of("connection", "database", "crawler", "session", "devEndpoint",
            "job", "trigger", "workflow", "blueprint", "mlTransform", "dataQualityRuleset", "registry", "schema");
    /** The model's GlueResourceArn pattern, with the parts Tarn reads out of it. */
    private static final Pattern ARN = Pattern.compile("arn:aws(?:-(?:cn|us-gov|iso(?:-[bef])?))?:glue:([^:]*):([^:]*):(.*)");

    /**
     * How the owner of a resource type says whether one exists: null when it does, else its not-found error.
     * {@code path} is what follows the type in the ARN ({@code sales} of {@code database/sales},
     * {@code registry/schema} of {@code schema/registry/schema}).
     */
    @FunctionalInterface
    public interface Lookup {
        @Nullable AwsException missing(Namespace ns, String path);
    }

    private final Keyspace keyspace;
    private final Object lock;
    private final Map<String, Lookup> lookups = new ConcurrentHashMap<>();

    Tags(Keyspace keyspace, Object lock) {
        this.keyspace = keyspace;
        this.lock = lock;
    }

    /** Makes resources of {@code type} (the ARN's first path part: {@code crawler}) found by {@code lookup}. */
    public void register(String type, Lookup lookup) {
        if (!TAGGABLE.contains(type)) {
            throw new IllegalArgumentException(type + " is not a taggable Glue resource type");
        }
        lookups.put(type, lookup);
    }

    /** The resource part of an ARN: {@code resource("database", "sales")} is {@code database/sales}. */
    public static String resource(String type, String... names) {
        return type + "/" + String.join("/", names);
    }

    /**
     * Gives a resource being created exactly {@code tags} (checked against AWS's limits), in the creator's
     * batch: none when null or empty, even if a TagResource racing the deletion of a namesake left some.
     */
    public static void attach(Batch batch, Namespace ns, String resource, @Nullable Map<String, String> tags) {
        if (tags != null && !tags.isEmpty()) {
            check(tags, "tags");
            batch.put(GlueKeys.tags(ns, resource), new ResourceTags(new TreeMap<>(tags)));
        } else {
            batch.delete(GlueKeys.tags(ns, resource));
        }
    }

    /** Drops the tags of a resource being deleted, in the deleter's batch. */
    public static void detach(Batch batch, Namespace ns, String resource) {
        batch.delete(GlueKeys.tags(ns, resource));
    }

    /** The tags of a resource its owner knows to exist ({@code crawler/daily}), e.g. to filter a listing by them. */
    public Map<String, String> of(Namespace ns, String resource) {
        return stored(ns, resource);
    }

    public Map<String, String> get(Namespace ns, @Nullable String arn) {
        String resource = require(ns, arn);
        return stored(ns, resource);
    }

    /** Adds or replaces tags; the resource may then have at most 50. */
    public void tag(Namespace ns, @Nullable String arn, @Nullable Map<String, String> add) {
        if (add == null) {
            throw GlueErrors.VALIDATION.exception(
                    "1 validation error detected: Value null at 'tagsToAdd' failed to satisfy constraint: Member must not be null");
        }
        check(add, "tagsToAdd");
        synchronized (lock) {
            String resource = require(ns, arn);
            Map<String, String> tags = new TreeMap<>(stored(ns, resource));
            tags.putAll(add);
            if (tags.size() > MAX_TAGS) {
                throw GlueErrors.INVALID_INPUT.exception("Tag count exceeds the limit of %d tags per resource", MAX_TAGS);
            }
            keyspace.put(GlueKeys.tags(ns, resource), new ResourceTags(tags));
        }
    }

    /** Removes the tags with these keys; keys the resource does not have are ignored, as AWS ignores them. */
    public void untag(Namespace ns, @Nullable String arn, @Nullable Collection<String> keys) {
        if (keys == null) {
            throw GlueErrors.VALIDATION.exception(
                    "1 validation error detected: Value null at 'tagsToRemove' failed to satisfy constraint: Member must not be null");
        }
        if (keys.size() > MAX_TAGS) {
            throw tooMany("tagsToRemove");
        }
        synchronized (lock) {
            String resource = require(ns, arn);
            Map<String, String> tags = new TreeMap<>(stored(ns, resource));
            tags.keySet().removeAll(keys);
            if (tags.isEmpty()) {
                keyspace.delete(GlueKeys.tags(ns, resource));
            } else {
                keyspace.put(GlueKeys.tags(ns, resource), new ResourceTags(tags));
            }
        }
    }

    private Map<String, String> stored(Namespace ns, String resource) {
        return stored(keyspace, ns, resource);
    }

    /** The tags stored for a resource (none: an empty map), for an owner that moves them on a rename. */
    static Map<String, String> stored(Keyspace keyspace, Namespace ns, String resource) {
        return keyspace.get(GlueKeys.tags(ns, resource), ResourceTags.class).map(ResourceTags::tags).orElse(Map.of());
    }

    /** The resource part of {@code arn}, once the resource is known to exist in this account and region. */
    private String require(Namespace ns, @Nullable String arn) {
        if (arn == null) {
            throw GlueErrors.VALIDATION.exception(
                    "1 validation error detected: Value null at 'resourceArn' failed to satisfy constraint: Member must not be null");
        }
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'resourceArn' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: arn:aws(-(cn|us-gov|iso(-[bef])?))?:glue:.*", arn);
        }
        String resource = m.group(3);
        int slash = resource.indexOf('/');
        String type = slash < 0 ? resource : resource.substring(0, slash);
        String path = slash < 0 ? "" : resource.substring(slash + 1);
        if (!TAGGABLE.contains(type) || path.isEmpty()) {
            throw GlueErrors.INVALID_INPUT.exception("Invalid resource ARN for tagging: %s", arn);
        }
        if (!m.group(1).equals(ns.region()) || !m.group(2).equals(ns.account())) {
            throw GlueErrors.ENTITY_NOT_FOUND.exception("Entity Not Found");
        }
        // catalog names are stored lower-cased, so an ARN naming Sales tags the database sales
        String stored = type.equals("database") ? path.toLowerCase(Locale.ROOT) : path;
        Lookup lookup = lookups.get(type);
        AwsException missing = lookup == null ? GlueErrors.ENTITY_NOT_FOUND.exception("Entity Not Found")
                : lookup.missing(ns, stored);
        if (missing != null) {
            throw missing;
        }
        return type + "/" + stored;
    }

    /** The model's limits on a tag map: 50 entries, keys of 1 to 128 characters, values of up to 256; no aws: keys. */
    public static void check(Map<String, String> tags, String field) {
        if (tags.size() > MAX_TAGS) {
            throw tooMany(field);
        }
        tags.forEach((key, value) -> {
            if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
                throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at '%s' failed to satisfy "
                        + "constraint: Map keys must satisfy constraint: [Member must have length less than or equal to %d, "
                        + "Member must have length greater than or equal to 1]", key, field, MAX_KEY_LENGTH);
            }
            if (value != null && value.length() > MAX_VALUE_LENGTH) {
                throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%s' at '%s' failed to satisfy "
                        + "constraint: Map value must satisfy constraint: [Member must have length less than or equal to %d]",
                        value, field, MAX_VALUE_LENGTH);
            }
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw GlueErrors.INVALID_INPUT.exception("Tag keys cannot start with the reserved prefix aws: %s", key);
            }
        });
    }

    private static AwsException tooMany(String field) {
        return GlueErrors.VALIDATION.exception("1 validation error detected: Value at '%s' failed to satisfy constraint: "
                + "Member must have length less than or equal to %d", field, MAX_TAGS);
    }
}
