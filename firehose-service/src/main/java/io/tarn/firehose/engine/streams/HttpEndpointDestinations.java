package io.tarn.firehose.engine.streams;

import static io.tarn.firehose.engine.streams.DestinationParts.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * HTTP endpoint destinations: an {@code HttpEndpointDestinationConfiguration} checked against the
 * model and described as AWS describes it (the endpoint's {@code AccessKey} is kept for delivery
 * but never described; defaults: 5 MiB / 300 s buffers, {@code ContentEncoding NONE}, 300 s of
 * retries, {@code FailedDataOnly} backup). AWS takes only {@code https://} URLs; Tarn also takes
 * {@code http://}, since the endpoints a test stands up beside Tarn rarely have a certificate.
 */
final class HttpEndpointDestinations {

    private static final Pattern URL = Pattern.compile("https?://.*");
    private static final Pattern SECRET_ARN = Pattern.compile("arn:.*:secretsmanager:[a-zA-Z0-9\\-]+:\\d{12}:secret:[a-zA-Z0-9\\-/_+=.@!]+");

    private HttpEndpointDestinations() {}

    /** The HttpEndpointDestinationDescription of a configuration, with the endpoint's AccessKey inside. */
    static ObjectNode describe(ObjectNode cfg, String path) {
        ObjectNode out = JSON.objectNode();
        out.set("EndpointConfiguration", endpoint(Fields.object(cfg, "EndpointConfiguration", path, true),
                Fields.path(path, "EndpointConfiguration")));
        out.set("BufferingHints", DestinationParts.bufferingHints(cfg, path, 64, DestinationParts.DEFAULT_SIZE_MIB));
        out.set("CloudWatchLoggingOptions", DestinationParts.cloudWatch(cfg, path));
        out.set("RequestConfiguration", request(Fields.object(cfg, "RequestConfiguration", path, false),
                Fields.path(path, "RequestConfiguration")));
        ObjectNode processing = DestinationParts.processing(cfg, path);
        if (processing != null) {
            out.set("ProcessingConfiguration", processing);
        }
        String role = Fields.string(cfg, "RoleARN", path, false, 1, 512, Fields.ROLE_ARN);
        if (role != null) {
            out.put("RoleARN", role);
        }
        ObjectNode retry = Fields.object(cfg, "RetryOptions", path, false);
        Integer seconds = retry == null ? null : Fields.integer(retry, "DurationInSeconds", Fields.path(path, "RetryOptions"), false, 0, 7200);
        out.set("RetryOptions", JSON.objectNode().put("DurationInSeconds", seconds == null ? S3Destinations.DEFAULT_RETRY_SECONDS : seconds));
        String mode = Fields.oneOf(cfg, "S3BackupMode", path, false, List.of("FailedDataOnly", "AllData"));
        out.put("S3BackupMode", mode == null ? "FailedDataOnly" : mode);
        String s3Member = cfg.has("S3Configuration") ? "S3Configuration" : "S3DestinationDescription";
        out.set("S3DestinationDescription", S3Destinations.describeS3(Fields.object(cfg, s3Member, path, true), Fields.path(path, s3Member)));
        ObjectNode secrets = Fields.object(cfg, "SecretsManagerConfiguration", path, false);
        if (secrets != null) {
            String p = Fields.path(path, "SecretsManagerConfiguration");
            Fields.string(secrets, "SecretARN", p, false, 1, 2048, SECRET_ARN);
            Fields.string(secrets, "RoleARN", p, false, 1, 512, Fields.ROLE_ARN);
            if (Fields.bool(secrets, "Enabled", p) == null) {
                throw Fields.invalid(null, Fields.path(p, "Enabled"), "Member must not be null");
            }
            out.set("SecretsManagerConfiguration", secrets.deepCopy());
        }
        return out;
    }

    /** The description as DescribeDeliveryStream shows it: without the endpoint's AccessKey. */
    static ObjectNode described(ObjectNode stored) {
        ObjectNode out = stored.deepCopy();
        ((ObjectNode) out.get("EndpointConfiguration")).remove("AccessKey");
        return out;
    }

    /**
     * An HttpEndpointDestinationUpdate applied to a current description, as the configuration it
     * amounts to: members given replace the current ones; {@code S3Update} is merged into the S3
     * configuration, and an EndpointConfiguration without AccessKey keeps the current key.
     */
    static ObjectNode merge(ObjectNode current, ObjectNode update, String path) {
        ObjectNode cfg = current.deepCopy();
        for (Map.Entry<String, JsonNode> member : update.properties()) {
            if (member.getValue().isNull()) {
                continue;
            }
            switch (member.getKey()) {
                case "S3Update" -> {
                    ObjectNode s3 = Fields.object(update, "S3Update", path, false);
                    ObjectNode merged = (ObjectNode) cfg.get("S3DestinationDescription");
                    s3.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
                }
                case "EndpointConfiguration" -> {
                    ObjectNode endpoint = Fields.object(update, "EndpointConfiguration", path, false).deepCopy();
                    JsonNode key = current.path("EndpointConfiguration").get("AccessKey");
                    if (!endpoint.has("AccessKey") && key != null) {
                        endpoint.set("AccessKey", key);
                    }
                    cfg.set("EndpointConfiguration", endpoint);
                }
                default -> cfg.set(member.getKey(), member.getValue());
            }
        }
        return cfg;
    }

    private static ObjectNode endpoint(ObjectNode cfg, String path) {
        ObjectNode out = JSON.objectNode();
        out.put("Url", Fields.string(cfg, "Url", path, true, 1, 1000, URL));
        String name = Fields.string(cfg, "Name", path, false, 1, 256, Fields.NON_BLANK);
        if (name != null) {
            out.put("Name", name);
        }
        String key = Fields.string(cfg, "AccessKey", path, false, 0, 4096, null);
        if (key != null) {
            out.put("AccessKey", key);
        }
        return out;
    }

    private static ObjectNode request(ObjectNode cfg, String path) {
        ObjectNode out = JSON.objectNode();
        if (cfg == null) {
            return out.put("ContentEncoding", "NONE");
        }
        String encoding = Fields.oneOf(cfg, "ContentEncoding", path, false, List.of("NONE", "GZIP"));
        out.put("ContentEncoding", encoding == null ? "NONE" : encoding);
        String listPath = Fields.path(path, "CommonAttributes");
        ArrayNode attributes = Fields.list(cfg, "CommonAttributes", path, 50);
        for (int i = 0; i < attributes.size(); i++) {
            ObjectNode a = Fields.entry(attributes, i, listPath);
            String p = Fields.entryPath(listPath, i);
            Fields.string(a, "AttributeName", p, true, 1, 256, Fields.NON_BLANK);
            Fields.string(a, "AttributeValue", p, true, 0, 1024, null);
        }
        if (cfg.has("CommonAttributes")) {
            out.set("CommonAttributes", attributes.deepCopy());
        }
        return out;
    }
}
