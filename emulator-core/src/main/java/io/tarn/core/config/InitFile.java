package io.tarn.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The optional init file ({@code --config}, YAML or JSON): credentials accepted in strict mode,
 * and per service the resources to create at start, e.g.
 * <pre>
 * credentials:
 *   - accessKeyId: AKIAEXAMPLE
 *     secretAccessKey: secret
 *     account: "111111111111"
 * resources:
 *   kms:
 *     keys: [{alias: alias/app, description: app key}]
 * lambdaFunctions:             # Tarn has no Lambda: a function ARN to the HTTP URL that answers its invocations
 *   arn:aws:lambda:us-east-1:000000000000:function:transform: http://127.0.0.1:9000/transform
 * s3Notifications:             # the queue, topic or function ARN of a bucket notification to what receives its events
 *   arn:aws:sqs:us-east-1:000000000000:uploads: arn:aws:kinesis:us-east-1:000000000000:stream/s3-events
 *   arn:aws:sns:us-east-1:000000000000:audit: arn:aws:firehose:us-east-1:000000000000:deliverystream/audit
 *   arn:aws:lambda:us-east-1:000000000000:function:thumbnail: http://127.0.0.1:9001/events
 * </pre>
 */
public record InitFile(
        @JsonProperty("credentials") @Nullable List<StaticCredential> credentials,
        @JsonProperty("resources") @Nullable Map<String, JsonNode> resources,
        @JsonProperty("lambdaFunctions") @Nullable Map<String, String> lambdaFunctions,
        @JsonProperty("s3Notifications") @Nullable Map<String, String> s3Notifications) {

    public static final InitFile EMPTY = new InitFile(List.of(), Map.of(), Map.of(), Map.of());

    /** An init file without S3 notification targets (as written before they existed). */
    public InitFile(@Nullable List<StaticCredential> credentials, @Nullable Map<String, JsonNode> resources,
            @Nullable Map<String, String> lambdaFunctions) {
        this(credentials, resources, lambdaFunctions, null);
    }

    public InitFile {
        credentials = credentials == null ? List.of() : List.copyOf(credentials);
        resources = resources == null ? Map.of() : Map.copyOf(resources);
        lambdaFunctions = lambdaFunctions == null ? Map.of() : Map.copyOf(lambdaFunctions);
        s3Notifications = s3Notifications == null ? Map.of() : Map.copyOf(s3Notifications);
    }

    public static InitFile read(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".json") ? new JsonMapper() : new YAMLMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return mapper.readValue(Files.readAllBytes(file), InitFile.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the init file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The resources section of one service, or null. */
    public @Nullable JsonNode resourcesOf(String service) {
        return resources.get(service);
    }
}
