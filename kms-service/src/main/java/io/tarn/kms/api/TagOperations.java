package io.tarn.kms.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.kms.KmsLimits;
import io.tarn.kms.api.shapes.KeyShapes.Tag;
import io.tarn.kms.api.shapes.TagShapes.ListResourceTagsInput;
import io.tarn.kms.api.shapes.TagShapes.ListResourceTagsOutput;
import io.tarn.kms.api.shapes.TagShapes.TagResourceInput;
import io.tarn.kms.api.shapes.TagShapes.UntagResourceInput;
import io.tarn.kms.engine.KeyRing;
import io.tarn.kms.engine.Page;
import java.util.List;
import java.util.Map;

/** Tags of keys. */
public final class TagOperations {

    private final KeyRing keys;
    private final Markers markers;

    public TagOperations(KeyRing keys, Markers markers) {
        this.markers = markers;
        this.keys = keys;
    }

    public Void tagResource(RequestContext ctx, TagResourceInput in) {
        Wire.tags(Wire.keyId(Validation.of(), "keyId", in.keyId()).notNull("tags", in.tags()), in.tags()).check();
        keys.tag(ctx.namespace(), in.keyId(), KeyOperations.tagMap(in.tags()));
        return null;
    }

    public Void untagResource(RequestContext ctx, UntagResourceInput in) {
        Validation v = Wire.keyId(Validation.of(), "keyId", in.keyId()).notNull("tagKeys", in.tagKeys());
        if (in.tagKeys() != null) {
            in.tagKeys().forEach(k -> v.length("tagKeys", k, 1, KmsLimits.MAX_TAG_KEY_LENGTH));
        }
        v.check();
        keys.untag(ctx.namespace(), in.keyId(), in.tagKeys());
        return null;
    }

    public ListResourceTagsOutput listResourceTags(RequestContext ctx, ListResourceTagsInput in) {
        Wire.paging(Wire.keyId(Validation.of(), "keyId", in.keyId()), in.limit(), in.marker(), KmsLimits.Page.TAGS).check();
        String scope = Markers.scope(ctx, "ListResourceTags", in.keyId());
        Page<Map.Entry<String, String>> page = keys.tags(ctx.namespace(), in.keyId(), markers.open(scope, in.marker()),
                Wire.limit(in.limit(), KmsLimits.Page.TAGS));
        List<Tag> tags = page.items().stream().map(Wire::tag).toList();
        return new ListResourceTagsOutput(tags, markers.issue(scope, page.nextMarker()), page.truncated());
    }
}
