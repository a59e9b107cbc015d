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
 * users:                       # IAM users: their key signs as arn:aws:iam::ACCOUNT:user/NAME
 *   - name: alice
 *     account: "111111111111"  # optional, else the default account
 *     accessKeyId: AKIAALICE
 *     secretAccessKey: alice-secret
 *     policies:                # inline identity policies by name: a document, or a file relative to this one
 *       read-reports: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::data/reports/*"}]}
 *       admin: policies/admin.json
 * roles:                       # IAM roles, for STS AssumeRole
 *   - name: reader
 *     account: "111111111111"
 *     trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {AWS: arn:aws:iam::111111111111:user/alice}, Action: sts:AssumeRole}]}
 *     policies: {read: policies/read.json}
 * resources:
 *   kms:
 *     keys: [{alias: alias/app, description: app key}]
 * lambdaFunctions:             # Tarn has no Lambda: a function ARN to the HTTP URL that answers its invocations
 *   arn:aws:lambda:us-east-1:000000000000:function:transform: http://127.0.0.1:9000/transform
 * s3Notifications:             # the queue, topic or function ARN of a bucket notification to what receives its events
 *   arn:aws:sqs:us-east-1:000000000000:uploads: arn:aws:kinesis:us-east-1:000000000000:stream/s3-events
 *   arn:aws:sns:us-east-1:000000000000:audit: arn:aws:firehose:us-east-1:000000000000:deliverystream/audit
 *   arn:aws:lambda:us-east-1:000000000000:function:thumbnail: http://127.0.0.1:9001/events
 * eventRules:                  # rules of an account's default event bus (Tarn has no EventBridge API)
 *   - name: new-csv
 *     account: "000000000000"  # optional, else the default account; region likewise
 *     eventPattern: {source: [aws.s3], detail-type: [Object Created], detail: {bucket: {name: [raw]}}}
 *     targets: [arn:aws:glue:us-east-1:000000000000:workflow/ingest]
 * </pre>
 */
public record InitFile(
        @JsonProperty("credentials") @Nullable List<StaticCredential> credentials,
        @JsonProperty("resources") @Nullable Map<String, JsonNode> resources,
        @JsonProperty("lambdaFunctions") @Nullable Map<String, String> lambdaFunctions,
        @JsonProperty("s3Notifications") @Nullable Map<String, String> s3Notifications,
        @JsonProperty("users") @Nullable List<ConfiguredUser> users,
        @JsonProperty("roles") @Nullable List<ConfiguredRole> roles,
        @JsonProperty("eventRules") @Nullable List<ConfiguredEventRule> eventRules) {

    public static final InitFile EMPTY = new InitFile(List.of(), Map.of(), Map.of(), Map.of());

    /** An init file without users and roles (as written before they existed). */
    public InitFile(@Nullable List<StaticCredential> credentials, @Nullable Map<String, JsonNode> resources,
            @Nullable Map<String, String> lambdaFunctions, @Nullable Map<String, String> s3Notifications) {
        this(credentials, resources, lambdaFunctions, s3Notifications, null, null, null);
    }

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
        users = users == null ? List.of() : List.copyOf(users);
        roles = roles == null ? List.of() : List.copyOf(roles);
        eventRules = eventRules == null ? List.of() : List.copyOf(eventRules);
    }

    /** The same file with its users and roles. */
    public InitFile withIdentities(List<ConfiguredUser> users, List<ConfiguredRole> roles) {
        return new InitFile(credentials, resources, lambdaFunctions, s3Notifications, users, roles, eventRules);
    }

    public static InitFile read(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".json") ? new JsonMapper() : new YAMLMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        InitFile read;
        try {
            read = mapper.readValue(Files.readAllBytes(file), InitFile.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the init file " + file + ": " + e.getMessage(), e);
        }
        InitFile resolved = read.withPolicyFiles(file.toAbsolutePath().getParent());
        // compiled here too, so that a malformed policy stops the start before anything opens
        ConfiguredIdentities.compile(resolved, TarnConfig.DEFAULT_ACCOUNT);
        new io.tarn.core.events.EventBus(resolved.eventRules(), TarnConfig.DEFAULT_ACCOUNT, TarnConfig.DEFAULT_REGION,
                new io.tarn.core.spi.Ports()); // likewise its event rules' patterns and targets
        return resolved;
    }

    /** Policies given as file paths replaced by the files' text, paths taken relative to {@code base}. */
    private InitFile withPolicyFiles(Path base) {
        List<ConfiguredUser> u = users.stream().map(user -> new ConfiguredUser(user.name(), user.account(), user.accessKeyId(),
                user.secretAccessKey(), resolved("user " + user.name(), user.policies(), base))).toList();
        List<ConfiguredRole> r = roles.stream().map(role -> new ConfiguredRole(role.name(), role.account(), role.path(),
                role.trustPolicy() == null ? null
                        : ConfiguredIdentities.resolve("role " + role.name() + ", trust policy", role.trustPolicy(), base),
                resolved("role " + role.name(), role.policies(), base))).toList();
        return withIdentities(u, r);
    }

    private static Map<String, JsonNode> resolved(String what, Map<String, JsonNode> policies, Path base) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        policies.forEach((name, doc) -> out.put(name, ConfiguredIdentities.resolve(what + ", policy " + name, doc, base)));
        return out;
    }

    /** The resources section of one service, or null. */
    public @Nullable JsonNode resourcesOf(String service) {
        return resources.get(service);
    }
}
