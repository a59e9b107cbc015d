package io.tarn.s3.engine.notifications;

import io.tarn.core.spi.Namespace;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the events of a queue, topic or function ARN go. Tarn has no SQS, SNS or Lambda: the init
 * file's {@code s3Notifications} section maps such an ARN to a Tarn Kinesis stream, a Tarn Firehose
 * delivery stream (by their ARNs) or an HTTP URL that gets each event as a POST.
 */
public final class NotificationTargets {

    public enum Kind { KINESIS, FIREHOSE, HTTP }

    /** @param name the stream's name (Kinesis, Firehose) or the URL (HTTP) */
    public record Target(Kind kind, @Nullable Namespace ns, String name) {}

    private final Map<String, Target> byArn;

    private NotificationTargets(Map<String, Target> byArn) {
        this.byArn = Map.copyOf(byArn);
    }

    /** Parses the init file's section; a target that is none of the three is refused at start. */
    public static NotificationTargets of(Map<String, String> section) {
        Map<String, Target> out = new HashMap<>();
        section.forEach((arn, target) -> out.put(arn, parse(arn, target)));
        return new NotificationTargets(out);
    }

    private static Target parse(String arn, String target) {
        String t = target.trim();
        if (t.startsWith("http://") || t.startsWith("https://")) {
            URI.create(t); // refuses a malformed URL now rather than at the first event
            return new Target(Kind.HTTP, null, t);
        }
        String[] parts = t.split(":", 6);
        if (parts.length == 6 && parts[0].equals("arn")) {
            Namespace ns = new Namespace(parts[4], parts[3]);
            if (parts[2].equals("kinesis") && parts[5].startsWith("stream/")) {
                return new Target(Kind.KINESIS, ns, parts[5].substring("stream/".length()));
            }
            if (parts[2].equals("firehose") && parts[5].startsWith("deliverystream/")) {
                return new Target(Kind.FIREHOSE, ns, parts[5].substring("deliverystream/".length()));
            }
        }
        throw new IllegalArgumentException("s3Notifications: the target of " + arn
                + " must be a Kinesis stream ARN, a Firehose delivery stream ARN or an http(s) URL: " + target);
    }

    public @Nullable Target of(String arn) {
        return byArn.get(arn);
    }
}
