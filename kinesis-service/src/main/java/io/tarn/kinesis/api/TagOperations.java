package io.tarn.kinesis.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.kinesis.KinesisErrors;
import io.tarn.kinesis.api.shapes.TagShapes;
import io.tarn.kinesis.engine.StreamEngine;
import io.tarn.kinesis.engine.TagEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Tags (by stream and by resource ARN) and resource policies. */
public final class TagOperations {

    private static final int LIST_TAGS_MAX = 50;

    private final TagEngine tags;
    private final StreamEngine streams;

    public TagOperations(TagEngine tags, StreamEngine streams) {
        this.tags = tags;
        this.streams = streams;
    }

    public Void addTagsToStream(RequestContext ctx, TagShapes.AddTagsToStreamInput in) {
        tags.addTags(ctx.namespace(), Wire.stream(ctx, in.streamName(), in.streamArn()), Wire.required(in.tags(), "tags"));
        return null;
    }

    public Void removeTagsFromStream(RequestContext ctx, TagShapes.RemoveTagsFromStreamInput in) {
        tags.removeTags(ctx.namespace(), Wire.stream(ctx, in.streamName(), in.streamArn()), Wire.required(in.tagKeys(), "tagKeys"));
        return null;
    }

    public TagShapes.ListTagsForStreamOutput listTagsForStream(RequestContext ctx, TagShapes.ListTagsForStreamInput in) {
        String name = Wire.stream(ctx, in.streamName(), in.streamArn());
        streams.admit(ctx.namespace(), "ListTagsForStream", name);
        int limit = Wire.limit(in.limit(), "limit", LIST_TAGS_MAX, LIST_TAGS_MAX);
        Map<String, String> all = tags.tags(ctx.namespace(), name);
        List<TagShapes.Tag> out = new ArrayList<>();
        boolean more = false;
        for (Map.Entry<String, String> t : all.entrySet()) {
            if (in.exclusiveStartTagKey() != null && t.getKey().compareTo(in.exclusiveStartTagKey()) <= 0) {
                continue;
            }
            if (out.size() == limit) {
                more = true;
                break;
            }
            out.add(new TagShapes.Tag(t.getKey(), t.getValue()));
        }
        return new TagShapes.ListTagsForStreamOutput(out, more);
    }

    public Void tagResource(RequestContext ctx, TagShapes.TagResourceInput in) {
        tags.tagResource(ctx.namespace(), Wire.required(in.resourceArn(), "resourceARN"), Wire.required(in.tags(), "tags"));
        return null;
    }

    public Void untagResource(RequestContext ctx, TagShapes.UntagResourceInput in) {
        tags.untagResource(ctx.namespace(), Wire.required(in.resourceArn(), "resourceARN"), Wire.required(in.tagKeys(), "tagKeys"));
        return null;
    }

    public TagShapes.ListTagsForResourceOutput listTagsForResource(RequestContext ctx, TagShapes.ResourceInput in) {
        List<TagShapes.Tag> out = new ArrayList<>();
        tags.resourceTags(ctx.namespace(), Wire.required(in.resourceArn(), "resourceARN"))
                .forEach((k, v) -> out.add(new TagShapes.Tag(k, v)));
        return new TagShapes.ListTagsForResourceOutput(out);
    }

    public Void putResourcePolicy(RequestContext ctx, TagShapes.PutResourcePolicyInput in) {
        tags.putPolicy(ctx.namespace(), Wire.required(in.resourceArn(), "resourceARN"), Wire.required(in.policy(), "policy"));
        return null;
    }

    public TagShapes.GetResourcePolicyOutput getResourcePolicy(RequestContext ctx, TagShapes.ResourceInput in) {
        String policy = tags.policy(ctx.namespace(), Wire.required(in.resourceArn(), "resourceARN"));
        return new TagShapes.GetResourcePolicyOutput(policy == null ? "{}" : policy);
    }

    public Void deleteResourcePolicy(RequestContext ctx, TagShapes.ResourceInput in) {
        String arn = Wire.required(in.resourceArn(), "resourceARN");
        if (tags.policy(ctx.namespace(), arn) == null) {
            throw KinesisErrors.RESOURCE_NOT_FOUND.exception("No resource policy found for resource ARN %s.", arn);
        }
        tags.deletePolicy(ctx.namespace(), arn);
        return null;
    }
}
