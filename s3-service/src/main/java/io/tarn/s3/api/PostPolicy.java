package io.tarn.s3.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tarn.core.error.AwsException;
import io.tarn.s3.S3Errors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The policy of a browser POST ("POST Policy", S3 API reference): a base64 JSON document with an
 * {@code expiration} and {@code conditions} that every form field must meet. Exact matches
 * ({@code {"acl": "public-read"}}, {@code ["eq", "$acl", "public-read"]}), prefixes
 * ({@code ["starts-with", "$key", "user/"]}, the empty prefix allowing anything) and the file's
 * size ({@code ["content-length-range", min, max]}). Every field but the exempt ones must be named
 * by a condition.
 */
final class PostPolicy {

    /** AWS's own policy example ends its conditions with a trailing comma, so S3's parser takes one. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
    /** The fields whose conditions may be {@code starts-with}; the others match exactly ("Conditions" table). */
    private static final Set<String> PREFIX_MATCHED = Set.of("key", "acl", "content-type", "cache-control", "content-disposition",
            "content-encoding", "expires", "success_action_redirect", "redirect");

    /**
     * One condition. {@code field} is the form field it names, lower-cased, without its {@code $};
     * null for a content-length-range, or for a condition S3 cannot read (which fails, shown as written).
     */
    record Condition(String operation, @Nullable String field, String value, long min, long max, String text) {}

    private final Instant expiration;
    private final List<Condition> conditions;

    private PostPolicy(Instant expiration, List<Condition> conditions) {
        this.expiration = expiration;
        this.conditions = List.copyOf(conditions);
    }

    /** Decodes the {@code policy} field; InvalidPolicyDocument when it is not a policy. */
    static PostPolicy parse(String base64) {
        JsonNode doc;
        try {
            doc = JSON.readTree(new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw invalid("Invalid JSON.");
        }
        if (doc == null || !doc.isObject()) {
            throw invalid("Invalid JSON.");
        }
        JsonNode expiration = doc.get("expiration");
        if (expiration == null) {
            throw invalid("Policy missing expiration.");
        }
        Instant expires;
        try {
            expires = Instant.parse(expiration.asText());
        } catch (DateTimeParseException e) {
            throw invalid("Invalid 'expiration' value: '" + expiration.asText() + "'");
        }
        JsonNode conditions = doc.get("conditions");
        if (conditions == null) {
            throw invalid("Policy missing conditions.");
        }
        if (!conditions.isArray()) {
            throw invalid("Invalid 'conditions' value: must be a List.");
        }
        List<Condition> parsed = new ArrayList<>();
        for (JsonNode c : conditions) {
            parsed.add(condition(c));
        }
        return new PostPolicy(expires, parsed);
    }

    private static Condition condition(JsonNode c) {
        if (c.isObject()) {
            if (c.size() != 1) {
                throw invalid("Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");
            }
            Map.Entry<String, JsonNode> only = c.fields().next();
            if (!only.getValue().isTextual()) {
                throw invalid("Invalid Simple-Condition: value must be a string.");
            }
            String field = only.getKey();
            String value = only.getValue().asText();
            return new Condition("eq", field.toLowerCase(Locale.ROOT), value, 0, 0, render("eq", "$" + field, value));
        }
        if (!c.isArray()) {
            throw invalid("Invalid Condition: must be a List or an Object.");
        }
        String text = render(c);
        String operation = c.size() == 3 && c.get(0).isTextual() ? c.get(0).asText().toLowerCase(Locale.ROOT) : "";
        if ((operation.equals("eq") || operation.equals("starts-with")) && c.get(1).isTextual() && c.get(2).isTextual()
                && c.get(1).asText().startsWith("$")) {
            return new Condition(operation, c.get(1).asText().substring(1).toLowerCase(Locale.ROOT), c.get(2).asText(), 0, 0, text);
        }
        if (operation.equals("content-length-range")) {
            Long min = whole(c.get(1));
            Long max = whole(c.get(2));
            if (min != null && max != null) {
                return new Condition(operation, null, "", min, max, text);
            }
        }
        return new Condition("unreadable", null, "", 0, 0, text); // fails when checked, as S3 fails it
    }

    private static @Nullable Long whole(JsonNode n) {
        if (n.canConvertToExactIntegral() || n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isTextual() && n.asText().matches("\\d{1,18}")) {
            return Long.parseLong(n.asText());
        }
        return null;
    }

    /**
     * Checks the form against the policy, in S3's order: the expiration (on the emulator clock),
     * each condition but content-length-range (checked with the file's size), then fields no
     * condition names.
     *
     * @param fields the form's fields, names lower-cased, {@code ${filename}} expanded
     * @param exempt fields that need no condition (the signature, the policy, the file, {@code x-ignore-*})
     */
    void check(Map<String, String> fields, String bucket, Instant now, Predicate<String> exempt) {
        if (now.isAfter(expiration)) {
            throw denied("Policy expired.");
        }
        Set<String> named = new HashSet<>();
        for (Condition c : conditions) {
            if (c.operation().equals("content-length-range")) {
                continue;
            }
            if (c.field() == null || !holds(c, c.field().equals("bucket") ? bucket : fields.getOrDefault(c.field(), ""))) {
                throw denied("Policy Condition failed: " + c.text());
            }
            named.add(c.field());
        }
        for (String field : fields.keySet()) {
            if (!named.contains(field) && !exempt.test(field)) {
                throw denied("Extra input fields: " + field);
            }
        }
    }

    private static boolean holds(Condition c, String actual) {
        if (c.operation().equals("eq")) {
            return actual.equals(c.value());
        }
        if (!PREFIX_MATCHED.contains(c.field()) && !c.field().startsWith("x-amz-meta-")) {
            return false;
        }
        if (c.field().equals("content-type")) { // a list of types: each must match ("Starts With", POST Policy)
            for (String type : actual.split(",", -1)) {
                if (!type.trim().startsWith(c.value())) {
                    return false;
                }
            }
            return true;
        }
        return actual.startsWith(c.value());
    }

    /** The file's size against every content-length-range: EntityTooSmall or EntityTooLarge. */
    void checkLength(long size) {
        for (Condition c : conditions) {
            if (!c.operation().equals("content-length-range")) {
                continue;
            }
            if (size < c.min()) {
                throw S3Errors.ENTITY_TOO_SMALL.exception("Your proposed upload is smaller than the minimum allowed size")
                        .with("ProposedSize", Long.toString(size)).with("MinSizeAllowed", Long.toString(c.min()));
            }
            if (size > c.max()) {
                throw S3Errors.ENTITY_TOO_LARGE.exception("Your proposed upload exceeds the maximum allowed size")
                        .with("ProposedSize", Long.toString(size)).with("MaxSizeAllowed", Long.toString(c.max()));
            }
        }
    }

    /** The largest file the policy allows, so that bytes past it need not be written; Long.MAX_VALUE when unbounded. */
    long maxLength() {
        long max = Long.MAX_VALUE;
        for (Condition c : conditions) {
            if (c.operation().equals("content-length-range")) {
                max = Math.min(max, c.max());
            }
        }
        return max;
    }

    /** A condition as S3 shows a failed one: {@code ["starts-with", "$key", "user/"]}. */
    private static String render(JsonNode array) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < array.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(array.get(i).toString());
        }
        return sb.append(']').toString();
    }

    private static String render(String operation, String field, String value) {
        return render(JSON.createArrayNode().add(operation).add(field).add(value));
    }

    private static AwsException invalid(String detail) {
        return S3Errors.INVALID_POLICY_DOCUMENT.exception("Invalid Policy: " + detail);
    }

    private static AwsException denied(String detail) {
        return S3Errors.ACCESS_DENIED.exception("Invalid according to Policy: " + detail);
    }
}
