package io.tarn.kms.engine;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What CreateKey asks for, checked for wire-level limits by the API layer. */
public record NewKey(
        @Nullable String description,
        @Nullable String keyUsage,
        String keySpec,
        @Nullable String policy,
        Map<String, String> tags) {}
