package io.tarn.glue.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.glue.api.shapes.TagShapes.GetTagsInput;
import io.tarn.glue.api.shapes.TagShapes.GetTagsOutput;
import io.tarn.glue.api.shapes.TagShapes.TagResourceInput;
import io.tarn.glue.api.shapes.TagShapes.UntagResourceInput;
import io.tarn.glue.engine.Tags;

/** TagResource, UntagResource and GetTags, on any taggable Glue resource by ARN. */
public final class TagOperations {

    private final Tags tags;

    public TagOperations(Tags tags) {
        this.tags = tags;
    }

    public Void tagResource(RequestContext ctx, TagResourceInput in) {
        tags.tag(ctx.namespace(), in.resourceArn(), in.tagsToAdd());
        return null;
    }

    public Void untagResource(RequestContext ctx, UntagResourceInput in) {
        tags.untag(ctx.namespace(), in.resourceArn(), in.tagsToRemove());
        return null;
    }

    public GetTagsOutput getTags(RequestContext ctx, GetTagsInput in) {
        return new GetTagsOutput(tags.get(ctx.namespace(), in.resourceArn()));
    }
}
