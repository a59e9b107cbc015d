package io.tarn.glue.engine.crawler;

import io.tarn.glue.GlueErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An S3 target's exclusions: glob patterns over key paths relative to the include path, with the
 * syntax of "Include and exclude patterns" (AWS Glue developer guide): {@code *} matches within one
 * folder level, {@code **} across levels, {@code ?} one character, {@code [a-z]} and {@code [!a-z]}
 * a character class, {@code {a,b}} alternatives (not nested), {@code \} escapes. An object is excluded
 * when a pattern matches its path or the path of a folder above it ({@code departments} excludes
 * everything in that folder).
 */
final class ExclusionPatterns {

    private final List<Pattern> patterns;

    private ExclusionPatterns(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    static ExclusionPatterns compile(List<String> globs) {
        List<Pattern> compiled = new ArrayList<>(globs.size());
        for (String glob : globs) {
            compiled.add(Pattern.compile(toRegex(glob), Pattern.DOTALL));
        }
        return new ExclusionPatterns(compiled);
    }

    /** Whether the object at {@code relativePath} (its key after the include path's folder) is excluded. */
    boolean excludes(String relativePath) {
        if (patterns.isEmpty()) {
            return false;
        }
        for (Pattern p : patterns) {
            if (p.matcher(relativePath).matches()) {
                return true;
            }
            for (int slash = relativePath.indexOf('/'); slash > 0; slash = relativePath.indexOf('/', slash + 1)) {
                String folder = relativePath.substring(0, slash);
                if (p.matcher(folder).matches() || p.matcher(folder + "/").matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        boolean inGroup = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (++i >= glob.length()) {
                        throw invalid(glob);
                    }
                    regex.append(Pattern.quote(String.valueOf(glob.charAt(i))));
                }
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        regex.append(".*");
                        i++;
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                case '[' -> i = characterClass(glob, i, regex);
                case '{' -> {
                    if (inGroup) {
                        throw invalid(glob); // groups do not nest
                    }
                    inGroup = true;
                    regex.append("(?:");
                }
                case '}' -> {
                    if (!inGroup) {
                        throw invalid(glob);
                    }
                    inGroup = false;
                    regex.append(')');
                }
                case ',' -> regex.append(inGroup ? "|" : ",");
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (inGroup) {
            throw invalid(glob);
        }
        return regex.toString();
    }

    /** Appends the bracket expression starting at {@code start}; answers the index of its closing bracket. */
    private static int characterClass(String glob, int start, StringBuilder regex) {
        int end = glob.indexOf(']', start + 2); // a ']' right after '[' (or '[!') is a member, as in POSIX
        if (end < 0) {
            throw invalid(glob);
        }
        String members = glob.substring(start + 1, end);
        boolean negated = members.startsWith("!");
        if (negated) {
            members = members.substring(1);
        }
        regex.append(negated ? "[^/" : "[");
        for (char m : members.toCharArray()) {
            if (m != '-' && !Character.isLetterOrDigit(m)) {
                regex.append('\\'); // any other character stands for itself
            }
            regex.append(m);
        }
        regex.append(']');
        return end;
    }

    private static RuntimeException invalid(String glob) {
        return GlueErrors.INVALID_INPUT.exception("Invalid exclude pattern: %s", glob);
    }
}
