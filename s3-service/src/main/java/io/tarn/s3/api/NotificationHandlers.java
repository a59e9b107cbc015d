package io.tarn.s3.api;

import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.S3Errors;
import io.tarn.s3.api.xml.S3XmlReader;
import io.tarn.s3.engine.notifications.NotificationConfigs;
import io.tarn.s3.model.NotificationConfig;
import io.tarn.s3.model.NotificationConfig.Destination;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Put/GetBucketNotificationConfiguration: the XML of Queue, Topic and CloudFunction configurations. */
final class NotificationHandlers {

    /** The XML element of each kind and the element naming its ARN, in the order S3 writes them. */
    private static final List<String[]> KINDS = List.of(new String[] {"TopicConfiguration", "Topic"},
            new String[] {"QueueConfiguration", "Queue"}, new String[] {"CloudFunctionConfiguration", "CloudFunction"});

    private final NotificationConfigs configs;

    NotificationHandlers(NotificationConfigs configs) {
        this.configs = configs;
    }

    ServiceResponse get(S3Call call) {
        NotificationConfig config = configs.get(call.bucket());
        XmlWriter xml = new XmlWriter().start("NotificationConfiguration", S3Call.XMLNS);
        for (String[] kind : KINDS) {
            for (Destination d : config.destinations()) {
                if (!d.kind().equals(kind[1])) {
                    continue;
                }
                xml.start(kind[0]).element("Id", d.id()).element(kind[1], d.arn());
                d.events().forEach(e -> xml.element("Event", e));
                if (d.prefix() != null || d.suffix() != null) {
                    xml.start("Filter").start("S3Key");
                    if (d.prefix() != null) {
                        xml.start("FilterRule").element("Name", "Prefix").element("Value", d.prefix()).end();
                    }
                    if (d.suffix() != null) {
                        xml.start("FilterRule").element("Name", "Suffix").element("Value", d.suffix()).end();
                    }
                    xml.end().end();
                }
                xml.end();
            }
        }
        if (config.eventBridge()) {
            xml.start("EventBridgeConfiguration").end();
        }
        return S3Call.ok(xml.end());
    }

    ServiceResponse put(S3Call call) {
        if ("true".equalsIgnoreCase(call.header("x-amz-skip-destination-validation"))) {
            // S3 would then store ARNs it cannot reach; Tarn delivers only to mapped targets
            throw ObjectHeaders.notImplemented("x-amz-skip-destination-validation");
        }
        S3XmlReader doc = S3XmlReader.parse(call.request().body(), "NotificationConfiguration");
        List<Destination> destinations = new ArrayList<>();
        for (String[] kind : KINDS) {
            for (S3XmlReader c : doc.children(kind[0])) {
                destinations.add(destination(c, kind[1]));
            }
        }
        boolean eventBridge = doc.child("EventBridgeConfiguration") != null;
        configs.put(call.bucket(), destinations, eventBridge);
        return S3Call.empty(200);
    }

    private static Destination destination(S3XmlReader c, String kind) {
        String arn = c.text(kind);
        if (arn == null || arn.isBlank()) {
            throw S3XmlReader.malformed();
        }
        String id = c.text("Id");
        if (id == null || id.isEmpty()) {
            id = generatedId();
        }
        String prefix = null;
        String suffix = null;
        S3XmlReader filter = c.child("Filter");
        S3XmlReader key = filter == null ? null : filter.child("S3Key");
        if (key != null) {
            for (S3XmlReader rule : key.children("FilterRule")) {
                String name = rule.text("Name");
                String value = rule.text("Value");
                if (name == null || value == null) {
                    throw S3XmlReader.malformed();
                }
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "prefix":
                        if (prefix != null) {
                            throw S3Errors.INVALID_ARGUMENT.exception("Cannot specify more than one prefix rule in a filter.")
                                    .with("ArgumentName", "FilterRule").with("ArgumentValue", name);
                        }
                        prefix = value;
                        break;
                    case "suffix":
                        if (suffix != null) {
                            throw S3Errors.INVALID_ARGUMENT.exception("Cannot specify more than one suffix rule in a filter.")
                                    .with("ArgumentName", "FilterRule").with("ArgumentValue", name);
                        }
                        suffix = value;
                        break;
                    default:
                        throw S3Errors.INVALID_ARGUMENT.exception("filter rule name must be either prefix or suffix")
                                .with("ArgumentName", "FilterRule").with("ArgumentValue", name);
                }
            }
        }
        return new Destination(id, kind, arn.trim(), c.texts("Event"), prefix, suffix);
    }

    /** S3 names a configuration given without an Id: the Base64 of a random UUID's text, as S3's generated ids are. */
    private static String generatedId() {
        return Base64.getEncoder().withoutPadding().encodeToString(
                java.util.UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
