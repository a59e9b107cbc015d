package io.tarn.core.iam;

/**
 * An ARN condition value: each of the six colon-separated parts is matched on its own, with
 * wildcards, so a {@code *} never spans a colon (ArnEquals and ArnLike behave alike, as AWS documents).
 */
final class ArnPattern {

    private final WildcardPattern[] parts;

    private ArnPattern(WildcardPattern[] parts) {
        this.parts = parts;
    }

    static ArnPattern compile(String value, boolean variables) {
        String[] text = value.split(":", 6);
        WildcardPattern[] parts = new WildcardPattern[text.length];
        for (int i = 0; i < text.length; i++) {
            parts[i] = WildcardPattern.compile(text[i], true, variables, false);
        }
        return new ArnPattern(parts);
    }

    boolean matches(String arn, ContextKeys context) {
        String[] actual = arn.split(":", 6);
        if (actual.length != parts.length) {
            // "*" alone matches any ARN
            return parts.length == 1 && parts[0].matchesEverything();
        }
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].matches(actual[i], context)) {
                return false;
            }
        }
        return true;
    }
}
