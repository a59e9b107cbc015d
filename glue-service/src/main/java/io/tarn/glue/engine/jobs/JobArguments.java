package io.tarn.glue.engine.jobs;

import io.tarn.glue.GlueErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A run's arguments, merged as Glue merges them, and the special parameters Tarn reads from them. */
final class JobArguments {

    static final String BOOKMARK_OPTION = "--job-bookmark-option";
    static final String ENABLE = "job-bookmark-enable";
    static final String DISABLE = "job-bookmark-disable";
    static final String PAUSE = "job-bookmark-pause";

    private JobArguments() {}

    /** The job's DefaultArguments, replaced by the run's Arguments, and NonOverridableArguments over both. */
    static Map<String, String> merge(@Nullable Map<String, String> defaults, @Nullable Map<String, String> run,
            @Nullable Map<String, String> nonOverridable) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (defaults != null) {
            merged.putAll(defaults);
        }
        if (run != null) {
            merged.putAll(run);
        }
        if (nonOverridable != null) {
            merged.putAll(nonOverridable);
        }
        bookmarkOption(merged);
        return merged;
    }

    /** {@code --job-bookmark-option}: job-bookmark-disable unless given; another value is refused. */
    static String bookmarkOption(Map<String, String> arguments) {
        String option = arguments.getOrDefault(BOOKMARK_OPTION, DISABLE);
        if (!List.of(ENABLE, DISABLE, PAUSE).contains(option)) {
            throw GlueErrors.INVALID_INPUT.exception("Invalid value %s for %s: expected %s, %s or %s", option, BOOKMARK_OPTION,
                    ENABLE, DISABLE, PAUSE);
        }
        return option;
    }
}
