package io.tarn.glue.engine.crawler.layout;

import io.tarn.glue.engine.classifier.FileSchema.Column;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * AWS's schema similarity test: "When the majority of schemas at a folder level are similar, the
 * crawler creates partitions of a table instead of separate tables" ("How does a crawler determine when
 * to create partitions?"), where two schemas are similar when at least 70% of their columns are shared
 * (AWS's knowledge center: "the threshold of 70% must be met"). Tarn measures the shared part as the
 * columns in both over the columns in either (by name; types are merged, not compared), and clusters
 * the schemas of a level around the first of each cluster: the level is one table when one cluster
 * holds more than half of them.
 */
final class SchemaSimilarity {

    static final double THRESHOLD = 0.7;

    private SchemaSimilarity() {}

    static boolean similar(List<Column> a, List<Column> b) {
        Set<String> namesA = names(a);
        Set<String> namesB = names(b);
        Set<String> union = new HashSet<>(namesA);
        union.addAll(namesB);
        if (union.isEmpty()) {
            return true;
        }
        namesA.retainAll(namesB);
        return namesA.size() >= THRESHOLD * union.size();
    }

    /** Whether the majority of {@code schemas} (a level's folders or a folder's files) are similar. */
    static boolean majoritySimilar(List<List<Column>> schemas) {
        List<List<Column>> representatives = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (List<Column> schema : schemas) {
            int cluster = -1;
            for (int i = 0; i < representatives.size() && cluster < 0; i++) {
                if (similar(representatives.get(i), schema)) {
                    cluster = i;
                }
            }
            if (cluster < 0) {
                representatives.add(schema);
                sizes.add(1);
            } else {
                sizes.set(cluster, sizes.get(cluster) + 1);
            }
        }
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
        return largest * 2 > schemas.size();
    }

    private static Set<String> names(List<Column> columns) {
        Set<String> names = new HashSet<>();
        columns.forEach(c -> names.add(c.name()));
        return names;
    }
}
