package io.tarn.kms.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.kms.KmsLimits;
import io.tarn.kms.model.KeyMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys the init file ({@code --config}) declares under {@code resources.kms.keys}, created at
 * start with CreateKey's rules:
 * <pre>
 * resources:
 *   kms:
 *     keys:
 *       - alias: alias/app            # optional
 *         description: app key        # optional
 *         keySpec: SYMMETRIC_DEFAULT  # optional, default SYMMETRIC_DEFAULT
 *         keyUsage: ENCRYPT_DECRYPT   # optional for SYMMETRIC_DEFAULT, else required
 *         account: "000000000000"     # optional, default: the server's default account
 *         region: us-east-1           # optional, default: the server's default region
 *         tags: {team: data}          # optional
 * </pre>
 * A key with an alias is created unless that alias exists, so restarts on the same data do not
 * duplicate it. A key without an alias leaves nothing a restart could recognise it by, so it is
 * created only on a fresh store: when its account and region hold no KMS key yet.
 */
public final class DeclaredKeys {

    private static final Logger log = LoggerFactory.getLogger(DeclaredKeys.class);
    private static final List<String> FIELDS = List.of("alias", "description", "keySpec", "keyUsage", "account", "region",
            "tags");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    /** One checked entry; {@code name} says where it is in the file, for messages. */
    record Declared(String name, Namespace namespace, @Nullable String alias, NewKey spec) {}

    private final List<Declared> entries;

    private DeclaredKeys(List<Declared> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads and checks {@code resources.kms} (null: nothing declared), so that a bad entry fails the
     * start before anything is created, with a message naming the entry.
     *
     * @throws IllegalArgumentException for the first bad entry
     */
    public static DeclaredKeys parse(@Nullable JsonNode kms, String defaultAccount, String defaultRegion) {
        if (kms == null || kms.isNull()) {
            return new DeclaredKeys(List.of());
        }
        if (!kms.isObject()) {
            throw bad("resources.kms", "must be a map with a 'keys' list");
        }
        for (Iterator<String> it = kms.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!"keys".equals(field)) {
                throw bad("resources.kms", "unknown field '" + field + "'; the only one is 'keys'");
            }
        }
        JsonNode keys = kms.get("keys");
        if (keys == null || keys.isNull()) {
            return new DeclaredKeys(List.of());
        }
        if (!keys.isArray()) {
            throw bad("resources.kms.keys", "must be a list of keys");
        }
        List<Declared> entries = new ArrayList<>();
        Set<String> aliases = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            Declared d = entry(keys.get(i), i, defaultAccount, defaultRegion);
            if (d.alias() != null && !aliases.add(d.namespace().account() + "|" + d.namespace().region() + "|" + d.alias())) {
                throw bad(d.name(), "the alias is declared twice in account " + d.namespace().account() + " and region "
                        + d.namespace().region());
            }
            entries.add(d);
        }
        return new DeclaredKeys(entries);
    }

    private static Declared entry(JsonNode node, int index, String defaultAccount, String defaultRegion) {
        String name = "resources.kms.keys[" + index + "]";
        if (node == null || !node.isObject()) {
            throw bad(name, "must be a map of " + FIELDS);
        }
        String alias = text(node, "alias", name);
        if (alias != null) {
            name += " (" + alias + ")";
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw bad(name, "unknown field '" + field + "'; the fields are " + FIELDS);
            }
        }
        String description = text(node, "description", name);
        String keySpec = text(node, "keySpec", name);
        String keyUsage = text(node, "keyUsage", name);
        String account = account(node, name, defaultAccount);
        String region = text(node, "region", name);
        Map<String, String> tags = tags(node, name);
        if (region == null) {
            region = defaultRegion;
        } else if (!REGION.matcher(region).matches()) {
            throw bad(name, "region '" + region + "' is not a region name such as us-east-1");
        }
        if (keySpec == null) {
            keySpec = KeySpecs.SYMMETRIC_DEFAULT;
        } else if (!KeySpecs.BUILT.contains(keySpec) && KeySpecs.unsupportedReason(keySpec) == null) {
            throw bad(name, "keySpec '" + keySpec + "' is not a KMS key spec; Tarn builds " + KeySpecs.BUILT);
        }
        if (description != null && description.length() > KmsLimits.MAX_DESCRIPTION_LENGTH) {
            throw bad(name, "the description is longer than " + KmsLimits.MAX_DESCRIPTION_LENGTH + " characters");
        }
        try {
            // CreateKey's own checks, so the init file and the API accept the same keys
            KeySpecs.checkUsage(keyUsage, keySpec);
            KeyRing.checkTags(tags, Map.of());
            if (alias != null) {
                if (alias.length() > KmsLimits.MAX_ALIAS_NAME_LENGTH) {
                    throw bad(name, "the alias is longer than " + KmsLimits.MAX_ALIAS_NAME_LENGTH + " characters");
                }
                AliasRegistry.checkName(alias);
            }
        } catch (AwsException e) {
            throw bad(name, e.getMessage());
        }
        return new Declared(name, new Namespace(account, region), alias,
                new NewKey(description, keyUsage, keySpec, null, tags));
    }

    /**
     * Creates the declared keys that are missing (see the class comment), each with its alias in
     * one batch, and returns them.
     */
    public List<KeyMeta> apply(KmsEngine engine) {
        KeyRing keys = engine.keys();
        // decided before anything is created, so one entry does not make the namespace of the next one used
        Map<Namespace, Boolean> fresh = new HashMap<>();
        for (Declared d : entries) {
            fresh.computeIfAbsent(d.namespace(), ns -> keys.list(ns, null, 1).items().isEmpty());
        }
        List<KeyMeta> created = new ArrayList<>();
        for (Declared d : entries) {
            boolean exists = d.alias() != null ? keys.alias(d.namespace(), d.alias()) != null : !fresh.get(d.namespace());
            if (exists) {
                log.debug("init file: {} exists, kept", d.name());
                continue;
            }
            KeyMeta key;
            try {
                key = keys.create(d.namespace(), d.spec(), d.alias());
            } catch (AwsException e) {
                throw bad(d.name(), e.getMessage());
            }
            log.info("init file: created {} key {}{}", key.keySpec(), key.arn(), d.alias() == null ? "" : " as " + d.alias());
            created.add(key);
        }
        return created;
    }

    private static @Nullable String text(JsonNode node, String field, String name) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw bad(name, field + " must be a string");
        }
        return value.asText();
    }

    /** A 12-digit account id; YAML reads an unquoted one as a number, which loses leading zeros. */
    private static String account(JsonNode node, String name, String defaultAccount) {
        JsonNode value = node.get("account");
        if (value == null || value.isNull()) {
            return defaultAccount;
        }
        String account = value.isTextual() || value.isIntegralNumber() ? value.asText() : "";
        if (!ACCOUNT.matcher(account).matches()) {
            throw bad(name, "account must be a 12-digit account id in quotes, such as \"000000000000\"");
        }
        return account;
    }

    /** Tags as a map of key to value; numbers and booleans are taken as their text. */
    private static Map<String, String> tags(JsonNode node, String name) {
        JsonNode value = node.get("tags");
        Map<String, String> tags = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return tags;
        }
        if (!value.isObject()) {
            throw bad(name, "tags must be a map of tag key to tag value, such as {team: data}");
        }
        for (Map.Entry<String, JsonNode> tag : value.properties()) {
            JsonNode v = tag.getValue();
            if (v == null || !v.isValueNode() || v.isNull()) {
                throw bad(name, "the value of tag '" + tag.getKey() + "' must be a string");
            }
            if (tag.getKey().isEmpty() || tag.getKey().length() > KmsLimits.MAX_TAG_KEY_LENGTH) {
                throw bad(name, "tag key '" + tag.getKey() + "' must be 1-" + KmsLimits.MAX_TAG_KEY_LENGTH + " characters");
            }
            if (v.asText().length() > KmsLimits.MAX_TAG_VALUE_LENGTH) {
                throw bad(name, "the value of tag '" + tag.getKey() + "' is longer than " + KmsLimits.MAX_TAG_VALUE_LENGTH
                        + " characters");
            }
            tags.put(tag.getKey(), v.asText());
        }
        return tags;
    }

    private static IllegalArgumentException bad(String where, String problem) {
        return new IllegalArgumentException("init file: " + where + ": " + problem);
    }
}
