package io.tarn.kinesis.engine;

import io.tarn.kinesis.KinesisErrors;
import io.tarn.kinesis.KinesisLimits;
import java.util.Map;

/** Kinesis's tag rules: 50 per resource, keys 1-128 characters not starting with {@code aws:}, values up to 256. */
final class TagRules {

    private TagRules() {}

    static void check(Map<String, String> tags, int existing) {
        for (Map.Entry<String, String> t : tags.entrySet()) {
            String key = t.getKey();
            if (key == null || key.isEmpty() || key.length() > KinesisLimits.MAX_TAG_KEY_CHARS) {
                throw KinesisErrors.INVALID_ARGUMENT.exception("Tag key must be between 1 and %d characters long.", KinesisLimits.MAX_TAG_KEY_CHARS);
            }
            if (key.startsWith("aws:")) {
                throw KinesisErrors.INVALID_ARGUMENT.exception("Tag key %s uses the reserved prefix aws:.", key);
            }
            String value = t.getValue() == null ? "" : t.getValue();
            if (value.length() > KinesisLimits.MAX_TAG_VALUE_CHARS) {
                throw KinesisErrors.INVALID_ARGUMENT.exception("Tag value must be at most %d characters long.", KinesisLimits.MAX_TAG_VALUE_CHARS);
            }
        }
        if (existing + tags.size() > KinesisLimits.MAX_TAGS) {
            throw KinesisErrors.LIMIT_EXCEEDED.exception("A resource can have at most %d tags.", KinesisLimits.MAX_TAGS);
        }
    }
}
