package io.tarn.glue.engine.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exclude patterns, with the examples of "Include and exclude patterns" in the AWS Glue developer guide. */
class ExclusionPatternsTest {

    private static boolean excluded(String glob, String path) {
        return ExclusionPatterns.compile(List.of(glob)).excludes(path);
    }

    @Test
    void aStarStaysInOneFolderTwoCrossThem() {
        assertThat(excluded("*.csv", "a.csv")).isTrue();
        assertThat(excluded("*.csv", "2015/a.csv")).isFalse();
        assertThat(excluded("**.csv", "2015/01/a.csv")).isTrue();
        assertThat(excluded("*/*.csv", "2015/a.csv")).isTrue();
        assertThat(excluded("2015/*/*.csv", "2015/01/a.csv")).isTrue();
        assertThat(excluded("2015/**", "2015/01/02/a.json")).isTrue();
        assertThat(excluded("2015/**", "2016/01/a.json")).isFalse();
    }

    @Test
    void aFolderPatternExcludesItsContents() {
        assertThat(excluded("departments", "departments/hr/a.json")).isTrue();
        assertThat(excluded("departments", "departmentsx/a.json")).isFalse();
        assertThat(excluded("2015/0[2-9]", "2015/03/a.json")).isTrue();
        assertThat(excluded("2015/0[2-9]", "2015/01/a.json")).isFalse();
    }

    @Test
    void classesAlternativesAndEscapes() {
        assertThat(excluded("?.json", "a.json")).isTrue();
        assertThat(excluded("?.json", "ab.json")).isFalse();
        assertThat(excluded("[!a-c]*.json", "d.json")).isTrue();
        assertThat(excluded("[!a-c]*.json", "b.json")).isFalse();
        assertThat(excluded("**.{csv,tsv}", "x/y.tsv")).isTrue();
        assertThat(excluded("**.{csv,tsv}", "x/y.json")).isFalse();
        assertThat(excluded("a\\*b", "a*b")).isTrue();
        assertThat(excluded("a\\*b", "axb")).isFalse();
        assertThat(excluded("a.b", "axb")).isFalse(); // a dot is a dot
    }

    @Test
    void malformedPatternsAreInvalidInput() {
        for (String bad : List.of("{a,{b}}", "{a", "a}", "[abc", "x\\")) {
            assertThatThrownBy(() -> ExclusionPatterns.compile(List.of(bad))).isInstanceOf(AwsException.class)
                    .satisfies(e -> assertThat(((AwsException) e).code()).isEqualTo("InvalidInputException"));
        }
    }
}
