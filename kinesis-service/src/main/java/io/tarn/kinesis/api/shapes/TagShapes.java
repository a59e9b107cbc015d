package io.tarn.kinesis.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Wire shapes of tags and resource policies. */
public final class TagShapes {

    private TagShapes() {}

    public record Tag(@JsonProperty("Key") String key, @JsonProperty("Value") @Nullable String value) {}

    public record AddTagsToStreamInput(
            @JsonProperty("StreamName") @Nullable String streamName,
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("Tags") @Nullable Map<String, String> tags) {}

    public record RemoveTagsFromStreamInput(
            @JsonProperty("StreamName") @Nullable String streamName,
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("TagKeys") @Nullable List<String> tagKeys) {}

    public record ListTagsForStreamInput(
            @JsonProperty("StreamName") @Nullable String streamName,
            @JsonProperty("StreamARN") @Nullable String streamArn,
            @JsonProperty("ExclusiveStartTagKey") @Nullable String exclusiveStartTagKey,
            @JsonProperty("Limit") @Nullable Integer limit) {}

    public record ListTagsForStreamOutput(
            @JsonProperty("Tags") List<Tag> tags,
            @JsonProperty("HasMoreTags") boolean hasMoreTags) {}

    public record TagResourceInput(
            @JsonProperty("ResourceARN") @Nullable String resourceArn,
            @JsonProperty("Tags") @Nullable Map<String, String> tags) {}

    public record UntagResourceInput(
            @JsonProperty("ResourceARN") @Nullable String resourceArn,
            @JsonProperty("TagKeys") @Nullable List<String> tagKeys) {}

    public record ResourceInput(@JsonProperty("ResourceARN") @Nullable String resourceArn) {}

    public record ListTagsForResourceOutput(@JsonProperty("Tags") List<Tag> tags) {}

    public record PutResourcePolicyInput(
            @JsonProperty("ResourceARN") @Nullable String resourceArn,
            @JsonProperty("Policy") @Nullable String policy) {}

    public record GetResourcePolicyOutput(@JsonProperty("Policy") String policy) {}
}
