package io.tarn.glue.engine.registry;

import io.tarn.glue.GlueErrors;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** DeleteSchemaVersions' {@code Versions}: version numbers and ranges ({@code 5}, {@code 5-8}), comma-separated. */
public final class VersionRanges {

    private static final Pattern ITEM = Pattern.compile("([1-9][0-9]{0,5})(?:-([1-9][0-9]{0,5}))?");

    private VersionRanges() {}

    public static SortedSet<Long> parse(@Nullable String versions) {
        String text = RegistryLimits.required(versions, "versions");
        SortedSet<Long> numbers = new TreeSet<>();
        for (String item : text.split(",", -1)) {
            Matcher m = ITEM.matcher(item.trim());
            if (!m.matches()) {
                throw invalid(text);
            }
            long from = Long.parseLong(m.group(1));
            long to = m.group(2) == null ? from : Long.parseLong(m.group(2));
            if (to < from || to > RegistryLimits.MAX_VERSION_NUMBER) {
                throw invalid(text);
            }
            for (long n = from; n <= to; n++) {
                numbers.add(n);
            }
        }
        return numbers;
    }

    private static RuntimeException invalid(String versions) {
        return GlueErrors.INVALID_INPUT.exception("Invalid Versions: %s. Provide a version number or a range such as 5-8.", versions);
    }
}
