package io.tarn.kinesis.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.core.spi.Namespace;
import io.tarn.kinesis.KinesisErrors;
import io.tarn.kinesis.KinesisLimits;
import io.tarn.kinesis.model.ConsumerMeta;
import io.tarn.kinesis.model.StreamMeta;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** Tags and resource policies of streams and consumers, addressed by name or by ARN. */
public final class TagEngine {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StreamEngine streams;
    private final ConsumerRegistry consumers;

    TagEngine(StreamEngine streams, ConsumerRegistry consumers) {
        this.streams = streams;
        this.consumers = consumers;
    }

    public void addTags(Namespace ns, String stream, Map<String, String> tags) {
        streams.admit(ns, "AddTagsToStream", stream);
        checkPerCall(tags.size());
        streams.update(ns, stream, false, e -> e.tags.putAll(checked(e.tags, tags)));
    }

    public void removeTags(Namespace ns, String stream, Collection<String> keys) {
        streams.admit(ns, "RemoveTagsFromStream", stream);
        checkPerCall(keys.size());
        streams.update(ns, stream, false, e -> e.tags.keySet().removeAll(keys));
    }

    public Map<String, String> tags(Namespace ns, String stream) {
        return streams.describe(ns, stream).tags();
    }

    public void tagResource(Namespace ns, String arn, Map<String, String> tags) {
        withResource(ns, arn, e -> e.tags.putAll(checked(e.tags, tags)), c -> c.withTags(merged(c.tags(), checked(c.tags(), tags))));
    }

    public void untagResource(Namespace ns, String arn, Collection<String> keys) {
        withResource(ns, arn, e -> e.tags.keySet().removeAll(keys), c -> {
            Map<String, String> left = new TreeMap<>(c.tags());
            left.keySet().removeAll(keys);
            return c.withTags(left);
        });
    }

    public Map<String, String> resourceTags(Namespace ns, String arn) {
        if (isConsumer(arn)) {
            return consumers.find(ns, null, null, arn).tags();
        }
        return streams.describe(ns, streamName(ns, arn)).tags();
    }

    public void putPolicy(Namespace ns, String arn, String policy) {
        try {
            JsonNode doc = JSON.readTree(policy);
            if (doc == null || !doc.isObject()) {
                throw new IOException("not an object");
            }
        } catch (IOException e) {
            throw KinesisErrors.INVALID_ARGUMENT.exception("Policy is not a valid JSON policy document.");
        }
        withResource(ns, arn, e -> e.policy = policy, c -> c.withPolicy(policy));
    }

    public void deletePolicy(Namespace ns, String arn) {
        withResource(ns, arn, e -> e.policy = null, c -> c.withPolicy(null));
    }

    public @Nullable String policy(Namespace ns, String arn) {
        if (isConsumer(arn)) {
            return consumers.find(ns, null, null, arn).policy();
        }
        return streams.describe(ns, streamName(ns, arn)).policy();
    }

    private void withResource(Namespace ns, String arn, java.util.function.Consumer<StreamMeta.Editor> onStream,
            UnaryOperator<ConsumerMeta> onConsumer) {
        if (isConsumer(arn)) {
            synchronized (consumers) {
                consumers.save(ns, onConsumer.apply(consumers.find(ns, null, null, arn)));
            }
        } else {
            streams.update(ns, streamName(ns, arn), false, onStream);
        }
    }

    private static boolean isConsumer(String arn) {
        return arn.contains("/consumer/");
    }

    /** The stream an ARN names; an ARN of another account or region names nothing here. */
    public static String streamName(Namespace ns, String arn) {
        String prefix = "arn:aws:kinesis:" + ns.region() + ":" + ns.account() + ":stream/";
        if (arn == null || !arn.startsWith(prefix) || arn.length() == prefix.length()) {
            if (arn != null && arn.matches("arn:aws[a-z-]*:kinesis:[^:]*:\\d{12}:stream/[a-zA-Z0-9_.-]+")) {
                String name = arn.substring(arn.indexOf(":stream/") + 8);
                throw KinesisErrors.RESOURCE_NOT_FOUND.exception("Stream %s under account %s not found.", name, ns.account());
            }
            throw KinesisErrors.INVALID_ARGUMENT.exception("Invalid StreamARN %s.", arn);
        }
        return arn.substring(prefix.length());
    }

    private static Map<String, String> checked(Map<String, String> existing, Map<String, String> added) {
        Map<String, String> union = merged(existing, added);
        TagRules.check(added, union.size() - added.size());
        return added;
    }

    private static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new TreeMap<>(a);
        m.putAll(b);
        return m;
    }

    private static void checkPerCall(int n) {
        if (n > KinesisLimits.MAX_TAGS_PER_CALL) {
            throw KinesisErrors.INVALID_ARGUMENT.exception("Cannot add or remove more than %d tags in one call.", KinesisLimits.MAX_TAGS_PER_CALL);
        }
    }
}
