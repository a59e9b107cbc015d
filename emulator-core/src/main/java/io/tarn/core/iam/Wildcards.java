package io.tarn.core.iam;

/** IAM's {@code *} and {@code ?} matching, for a service's own policy checks (which actions an {@code s3:Get*} names). */
public final class Wildcards {

    private Wildcards() {}

    public static boolean matches(String pattern, String value, boolean ignoreCase) {
        return WildcardPattern.compile(pattern, true, false, ignoreCase).matches(value, ContextKeys.EMPTY);
    }
}
