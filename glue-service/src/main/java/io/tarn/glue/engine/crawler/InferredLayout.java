package io.tarn.glue.engine.crawler;

import io.tarn.glue.engine.crawler.layout.CrawlTarget;
import io.tarn.glue.engine.crawler.layout.CrawledFile;
import io.tarn.glue.engine.crawler.layout.InferredTable;
import io.tarn.glue.engine.crawler.layout.LayoutOptions;
import io.tarn.glue.engine.crawler.layout.TableLayout;
import io.tarn.glue.model.CrawlerDefinition;
import java.util.List;

/** The layout step over the layout package: AWS's grouping of a crawl's files into tables and partitions. */
public final class InferredLayout implements LayoutStep {

    @Override
    public List<CrawledTable> layout(List<TargetObjects> targets, CrawlerDefinition crawler) {
        LayoutOptions options = LayoutOptions.of(crawler.name(), crawler.tablePrefix(), crawler.configuration());
        List<CrawlTarget> crawled = targets.stream().map(t -> new CrawlTarget(t.includePath(), t.objects().stream()
                .map(o -> new CrawledFile(o.key(), o.size(), o.lastModified(), o.schema())).toList())).toList();
        List<InferredTable> tables = TableLayout.layout(crawled, options);
        if (options.tableThreshold() > 0 && tables.size() > options.tableThreshold()) {
            throw new IllegalArgumentException(String.format("The number of tables detected by crawler: %d is greater than the "
                    + "table threshold value provided: %d", tables.size(), options.tableThreshold()));
        }
        return tables.stream().map(t -> new CrawledTable(t.toTableDefinition(), t.partitions().stream()
                .map(p -> new CrawledPartition(p.values(), p.storageDescriptor().toJson())).toList())).toList();
    }
}
