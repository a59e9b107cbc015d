package io.tarn.kms.api.shapes;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tarn.kms.api.shapes.KeyShapes.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Wire shapes of TagResource, UntagResource and ListResourceTags. */
public final class TagShapes {

    private TagShapes() {}

    public record TagResourceInput(@JsonProperty("KeyId") @Nullable String keyId, @JsonProperty("Tags") @Nullable List<Tag> tags) {}

    public record UntagResourceInput(
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("TagKeys") @Nullable List<String> tagKeys) {}

    public record ListResourceTagsInput(
            @JsonProperty("KeyId") @Nullable String keyId,
            @JsonProperty("Limit") @Nullable Integer limit,
            @JsonProperty("Marker") @Nullable String marker) {}

    public record ListResourceTagsOutput(
            @JsonProperty("Tags") List<Tag> tags,
            @JsonProperty("NextMarker") @Nullable String nextMarker,
            @JsonProperty("Truncated") boolean truncated) {}
}
