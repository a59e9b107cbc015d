package io.tarn.core.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A policy string compiled once: {@code *} (any run of characters, slashes and colons included)
 * and {@code ?} (one character) when wildcards apply, and policy variables ({@code ${aws:username}},
 * {@code ${key, 'default'}}, and the escapes {@code ${*}}, {@code ${?}}, {@code ${$}}) when the
 * policy's version allows them. A variable's value is inserted literally at match time: a
 * {@code *} in a user name is no wildcard. A variable the request lacks (and that has no default)
 * makes the pattern match nothing, as AWS says.
 */
final class WildcardPattern {

    private static final int STAR = -1;
    private static final int ANY_ONE = -2;

    /** The pattern without variables (the common case), or null when it has any. */
    private final int @Nullable [] fixed;
    /**
     * The forms most policy strings take, matched with String's own (vectorized) comparisons
     * rather than the glob: a value without wildcards ({@code s3:GetObject}), or one whose only
     * wildcard ends it ({@code arn:aws:s3:::bucket/*}). Null otherwise.
     */
    private final @Nullable String literal;
    private final @Nullable String prefix;
    private final List<Object> parts; // int[] literal runs and Variable references
    private final boolean ignoreCase;
    private final boolean hasWildcard;

    private record Variable(String key, @Nullable String defaultValue) {}

    private WildcardPattern(List<Object> parts, boolean ignoreCase, boolean hasWildcard) {
        this.parts = parts;
        this.ignoreCase = ignoreCase;
        this.hasWildcard = hasWildcard;
        this.fixed = parts.size() == 1 && parts.get(0) instanceof int[] ? (int[]) parts.get(0)
                : parts.isEmpty() ? new int[0] : null;
        int literalEnd = fixed == null ? -1 : literalLength(fixed);
        this.literal = fixed != null && literalEnd == fixed.length ? text(fixed, literalEnd) : null;
        this.prefix = fixed != null && literal == null && onlyStarsFrom(fixed, literalEnd) ? text(fixed, literalEnd) : null;
    }

    /** How many characters lead the pattern before its first wildcard. */
    private static int literalLength(int[] pattern) {
        int i = 0;
        while (i < pattern.length && pattern[i] >= 0) {
            i++;
        }
        return i;
    }

    private static boolean onlyStarsFrom(int[] pattern, int from) {
        for (int i = from; i < pattern.length; i++) {
            if (pattern[i] != STAR) {
                return false;
            }
        }
        return true;
    }

    private static String text(int[] pattern, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) pattern[i];
        }
        return new String(chars);
    }

    static WildcardPattern compile(String text, boolean wildcards, boolean variables, boolean ignoreCase) {
        String source = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
        List<Object> parts = new ArrayList<>();
        List<Integer> run = new ArrayList<>();
        boolean hasWildcard = false;
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (variables && c == '$' && i + 1 < source.length() && source.charAt(i + 1) == '{') {
                int end = source.indexOf('}', i + 2);
                if (end > 0) {
                    String body = source.substring(i + 2, end).trim();
                    if (body.equals("*") || body.equals("?") || body.equals("$")) {
                        run.add((int) body.charAt(0));
                    } else {
                        flush(run, parts);
                        parts.add(variable(body)); // key names are case-insensitive anyway
                    }
                    i = end + 1;
                    continue;
                }
            }
            if (wildcards && (c == '*' || c == '?')) {
                run.add(c == '*' ? STAR : ANY_ONE);
                hasWildcard = true;
            } else {
                run.add((int) c);
            }
            i++;
        }
        flush(run, parts);
        return new WildcardPattern(List.copyOf(parts), ignoreCase, hasWildcard);
    }

    private static Variable variable(String body) {
        int comma = body.indexOf(',');
        if (comma < 0) {
            return new Variable(body, null);
        }
        String fallback = body.substring(comma + 1).trim();
        if (fallback.length() >= 2 && fallback.startsWith("'") && fallback.endsWith("'")) {
            fallback = fallback.substring(1, fallback.length() - 1);
        }
        return new Variable(body.substring(0, comma).trim(), fallback);
    }

    private static void flush(List<Integer> run, List<Object> parts) {
        if (!run.isEmpty()) {
            parts.add(run.stream().mapToInt(Integer::intValue).toArray());
            run.clear();
        }
    }

    /** Whether the pattern holds a wildcard or a variable: not a fixed value ("The meaning of public"). */
    boolean isFixed() {
        return !hasWildcard && fixed != null;
    }

    boolean matchesEverything() {
        return fixed != null && fixed.length == 1 && fixed[0] == STAR;
    }

    boolean matches(String value, ContextKeys context) {
        return matchesInItsCase(ignoreCase ? value.toLowerCase(Locale.ROOT) : value, context);
    }

    /**
     * {@link #matches} for a value already lower-cased when the pattern ignores case: an action
     * is lowered once per request, not once per pattern it is held against.
     */
    boolean matchesInItsCase(String value, ContextKeys context) {
        if (literal != null) {
            return value.equals(literal);
        }
        if (prefix != null) {
            return value.startsWith(prefix);
        }
        int[] pattern = fixed != null ? fixed : resolve(context);
        if (pattern == null) {
            return false;
        }
        return glob(pattern, value);
    }


    private int @Nullable [] resolve(ContextKeys context) {
        List<int[]> resolved = new ArrayList<>(parts.size());
        int length = 0;
        for (Object part : parts) {
            int[] chars;
            if (part instanceof int[]) {
                chars = (int[]) part;
            } else {
                Variable v = (Variable) part;
                String value = context.single(v.key());
                if (value == null) {
                    value = v.defaultValue();
                }
                if (value == null) {
                    return null;
                }
                chars = (ignoreCase ? value.toLowerCase(Locale.ROOT) : value).chars().toArray(); // literal, never wildcards
            }
            resolved.add(chars);
            length += chars.length;
        }
        int[] all = new int[length];
        int at = 0;
        for (int[] chars : resolved) {
            System.arraycopy(chars, 0, all, at, chars.length);
            at += chars.length;
        }
        return all;
    }

    /** Glob matching with one backtracking point: linear for the patterns policies hold. */
    private static boolean glob(int[] pattern, String value) {
        int p = 0;
        int v = 0;
        int starP = -1;
        int starV = 0;
        while (v < value.length()) {
            if (p < pattern.length && (pattern[p] == ANY_ONE || pattern[p] == value.charAt(v))) {
                p++;
                v++;
            } else if (p < pattern.length && pattern[p] == STAR) {
                starP = p++;
                starV = v;
            } else if (starP >= 0) {
                p = starP + 1;
                v = ++starV;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == STAR) {
            p++;
        }
        return p == pattern.length;
    }
}
