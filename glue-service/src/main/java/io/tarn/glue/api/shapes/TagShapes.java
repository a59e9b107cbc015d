package io.tarn.glue.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The wire shapes of TagResource, UntagResource and GetTags. */
public final class TagShapes {

    private TagShapes() {}

    public record TagResourceInput(
            @JsonProperty("ResourceArn") @Nullable String resourceArn,
            @JsonProperty("TagsToAdd") @Nullable Map<String, String> tagsToAdd) {}

    public record UntagResourceInput(
            @JsonProperty("ResourceArn") @Nullable String resourceArn,
            @JsonProperty("TagsToRemove") @Nullable List<String> tagsToRemove) {}

    public record GetTagsInput(@JsonProperty("ResourceArn") @Nullable String resourceArn) {}

    public record GetTagsOutput(@JsonProperty("Tags") Map<String, String> tags) {}
}
