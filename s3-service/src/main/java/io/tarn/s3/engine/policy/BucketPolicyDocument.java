package io.tarn.s3.engine.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A bucket policy as S3 keeps it and GetBucketPolicy returns it: not the bytes that were put but
 * the document normalized, which is why tools comparing the two (Terraform) need their own
 * normalization. S3 drops insignificant whitespace (aws-cli issue 849 shows the compact answer)
 * and writes an account id in an {@code AWS} principal as its root ARN (terraform issue 9036:
 * {@code "210987654321"} reads back as {@code "arn:aws:iam::210987654321:root"}). Fields keep
 * their order and every other value is kept as given.
 */
final class BucketPolicyDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private BucketPolicyDocument() {}

    /** The normalized form of a document the policy parser has accepted (so it is a JSON object). */
    static String normalized(byte[] document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (IOException e) {
            throw new IllegalStateException("a compiled policy is valid JSON", e);
        }
        JsonNode statements = root.get("Statement");
        if (statements != null) {
            if (statements.isArray()) {
                statements.forEach(BucketPolicyDocument::normalizeStatement);
            } else {
                normalizeStatement(statements);
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void normalizeStatement(JsonNode statement) {
        for (String element : List.of("Principal", "NotPrincipal")) {
            JsonNode principal = statement.get(element);
            if (principal instanceof ObjectNode o && o.has("AWS")) {
                o.set("AWS", accountsAsArns(o.get("AWS")));
            }
        }
    }

    private static JsonNode accountsAsArns(JsonNode aws) {
        if (aws instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, accountsAsArns(array.get(i)));
            }
            return array;
        }
        String text = aws.asText();
        return aws.isValueNode() && ACCOUNT_ID.matcher(text).matches() ? TextNode.valueOf("arn:aws:iam::" + text + ":root") : aws;
    }
}
