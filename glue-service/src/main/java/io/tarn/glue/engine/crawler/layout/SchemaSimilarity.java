package io.tarn.glue.engine.crawler.layout;

import io.tarn.glue.engine.classifier.FileSchema.Column;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS's schema similarity test, from "How does the AWS Glue crawler detect the schema?" (AWS knowledge
 * center): the crawler compares the schemas of a level's folders and makes them partitions of one table
 * when "the partition threshold is higher than 0.7 (70%)" and "the maximum number of different schemas,
 * also referred to as clusters, doesn't exceed five"; else a table for each folder. Tarn clusters the
 * schemas around the first of each cluster, a schema joining a cluster when at least 70% of the columns
 * of the two (by name; types are merged, not compared) are in both, and the partition threshold is the
 * share of the folders in the largest cluster. The same test decides whether the files of a folder make
 * one table.
 */
final class SchemaSimilarity {

    /** Both the share of shared columns that makes two schemas similar and the partition threshold. */
    static final double THRESHOLD = 0.7;
    static final int MAX_CLUSTERS = 5;

    private SchemaSimilarity() {}

    static boolean similar(List<Column> a, List<Column> b) {
        return similar(names(a), names(b));
    }

    private static boolean similar(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        if (union.isEmpty()) {
            return true;
        }
        long shared = a.stream().filter(b::contains).count();
        return shared >= THRESHOLD * union.size();
    }

    /** Whether {@code schemas} (a level's folders or a folder's files) are similar enough for one table. */
    static boolean oneTable(List<List<Column>> schemas) {
        // Files of one dataset mostly share one schema: compare each distinct set of names once.
        Map<Set<String>, Integer> distinct = new LinkedHashMap<>();
        schemas.forEach(s -> distinct.merge(names(s), 1, Integer::sum));
        List<Set<String>> representatives = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        distinct.forEach((names, count) -> {
            int cluster = -1;
            for (int i = 0; i < representatives.size() && cluster < 0; i++) {
                if (similar(representatives.get(i), names)) {
                    cluster = i;
                }
            }
            if (cluster < 0) {
                representatives.add(names);
                sizes.add(count);
            } else {
                sizes.set(cluster, sizes.get(cluster) + count);
            }
        });
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
        return sizes.size() <= MAX_CLUSTERS && largest > THRESHOLD * schemas.size();
    }

    private static Set<String> names(List<Column> columns) {
        Set<String> names = new HashSet<>();
        columns.forEach(c -> names.add(c.name()));
        return names;
    }
}
