package io.tarn.core.iam;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses and validates an IAM policy document (the grammar of the IAM User Guide) and compiles it
 * into a {@link Policy}. Refusals carry AWS's messages as S3 answers them for bucket policies.
 */
public final class PolicyParser {

    public static final String NOT_JSON = "Policies must be valid JSON and the first byte must be '{'";
    public static final String INVALID_JSON = "This policy contains invalid Json";
    public static final String SYNTAX = "Invalid policy syntax.";

    static final String VERSION_2012 = "2012-10-17";
    static final String VERSION_2008 = "2008-10-17";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> POLICY_FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");

    private PolicyParser() {}

    public static Policy parse(String document, PolicyRules rules) {
        return parse(document.getBytes(StandardCharsets.UTF_8), rules);
    }

    public static Policy parse(byte[] document, PolicyRules rules) {
        Objects.requireNonNull(rules);
        int first = 0;
        while (first < document.length && Character.isWhitespace(document[first])) {
            first++;
        }
        if (first == document.length || document[first] != '{') {
            throw new PolicyException(NOT_JSON);
        }
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (IOException e) {
            throw new PolicyException(INVALID_JSON);
        }
        if (normalizedSize(root) > rules.maxNormalizedBytes()) {
            throw new PolicyException("Normalized policy document exceeds the maximum allowed size of "
                    + rules.maxNormalizedBytes() + " bytes");
        }
        checkFields(root, POLICY_FIELDS);
        String version = version(root.get("Version"));
        JsonNode id = root.get("Id");
        if (id != null && !id.isTextual()) {
            throw new PolicyException(SYNTAX);
        }
        JsonNode statementNode = root.get("Statement");
        if (statementNode == null) {
            throw new PolicyException("Missing required field Statement");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (statementNode.isArray()) {
            statementNode.forEach(nodes::add);
        } else if (statementNode.isObject()) {
            nodes.add(statementNode);
        } else {
            throw new PolicyException(SYNTAX);
        }
        if (nodes.isEmpty()) {
            throw new PolicyException("Could not parse the policy: Statement is empty!");
        }
        boolean variables = version.equals(VERSION_2012);
        List<Statement> statements = new ArrayList<>(nodes.size());
        for (JsonNode node : nodes) {
            statements.add(statement(statements.size(), node, rules, variables));
        }
        return new Policy(version, id == null ? null : id.asText(), statements);
    }

    private static int normalizedSize(JsonNode root) {
        try {
            return JSON.writeValueAsBytes(root).length;
        } catch (JsonProcessingException e) {
            throw new PolicyException(INVALID_JSON);
        }
    }

    private static String version(@Nullable JsonNode node) {
        if (node == null) {
            return VERSION_2008; // "The default policy version is 2008-10-17"
        }
        String v = node.isTextual() ? node.asText() : "";
        if (!v.equals(VERSION_2012) && !v.equals(VERSION_2008)) {
            throw new PolicyException("The policy must contain a valid version string");
        }
        return v;
    }

    private static void checkFields(JsonNode node, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new PolicyException("Unknown field " + name);
            }
        }
    }

    private static Statement statement(int index, JsonNode node, PolicyRules rules, boolean variables) {
        if (!node.isObject()) {
            throw new PolicyException(SYNTAX);
        }
        checkFields(node, STATEMENT_FIELDS);
        JsonNode sid = node.get("Sid");
        if (sid != null && !sid.isTextual()) {
            throw new PolicyException(SYNTAX);
        }
        Effect effect = effect(node.get("Effect"));

        JsonNode principal = exclusive(node, "Principal", "NotPrincipal");
        PrincipalSet principals = null;
        boolean notPrincipal = node.has("NotPrincipal");
        if (rules.resourceBased()) {
            if (principal == null) {
                throw new PolicyException("Missing required field Principal");
            }
            principals = PrincipalSet.parse(principal);
            if (notPrincipal && effect == Effect.ALLOW) {
                throw new PolicyException(PrincipalSet.INVALID); // NotPrincipal only with Deny
            }
        } else if (principal != null) {
            throw new PolicyException("Policy document should not specify a principal.");
        }

        JsonNode actionNode = exclusive(node, "Action", "NotAction");
        if (actionNode == null) {
            throw new PolicyException("Missing required field Action");
        }
        List<String> actionTexts = Json.strings(actionNode, SYNTAX);
        List<WildcardPattern> actions = new ArrayList<>();
        for (String action : actionTexts) {
            rules.checkAction(action);
            actions.add(WildcardPattern.compile(action, true, false, true)); // action names are case-insensitive
        }

        JsonNode resourceNode = exclusive(node, "Resource", "NotResource");
        if (!rules.namesResources() && resourceNode != null) {
            throw new PolicyException("Has prohibited field " + (node.has("Resource") ? "Resource" : "NotResource"));
        }
        if (resourceNode == null && rules.namesResources()) {
            throw new PolicyException("Missing required field Resource");
        }
        List<String> resourceTexts = resourceNode == null ? List.of("*") : Json.strings(resourceNode, SYNTAX);
        List<WildcardPattern> resources = new ArrayList<>();
        for (String resource : resourceTexts) {
            rules.checkResource(resource);
            resources.add(WildcardPattern.compile(resource, true, variables, false));
        }
        boolean notAction = node.has("NotAction");
        boolean notResource = node.has("NotResource");
        if (!notAction && !notResource) {
            rules.checkActionsApply(actionTexts, resourceTexts);
        }
        List<Condition> conditions = conditions(node.get("Condition"), rules, variables);
        return new Statement(index, sid == null ? null : sid.asText(), effect, principals, notPrincipal, List.copyOf(actions),
                notAction, List.copyOf(resources), notResource, conditions);
    }

    private static Effect effect(@Nullable JsonNode node) {
        if (node == null) {
            throw new PolicyException("Missing required field Effect");
        }
        String text = node.isValueNode() ? node.asText() : node.toString();
        switch (text) { // case-sensitive, as AWS reads it
            case "Allow":
                return Effect.ALLOW;
            case "Deny":
                return Effect.DENY;
            default:
                throw new PolicyException("Invalid effect: " + text);
        }
    }

    /** The element or its Not form; both at once is a syntax error, as AWS's grammar makes them exclusive. */
    private static @Nullable JsonNode exclusive(JsonNode statement, String name, String notName) {
        JsonNode plain = statement.get(name);
        JsonNode not = statement.get(notName);
        if (plain != null && not != null) {
            throw new PolicyException(SYNTAX);
        }
        JsonNode found = plain != null ? plain : not;
        if (found != null && found.isNull()) {
            throw new PolicyException(SYNTAX);
        }
        return found;
    }

    private static List<Condition> conditions(@Nullable JsonNode node, PolicyRules rules, boolean variables) {
        if (node == null) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new PolicyException(SYNTAX);
        }
        List<Condition> conditions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> ops = node.fields(); ops.hasNext();) {
            Map.Entry<String, JsonNode> op = ops.next();
            if (!op.getValue().isObject() || op.getValue().isEmpty()) {
                throw new PolicyException(SYNTAX);
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext();) {
                Map.Entry<String, JsonNode> key = keys.next();
                List<String> values = Json.strings(key.getValue(), SYNTAX);
                Condition c = Condition.compile(op.getKey(), key.getKey(), values, variables);
                if (c == null) {
                    throw new PolicyException("Invalid Condition type : " + op.getKey());
                }
                rules.checkConditionKey(key.getKey());
                conditions.add(c);
            }
        }
        return List.copyOf(conditions);
    }
}
