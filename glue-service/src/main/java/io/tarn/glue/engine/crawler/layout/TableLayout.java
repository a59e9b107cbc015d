package io.tarn.glue.engine.crawler.layout;

import static java.util.Objects.requireNonNull;

import io.tarn.glue.engine.classifier.FileSchema;
import io.tarn.glue.engine.classifier.FileSchema.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Schema inference's grouping step: turns the classified files of a crawl into the tables and partitions
 * AWS's crawler would write for them, as "How does a crawler determine when to create partitions?"
 * describes. A pure function: no store, no clock.
 *
 * <p>From the include path down, a folder whose subfolders hold compatible data (same format and
 * compression, files all at the same depth) whose schemas are similar enough ({@link SchemaSimilarity})
 * is one table, its subfolders partitions; otherwise each subfolder is looked at in the same way. A
 * folder of files only is one table when its files are compatible and similar enough, else each file is
 * a table named after it (as are files lying beside folders). {@code CombineCompatibleSchemas} skips the
 * similarity test; {@code TableLevelConfiguration} puts the tables at that absolute level.
 */
public final class TableLayout {

    private static final String HIVE_SEPARATOR = "=";

    private final LayoutOptions options;
    private final S3Location target;

    private TableLayout(LayoutOptions options, S3Location target) {
        this.options = options;
        this.target = target;
    }

    /** The tables of a crawl of {@code targets}, names made unique across them. */
    public static List<InferredTable> layout(List<CrawlTarget> targets, LayoutOptions options) {
        requireNonNull(options, "options");
        List<InferredTable> tables = new ArrayList<>();
        for (CrawlTarget crawlTarget : targets) {
            tables.addAll(new TableLayout(options, S3Location.parse(crawlTarget.includePath())).tables(crawlTarget.files()));
        }
        return withUniqueNames(tables);
    }

    /** The tables of one target. */
    public static List<InferredTable> layout(CrawlTarget target, LayoutOptions options) {
        return layout(List.of(target), options);
    }

    private List<InferredTable> tables(List<CrawledFile> unsorted) {
        List<CrawledFile> files = new ArrayList<>(unsorted);
        files.sort(Comparator.comparing(CrawledFile::key));
        String prefix = target.prefix();
        List<InferredTable> tables = new ArrayList<>();
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            // The include path may name one object: that object is the table.
            for (CrawledFile file : files) {
                if (file.key().equals(prefix)) {
                    tables.add(fileTable(file));
                    return tables;
                }
            }
            prefix += "/";
        }
        String[] prefixSegments = prefix.isEmpty() ? new String[0] : prefix.substring(0, prefix.length() - 1).split("/", -1);
        Folder root = new Folder(prefixSegments.length == 0 ? target.bucket() : prefixSegments[prefixSegments.length - 1], prefix);
        for (CrawledFile file : files) {
            if (!file.key().startsWith(prefix)) {
                continue;
            }
            List<String> path = Arrays.asList(file.key().substring(prefix.length()).split("/", -1));
            if (DataFiles.isData(path)) {
                root.add(path.subList(0, path.size() - 1), file);
            }
        }
        if (options.tableLevel() > 0) {
            // Levels count from the bucket, level 1 ("the table is created at that absolute level from the
            // Amazon S3 bucket"): level 3 over s3://bucket/folder/ makes a table of each folder/x/.
            atTableLevel(root, 1 + prefixSegments.length, tables);
        } else {
            tablesAt(root, false, tables);
        }
        return tables;
    }

    /** Goes down to the configured table level; files met above it are tables of their own. */
    private void atTableLevel(Folder folder, int level, List<InferredTable> tables) {
        if (level >= options.tableLevel()) {
            tablesAt(folder, true, tables);
            return;
        }
        folder.files().forEach(f -> tables.add(fileTable(f)));
        folder.children().forEach(c -> atTableLevel(c, level + 1, tables));
    }

    /** The tables rooted at or below {@code folder}; {@code forced} when the folder must be a table if it can. */
    private void tablesAt(Folder folder, boolean forced, List<InferredTable> tables) {
        boolean ignoreSimilarity = forced || options.combineCompatibleSchemas();
        if (folder.children().isEmpty()) {
            List<CrawledFile> files = folder.files();
            if (files.isEmpty()) {
                return;
            }
            if (DataFormat.allSame(files) && (ignoreSimilarity || SchemaSimilarity.oneTable(schemas(files)))) {
                tables.add(folderTable(folder, 0, files));
            } else {
                // "if the crawler is not able to determine similar schema between the files under a
                // prefix, it will create multiple tables each with name similar to the file name"
                files.forEach(f -> tables.add(fileTable(f)));
            }
            return;
        }
        // Files beside folders cannot be partitions of the folder's table: each is a table
        // ("empty files at the same level as a folder ... the crawler creates multiple tables").
        folder.files().forEach(f -> tables.add(fileTable(f)));
        int depth = depthBelow(folder);
        List<CrawledFile> below = new ArrayList<>();
        List<List<Column>> childSchemas = new ArrayList<>();
        for (Folder child : folder.children()) {
            List<CrawledFile> childFiles = child.allFiles();
            below.addAll(childFiles);
            childSchemas.add(SchemaMerger.merge(schemas(childFiles)));
        }
        if (depth > 0 && DataFormat.allSame(below)
                && (ignoreSimilarity || SchemaSimilarity.oneTable(childSchemas))) {
            tables.add(folderTable(folder, depth, below));
        } else {
            folder.children().forEach(c -> tablesAt(c, false, tables));
        }
    }

    /** How many folder levels below {@code folder} its subfolders' files all lie, or -1 when they differ. */
    private static int depthBelow(Folder folder) {
        int depth = -1;
        for (Folder child : folder.children()) {
            int d = child.uniformDepth();
            if (d < 0 || (depth >= 0 && d != depth)) {
                return -1;
            }
            depth = d;
        }
        return depth + 1;
    }

    /** The table of a folder whose files lie {@code depth} levels down, each level a partition key. */
    private InferredTable folderTable(Folder folder, int depth, List<CrawledFile> files) {
        List<Column> columns = SchemaMerger.merge(schemas(files));
        List<Folder> leaves = folder.foldersAt(depth);
        List<List<String>> segments = new ArrayList<>();
        for (Folder leaf : leaves) {
            String relative = leaf.prefix().substring(folder.prefix().length());
            segments.add(relative.isEmpty() ? List.of() : Arrays.asList(relative.substring(0, relative.length() - 1).split("/", -1)));
        }
        List<Column> keys = partitionKeys(segments, depth);
        List<InferredPartition> partitions = new ArrayList<>();
        for (int i = 0; depth > 0 && i < leaves.size(); i++) {
            Folder leaf = leaves.get(i);
            List<String> values = new ArrayList<>();
            for (int level = 0; level < depth; level++) {
                values.add(partitionValue(segments.get(i).get(level), keys.get(level).name()));
            }
            List<Column> partitionColumns = options.partitionsInheritFromTable() ? columns : SchemaMerger.merge(schemas(leaf.files()));
            partitions.add(new InferredPartition(values, descriptor(leaf.files(), partitionColumns, target.uri(leaf.prefix()))));
        }
        StorageDescriptor descriptor = descriptor(files, columns, target.uri(folder.prefix()));
        return new InferredTable(TableNames.of(options.tablePrefix(), folder.name()), descriptor, keys, partitions,
                descriptor.parameters());
    }

    /** A table of one object, named after the object. */
    private InferredTable fileTable(CrawledFile file) {
        String name = file.key().substring(file.key().lastIndexOf('/') + 1);
        StorageDescriptor descriptor = descriptor(List.of(file), file.schema().columns(), target.uri(file.key()));
        return new InferredTable(TableNames.of(options.tablePrefix(), name), descriptor, List.of(), List.of(),
                descriptor.parameters());
    }

    /**
     * Hive-style folders ({@code year=2024}) name their key, when every folder of the level names the same
     * one; other levels are {@code partition_0}, {@code partition_1}... by position. Keys are strings
     * ("partitionKey year:string", from "Creating a single schema for each Amazon S3 include path").
     */
    private static List<Column> partitionKeys(List<List<String>> segments, int depth) {
        List<Column> keys = new ArrayList<>(depth);
        for (int level = 0; level < depth; level++) {
            Set<String> names = new TreeSet<>();
            for (List<String> path : segments) {
                String segment = path.get(level);
                int eq = segment.indexOf(HIVE_SEPARATOR);
                names.add(eq > 0 ? segment.substring(0, eq).toLowerCase(Locale.ROOT) : "");
            }
            String name = names.size() == 1 && !names.contains("") ? names.iterator().next() : "partition_" + level;
            String unique = name;
            if (keys.stream().anyMatch(k -> k.name().equals(unique))) {
                name = "partition_" + level; // a key named twice (a=1/a=2): the second is unnamed
            }
            keys.add(new Column(name, "string"));
        }
        return keys;
    }

    private static String partitionValue(String segment, String key) {
        int eq = segment.indexOf(HIVE_SEPARATOR);
        return eq > 0 && segment.substring(0, eq).equalsIgnoreCase(key) ? segment.substring(eq + 1) : segment;
    }

    /**
     * The descriptor of a table or partition made of {@code files}: the first file's formats, the
     * crawler's parameters (a crawled table repeats its Parameters in its descriptor), Compressed when the
     * files are compressed as a whole (Parquet's inner compression is not: its compressionType is none).
     */
    private StorageDescriptor descriptor(List<CrawledFile> files, List<Column> columns, String location) {
        FileSchema first = files.get(0).schema();
        return new StorageDescriptor(columns, location, first.inputFormat(), first.outputFormat(),
                !"none".equals(first.compressionType()), first.serializationLibrary(), serdeParameters(files),
                TableParameters.of(files, options.crawlerName()));
    }

    /**
     * The first file's SerDe parameters; the JSON SerDe's {@code paths} (the top-level keys it maps) cover
     * every file's keys, sorted, once the files' columns are merged.
     */
    private static Map<String, String> serdeParameters(List<CrawledFile> files) {
        Map<String, String> parameters = new LinkedHashMap<>(files.get(0).schema().serdeParameters());
        if (parameters.containsKey("paths")) {
            Set<String> paths = new TreeSet<>();
            for (CrawledFile file : files) {
                String value = file.schema().serdeParameters().get("paths");
                if (value != null && !value.isEmpty()) {
                    paths.addAll(Arrays.asList(value.split(",")));
                }
            }
            parameters.put("paths", String.join(",", paths));
        }
        return parameters;
    }

    private static List<List<Column>> schemas(List<CrawledFile> files) {
        return files.stream().map(f -> f.schema().columns()).toList();
    }

    private static List<InferredTable> withUniqueNames(List<InferredTable> tables) {
        Map<String, Integer> counts = new HashMap<>();
        tables.forEach(t -> counts.merge(t.name(), 1, Integer::sum));
        List<InferredTable> unique = new ArrayList<>(tables.size());
        for (InferredTable t : tables) {
            unique.add(counts.get(t.name()) == 1 ? t : new InferredTable(TableNames.withHashSuffix(t.name(), t.location()),
                    t.storageDescriptor(), t.partitionKeys(), t.partitions(), t.parameters()));
        }
        return unique;
    }
}
