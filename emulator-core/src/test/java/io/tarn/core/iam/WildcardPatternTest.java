package io.tarn.core.iam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The glob and its short-cuts (a literal, a prefix before a trailing {@code *}) agree on every form. */
class WildcardPatternTest {

    private static boolean matches(String pattern, String value, boolean variables, boolean ignoreCase) {
        return WildcardPattern.compile(pattern, true, variables, ignoreCase).matches(value, ContextKeys.EMPTY);
    }

    @Test
    void aLiteralMatchesItselfOnly() {
        assertThat(matches("arn:aws:s3:::bucket", "arn:aws:s3:::bucket", false, false)).isTrue();
        assertThat(matches("arn:aws:s3:::bucket", "arn:aws:s3:::bucket2", false, false)).isFalse();
        assertThat(matches("arn:aws:s3:::bucket", "arn:aws:s3:::buck", false, false)).isFalse();
        assertThat(matches("", "", false, false)).isTrue();
        assertThat(matches("", "x", false, false)).isFalse();
    }

    @Test
    void aTrailingStarIsAPrefix() {
        assertThat(matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b:c", false, false)).isTrue();
        assertThat(matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/", false, false)).isTrue();
        assertThat(matches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false, false)).isFalse();
        assertThat(matches("home/**", "home/x", false, false)).isTrue();
        assertThat(matches("*", "", false, false)).isTrue();
    }

    @Test
    void otherWildcardsGoThroughTheGlob() {
        assertThat(matches("*sqlmap*", "python sqlmap/1.0", false, false)).isTrue();
        assertThat(matches("*sqlmap*", "tarn-benchmark/1.0", false, false)).isFalse();
        assertThat(matches("a?c*", "abcd", false, false)).isTrue();
        assertThat(matches("a?c*", "acd", false, false)).isFalse();
        assertThat(matches("*.jpg", "x/y.jpg", false, false)).isTrue();
    }

    @Test
    void actionsIgnoreCaseInEveryForm() {
        assertThat(matches("s3:GetObject", "S3:getobject", false, true)).isTrue();
        assertThat(matches("s3:Get*", "s3:GETOBJECTTAGGING", false, true)).isTrue();
        assertThat(matches("s3:Get*", "s3:PutObject", false, true)).isFalse();
        assertThat(WildcardPattern.compile("s3:Get*", true, false, true).matchesInItsCase("s3:getobject", ContextKeys.EMPTY)).isTrue();
    }

    @Test
    void anEscapedStarIsACharacterNotAWildcard() {
        assertThat(matches("files/${*}", "files/*", true, false)).isTrue();
        assertThat(matches("files/${*}", "files/x", true, false)).isFalse();
        assertThat(matches("files/${*}*", "files/*x", true, false)).isTrue();
        assertThat(matches("files/${*}*", "files/x", true, false)).isFalse();
    }
}
