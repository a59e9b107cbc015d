package io.tarn.firehose.engine.delivery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Prefixes as AWS evaluates them without dynamic partitioning: none gives {@code YYYY/MM/dd/HH/};
 * {@code !{timestamp:<DateTimeFormatter pattern>}} is the buffer's open time in UTC;
 * {@code !{firehose:random-string}} is 11 random characters; a prefix with no timestamp expression
 * gets the default time prefix appended, as AWS does. Validation is the control plane's.
 */
public final class SimplePrefixes implements PrefixEvaluator {

    static final DateTimeFormatter DEFAULT = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/").withZone(ZoneOffset.UTC);
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    @Override
    public String evaluate(@Nullable String prefix, Instant openedAt, @Nullable String partition) {
        if (prefix == null || prefix.isEmpty()) {
            return DEFAULT.format(openedAt);
        }
        StringBuilder out = new StringBuilder();
        boolean timed = false;
        int i = 0;
        while (i < prefix.length()) {
            int start = prefix.indexOf("!{", i);
            int end = start < 0 ? -1 : prefix.indexOf('}', start);
            if (start < 0 || end < 0) {
                out.append(prefix, i, prefix.length());
                break;
            }
            out.append(prefix, i, start);
            String expression = prefix.substring(start + 2, end);
            if (expression.startsWith("timestamp:")) {
                out.append(DateTimeFormatter.ofPattern(expression.substring("timestamp:".length())).withZone(ZoneOffset.UTC)
                        .format(openedAt));
                timed = true;
            } else if (expression.equals("firehose:random-string")) {
                out.append(randomString());
            } else {
                out.append(prefix, start, end + 1); // not evaluated here: kept as written
            }
            i = end + 1;
        }
        if (!timed) {
            out.append(DEFAULT.format(openedAt));
        }
        return out.toString();
    }

    private static String randomString() {
        StringBuilder s = new StringBuilder(11);
        for (int k = 0; k < 11; k++) {
            s.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
