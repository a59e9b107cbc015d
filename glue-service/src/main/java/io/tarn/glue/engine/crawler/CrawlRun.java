package io.tarn.glue.engine.crawler;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.ports.ObjectStorePort;
import io.tarn.core.spi.ports.ObjectStorePort.ObjectPage;
import io.tarn.core.spi.ports.ObjectStorePort.ObjectSummary;
import io.tarn.glue.engine.classifier.FileSchema;
import io.tarn.glue.engine.crawler.LayoutStep.CrawledTable;
import io.tarn.glue.engine.crawler.LayoutStep.TargetObjects;
import io.tarn.glue.model.ClassifierMeta;
import io.tarn.glue.model.CrawlerDefinition;
import io.tarn.glue.model.CrawlerTargets.S3Target;
import io.tarn.glue.model.LastCrawl;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of one crawl: list each S3 target through S3's port (exclusions applied), classify the
 * objects (SampleSize per folder), lay the classified objects out as tables, and write them into the
 * catalog at the end, so a stopped or failed crawl writes nothing. Stops between objects when told to.
 */
final class CrawlRun {

    private static final Logger log = LoggerFactory.getLogger(CrawlRun.class);
    private static final int PAGE = 1000;

    /** How a crawl ended: SUCCEEDED, CANCELLED or FAILED (with a message), and what it changed. */
    record Outcome(String status, @Nullable String errorMessage, CatalogUpdate.Changes changes) {
        static Outcome failed(String message) {
            return new Outcome(LastCrawl.FAILED, message, CatalogUpdate.Changes.NONE);
        }

        static Outcome cancelled() {
            return new Outcome(LastCrawl.CANCELLED, null, CatalogUpdate.Changes.NONE);
        }
    }

    /** The two steps a crawl runs and the writer of its result into the catalog. */
    record Steps(FileClassifier classifier, LayoutStep layout, CatalogUpdate catalog) {}

    private final Namespace ns;
    private final CrawlerDefinition crawler;
    private final String crawlId;
    private final @Nullable Instant newFoldersSince;
    private final ObjectStorePort store;
    private final Steps steps;
    private final List<ClassifierMeta> custom;
    private final BooleanSupplier cancelled;

    /**
     * @param newFoldersSince under CRAWL_NEW_FOLDERS_ONLY, the start of the last successful crawl: only
     *                        folders all of whose objects were written since are crawled (null: every folder)
     */
    CrawlRun(Namespace ns, CrawlerDefinition crawler, String crawlId, @Nullable Instant newFoldersSince, ObjectStorePort store, Steps steps,
            List<ClassifierMeta> custom, BooleanSupplier cancelled) {
        this.ns = ns;
        this.crawler = crawler;
        this.crawlId = crawlId;
        this.newFoldersSince = newFoldersSince;
        this.store = store;
        this.steps = steps;
        this.custom = custom;
        this.cancelled = cancelled;
    }

    Outcome run(Instant now) {
        List<TargetObjects> targets = new ArrayList<>();
        List<String> covered = new ArrayList<>();
        for (S3Target target : crawler.targets().s3Targets()) {
            S3Location include = S3Location.parse(target.path());
            List<ObjectSummary> listed;
            try {
                listed = list(include, ExclusionPatterns.compile(target.exclusions()));
            } catch (AwsException e) {
                return Outcome.failed("Error listing " + target.path() + ": " + e.code() + ": " + e.getMessage());
            }
            if (listed == null) {
                return Outcome.cancelled();
            }
            if (newFoldersSince != null) {
                listed = newFoldersOnly(listed, newFoldersSince);
            } else {
                covered.add(target.path());
            }
            List<ClassifiedObject> classified = classify(include, listed, target.sampleSize());
            if (classified == null) {
                return Outcome.cancelled();
            }
            targets.add(new TargetObjects(target.path(), classified));
        }
        List<CrawledTable> tables;
        try {
            tables = steps.layout().layout(targets, crawler);
        } catch (IllegalArgumentException e) {
            return Outcome.failed(e.getMessage());
        }
        if (cancelled.getAsBoolean()) {
            return Outcome.cancelled();
        }
        try {
            CatalogUpdate.Changes changes = steps.catalog().apply(ns, crawler, crawlId, tables, covered, now);
            return new Outcome(LastCrawl.SUCCEEDED, null, changes);
        } catch (AwsException e) {
            return Outcome.failed(e.getMessage());
        }
    }

    /** The target's objects, exclusions and folder markers left out; null when the crawl was stopped meanwhile. */
    private @Nullable List<ObjectSummary> list(S3Location include, ExclusionPatterns exclusions) {
        String folder = include.folderPrefix();
        List<ObjectSummary> objects = new ArrayList<>();
        String after = null;
        do {
            if (cancelled.getAsBoolean()) {
                return null;
            }
            ObjectPage page = store.list(include.bucket(), include.prefix(), after, PAGE);
            for (ObjectSummary o : page.objects()) {
                boolean single = o.key().equals(include.prefix()); // the include path names this object
                if (!single && !o.key().startsWith(folder) || o.key().endsWith("/")) {
                    continue;
                }
                String relative = single ? o.key().substring(o.key().lastIndexOf('/') + 1) : o.key().substring(folder.length());
                if (!exclusions.excludes(relative)) {
                    objects.add(o);
                }
            }
            after = page.nextStartAfter();
        } while (after != null);
        return objects;
    }

    /** The objects of folders created since {@code since}: every object in them written since. */
    private static List<ObjectSummary> newFoldersOnly(List<ObjectSummary> objects, Instant since) {
        Map<String, List<ObjectSummary>> byFolder = byFolder(objects);
        List<ObjectSummary> fresh = new ArrayList<>();
        for (List<ObjectSummary> folder : byFolder.values()) {
            if (folder.stream().noneMatch(o -> o.lastModified().isBefore(since))) {
                fresh.addAll(folder);
            }
        }
        return fresh;
    }

    /**
     * Classifies the first {@code sampleSize} objects of each folder (all when null); the others of a
     * folder take the schema its sampled objects gave, as AWS's sampling assumes a folder holds one format.
     * Null when the crawl was stopped meanwhile.
     */
    private @Nullable List<ClassifiedObject> classify(S3Location include, List<ObjectSummary> objects, @Nullable Integer sampleSize) {
        List<ClassifiedObject> classified = new ArrayList<>();
        for (List<ObjectSummary> folder : byFolder(objects).values()) {
            FileSchema sampled = null;
            int tried = 0;
            for (ObjectSummary o : folder) {
                if (cancelled.getAsBoolean()) {
                    return null;
                }
                FileSchema schema;
                if (sampleSize == null || tried < sampleSize) {
                    tried++;
                    schema = classify(include, o);
                    if (schema != null) {
                        sampled = schema;
                    }
                } else {
                    schema = sampled;
                }
                if (schema != null) {
                    classified.add(new ClassifiedObject(o.key(), o.size(), o.lastModified(), schema));
                }
            }
        }
        return classified;
    }

    /** One object's schema; null when no classifier knows it or it cannot be read (AWS's crawler logs and skips it). */
    private @Nullable FileSchema classify(S3Location include, ObjectSummary o) {
        CrawledObject object = new CrawledObject(include.bucket(), o.key(), o.size(), o.lastModified(), store);
        try {
            Optional<FileSchema> schema = steps.classifier().classify(object, custom);
            return schema.orElse(null);
        } catch (IOException | RuntimeException e) {
            log.warn("crawler {}: cannot classify s3://{}/{}: {}", crawler.name(), include.bucket(), o.key(), e.toString());
            return null;
        }
    }

    /** Objects grouped by the folder holding them, in listing order. */
    private static Map<String, List<ObjectSummary>> byFolder(List<ObjectSummary> objects) {
        Map<String, List<ObjectSummary>> folders = new LinkedHashMap<>();
        for (ObjectSummary o : objects) {
            String folder = o.key().substring(0, o.key().lastIndexOf('/') + 1);
            folders.computeIfAbsent(folder, f -> new ArrayList<>()).add(o);
        }
        return folders;
    }
}
