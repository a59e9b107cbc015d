package io.tarn.glue.engine.crawler.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A crawler's TablePrefix and Configuration JSON read into layout options. */
class LayoutOptionsTest {

    @Test
    void noConfigurationMeansAwsDefaults() {
        assertThat(LayoutOptions.of("c", null, null)).isEqualTo(LayoutOptions.defaults("c"));
        assertThat(LayoutOptions.of("c", "", " ")).isEqualTo(LayoutOptions.defaults("c"));
    }

    @Test
    void everyOptionTheLayoutUsesIsRead() {
        LayoutOptions options = LayoutOptions.of("c", "raw_", """
                {"Version": 1.0,
                 "Grouping": {"TableGroupingPolicy": "CombineCompatibleSchemas", "TableLevelConfiguration": 3},
                 "CrawlerOutput": {"Partitions": {"AddOrUpdateBehavior": "InheritFromTable"},
                                   "Tables": {"AddOrUpdateBehavior": "MergeNewColumns", "TableThreshold": 5}},
                 "CreatePartitionIndex": true}""");

        assertThat(options).isEqualTo(new LayoutOptions("c", "raw_", true, 3, true, true, 5));
    }

    @Test
    void configurationThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> LayoutOptions.of("c", null, "{not json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
    }
}
