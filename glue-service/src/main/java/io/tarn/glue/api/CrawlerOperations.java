package io.tarn.glue.api;

import io.tarn.core.spi.RequestContext;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.api.shapes.CrawlerShapes.BatchGetCrawlersInput;
import io.tarn.glue.api.shapes.CrawlerShapes.BatchGetCrawlersOutput;
import io.tarn.glue.api.shapes.CrawlerShapes.Crawler;
import io.tarn.glue.api.shapes.CrawlerShapes.CrawlerHistory;
import io.tarn.glue.api.shapes.CrawlerShapes.CrawlerMetrics;
import io.tarn.glue.api.shapes.CrawlerShapes.CrawlerNameInput;
import io.tarn.glue.api.shapes.CrawlerShapes.GetCrawlerMetricsInput;
import io.tarn.glue.api.shapes.CrawlerShapes.GetCrawlerMetricsOutput;
import io.tarn.glue.api.shapes.CrawlerShapes.GetCrawlerOutput;
import io.tarn.glue.api.shapes.CrawlerShapes.GetCrawlersInput;
import io.tarn.glue.api.shapes.CrawlerShapes.GetCrawlersOutput;
import io.tarn.glue.api.shapes.CrawlerShapes.ListCrawlersInput;
import io.tarn.glue.api.shapes.CrawlerShapes.ListCrawlersOutput;
import io.tarn.glue.api.shapes.CrawlerShapes.ListCrawlsInput;
import io.tarn.glue.api.shapes.CrawlerShapes.ListCrawlsOutput;
import io.tarn.glue.api.shapes.CrawlerShapes.NameInput;
import io.tarn.glue.api.shapes.CrawlerShapes.UpdateCrawlerScheduleInput;
import io.tarn.glue.engine.Page;
import io.tarn.glue.engine.crawler.CrawlHistory;
import io.tarn.glue.engine.crawler.Crawlers;
import io.tarn.glue.model.CrawlRecord;
import io.tarn.glue.model.CrawlerDefinition;
import io.tarn.glue.model.CrawlerMeta;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The crawler operations, the crawler schedule operations, GetCrawlerMetrics and ListCrawls. */
public final class CrawlerOperations {

    /** CrawlerNames of BatchGetCrawlers, CrawlerNameList of GetCrawlerMetrics: at most 100, as the model says. */
    private static final int MAX_NAMES = 100;

    private final Crawlers crawlers;
    private final NextTokens tokens;

    public CrawlerOperations(Crawlers crawlers, NextTokens tokens) {
        this.crawlers = crawlers;
        this.tokens = tokens;
    }

    public Void createCrawler(RequestContext ctx, CrawlerDefinition in) {
        crawlers.create(ctx.namespace(), in);
        return null;
    }

    public GetCrawlerOutput getCrawler(RequestContext ctx, NameInput in) {
        return new GetCrawlerOutput(Crawler.of(crawlers.get(ctx.namespace(), in.name()), ctx.now()));
    }

    public GetCrawlersOutput getCrawlers(RequestContext ctx, GetCrawlersInput in) {
        String scope = NextTokens.scope(ctx, "GetCrawlers");
        Page<CrawlerMeta> page = crawlers.list(ctx.namespace(), tokens.open(scope, in.nextToken()), pageSize(in.maxResults()),
                c -> true);
        Instant now = ctx.now();
        return new GetCrawlersOutput(page.items().stream().map(c -> Crawler.of(c, now)).toList(), tokens.issue(scope, page.next()));
    }

    /** ListCrawlers: names, those carrying every tag of the Tags filter when given. */
    public ListCrawlersOutput listCrawlers(RequestContext ctx, ListCrawlersInput in) {
        Map<String, String> wanted = in.tags() == null ? Map.of() : in.tags();
        String scope = NextTokens.scope(ctx, "ListCrawlers", wanted.isEmpty() ? null : new java.util.TreeMap<>(wanted).toString());
        Page<CrawlerMeta> page = crawlers.list(ctx.namespace(), tokens.open(scope, in.nextToken()), pageSize(in.maxResults()),
                c -> hasTags(crawlers.tags(ctx.namespace(), c.name()), wanted));
        return new ListCrawlersOutput(page.items().stream().map(CrawlerMeta::name).toList(), tokens.issue(scope, page.next()));
    }

    public BatchGetCrawlersOutput batchGetCrawlers(RequestContext ctx, BatchGetCrawlersInput in) {
        List<String> names = names(Required.member(in.crawlerNames(), "crawlerNames"), "crawlerNames");
        List<Crawler> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            CrawlerMeta c = crawlers.find(ctx.namespace(), name);
            if (c == null) {
                missing.add(name);
            } else {
                found.add(Crawler.of(c, ctx.now()));
            }
        }
        return new BatchGetCrawlersOutput(found, missing);
    }

    public Void updateCrawler(RequestContext ctx, CrawlerDefinition in) {
        crawlers.update(ctx.namespace(), in);
        return null;
    }

    public Void deleteCrawler(RequestContext ctx, NameInput in) {
        crawlers.delete(ctx.namespace(), in.name());
        return null;
    }

    public Void startCrawler(RequestContext ctx, NameInput in) {
        crawlers.start(ctx.namespace(), in.name());
        return null;
    }

    public Void stopCrawler(RequestContext ctx, NameInput in) {
        crawlers.stop(ctx.namespace(), in.name());
        return null;
    }

    public Void startCrawlerSchedule(RequestContext ctx, CrawlerNameInput in) {
        crawlers.startSchedule(ctx.namespace(), in.crawlerName());
        return null;
    }

    public Void stopCrawlerSchedule(RequestContext ctx, CrawlerNameInput in) {
        crawlers.stopSchedule(ctx.namespace(), in.crawlerName());
        return null;
    }

    public Void updateCrawlerSchedule(RequestContext ctx, UpdateCrawlerScheduleInput in) {
        crawlers.updateSchedule(ctx.namespace(), in.crawlerName(), in.schedule());
        return null;
    }

    /** GetCrawlerMetrics: of the crawlers named (those that exist), or of every crawler page by page. */
    public GetCrawlerMetricsOutput getCrawlerMetrics(RequestContext ctx, GetCrawlerMetricsInput in) {
        int limit = pageSize(in.maxResults());
        String scope = NextTokens.scope(ctx, "GetCrawlerMetrics", in.crawlerNameList() == null ? null
                : String.join("\n", in.crawlerNameList()));
        List<String> named = in.crawlerNameList() == null ? null : names(in.crawlerNameList(), "crawlerNameList");
        Page<CrawlerMeta> page = crawlers.list(ctx.namespace(), tokens.open(scope, in.nextToken()), limit,
                c -> named == null || named.contains(c.name()));
        List<CrawlerMetrics> metrics = page.items().stream().map(c -> metrics(ctx, c)).toList();
        return new GetCrawlerMetricsOutput(metrics, tokens.issue(scope, page.next()));
    }

    private CrawlerMetrics metrics(RequestContext ctx, CrawlerMeta c) {
        List<CrawlRecord> ended = crawlers.history().all(ctx.namespace(), c.name()).stream()
                .filter(r -> r.endTime() != null).toList();
        CrawlRecord last = ended.isEmpty() ? null : ended.get(0);
        double[] runtimes = ended.stream().mapToDouble(r -> seconds(Duration.between(r.startTime(), r.endTime()))).sorted().toArray();
        double median = runtimes.length == 0 ? 0 : runtimes.length % 2 == 1 ? runtimes[runtimes.length / 2]
                : (runtimes[runtimes.length / 2 - 1] + runtimes[runtimes.length / 2]) / 2;
        return new CrawlerMetrics(c.name(), 0, !CrawlerMeta.READY.equals(c.state()),
                last == null ? 0 : seconds(Duration.between(last.startTime(), last.endTime())), median,
                last == null ? 0 : last.tablesCreated(), last == null ? 0 : last.tablesUpdated(), last == null ? 0 : last.tablesDeleted());
    }

    /** ListCrawls: the crawler's crawls, newest first, those matching every filter. */
    public ListCrawlsOutput listCrawls(RequestContext ctx, ListCrawlsInput in) {
        CrawlerMeta crawler = crawlers.get(ctx.namespace(), in.crawlerName());
        List<CrawlHistory.Filter> filters = in.filters() == null ? List.of()
                : in.filters().stream().map(f -> new CrawlHistory.Filter(f.fieldName(), f.filterOperator(), f.fieldValue())).toList();
        String scope = NextTokens.scope(ctx, "ListCrawls", crawler.name(), filters.toString());
        String after = tokens.open(scope, in.nextToken());
        List<CrawlRecord> matching = crawlers.history().matching(ctx.namespace(), crawler.name(), filters);
        int from = 0;
        if (after != null) {
            for (int i = 0; i < matching.size(); i++) {
                if (matching.get(i).crawlId().equals(after)) {
                    from = i + 1;
                }
            }
        }
        int limit = pageSize(in.maxResults());
        List<CrawlRecord> page = matching.subList(Math.min(from, matching.size()), Math.min(from + limit, matching.size()));
        String next = from + limit < matching.size() ? page.get(page.size() - 1).crawlId() : null;
        return new ListCrawlsOutput(page.stream().map(c -> CrawlerHistory.of(crawler.name(), c)).toList(), tokens.issue(scope, next));
    }

    private static boolean hasTags(Map<String, String> tags, Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(t -> tags.containsKey(t.getKey()) && Objects.equals(tags.get(t.getKey()), t.getValue()));
    }

    /** MaxResults of the crawler listings: 1 to 1000 (PageSize), 100 when not given. */
    static int pageSize(@Nullable Integer maxResults) {
        if (maxResults == null) {
            return 100;
        }
        if (maxResults < 1 || maxResults > 1000) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value '%d' at 'maxResults' failed to satisfy "
                    + "constraint: Member must have value %s", maxResults,
                    maxResults < 1 ? "greater than or equal to 1" : "less than or equal to 1000");
        }
        return maxResults;
    }

    private static List<String> names(List<String> names, String field) {
        if (names.size() > MAX_NAMES) {
            throw GlueErrors.VALIDATION.exception("1 validation error detected: Value at '%s' failed to satisfy constraint: "
                    + "Member must have length less than or equal to %d", field, MAX_NAMES);
        }
        return names;
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
