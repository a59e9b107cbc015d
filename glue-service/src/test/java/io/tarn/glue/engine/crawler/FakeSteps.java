package io.tarn.glue.engine.crawler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.glue.engine.classifier.FileSchema;
import io.tarn.glue.model.ClassifierMeta;
import io.tarn.glue.model.CrawlerDefinition;
import io.tarn.glue.model.TableDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-ins for the two steps built in their own packages: a classifier reading files that spell
 * their columns ({@code id:int,name:string}), and a layout making one table per top-level folder.
 */
final class FakeSteps {

    /** Keys classified, in order, and the custom classifiers each was given. */
    final List<String> classified = new CopyOnWriteArrayList<>();
    final List<List<String>> customSeen = new CopyOnWriteArrayList<>();
    /** Run while classifying, to act in the middle of a crawl (e.g. StopCrawler). */
    volatile Runnable duringClassify = () -> {};

    final FileClassifier classifier = this::classify;
    final LayoutStep layout = this::layout;

    private Optional<FileSchema> classify(CrawledObject object, List<ClassifierMeta> custom) throws IOException {
        classified.add(object.key());
        customSeen.add(custom.stream().map(ClassifierMeta::name).toList());
        duringClassify.run();
        if (object.key().endsWith(".bad")) {
            throw new IOException("unreadable");
        }
        if (!object.key().endsWith(".cols")) {
            return Optional.empty();
        }
        String text;
        try (InputStream in = object.read(0, object.size())) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        List<FileSchema.Column> columns = new ArrayList<>();
        for (String c : text.split(",")) {
            String[] nameType = c.split(":");
            columns.add(new FileSchema.Column(nameType[0], nameType[1]));
        }
        return Optional.of(new FileSchema("cols", "none", columns, null, null, null, Map.of(), Map.of(), -1, -1));
    }

    /** One table per first folder under the include path, named after it, with its first object's columns. */
    private List<LayoutStep.CrawledTable> layout(List<LayoutStep.TargetObjects> targets, CrawlerDefinition crawler) {
        Map<String, LayoutStep.CrawledTable> tables = new LinkedHashMap<>();
        for (LayoutStep.TargetObjects target : targets) {
            S3Location include = S3Location.parse(target.includePath());
            for (ClassifiedObject o : target.objects()) {
                String relative = o.key().substring(include.folderPrefix().length());
                String folder = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : "root";
                String name = (crawler.tablePrefix() == null ? "" : crawler.tablePrefix()) + folder;
                tables.computeIfAbsent(name, n -> table(n, "s3://" + include.bucket() + "/" + include.folderPrefix() + folder + "/",
                        o.schema(), crawler.name()));
            }
        }
        return List.copyOf(tables.values());
    }

    private static LayoutStep.CrawledTable table(String name, String location, FileSchema schema, String crawler) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode sd = json.objectNode();
        ArrayNode columns = sd.putArray("Columns");
        schema.columns().forEach(c -> columns.addObject().put("Name", c.name()).put("Type", c.type()));
        sd.put("Location", location);
        TableDefinition definition = new TableDefinition(name, null, "owner", null, null, 0, sd, json.arrayNode(), null, null,
                "EXTERNAL_TABLE", Map.of("classification", schema.classification(), CatalogUpdate.UPDATED_BY_CRAWLER, crawler),
                null, null);
        return new LayoutStep.CrawledTable(definition, List.of());
    }
}
