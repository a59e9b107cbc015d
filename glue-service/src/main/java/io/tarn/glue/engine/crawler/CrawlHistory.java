package io.tarn.glue.engine.crawler;

import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Batch;
import io.tarn.core.store.Keyspace;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.model.CrawlRecord;
import io.tarn.glue.model.GlueKeys;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** The crawls of each crawler, newest first, as ListCrawls filters them and GetCrawlerMetrics sums them up. */
public final class CrawlHistory {

    /** A ListCrawls filter: FieldName (CRAWL_ID, STATE, START_TIME, END_TIME, DPU_HOUR), FilterOperator and FieldValue. */
    public record Filter(@Nullable String fieldName, @Nullable String operator, @Nullable String value) {}

    private final Keyspace keyspace;

    CrawlHistory(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    void put(Batch batch, Namespace ns, String crawler, CrawlRecord crawl) {
        batch.put(GlueKeys.crawl(ns, crawler, crawl.startTime().toEpochMilli(), crawl.crawlId()), crawl);
    }

    void deleteAll(Batch batch, Namespace ns, String crawler) {
        batch.deletePrefix(GlueKeys.crawls(ns, crawler));
    }

    /** Every crawl of {@code crawler}, newest first. */
    public List<CrawlRecord> all(Namespace ns, String crawler) {
        List<CrawlRecord> crawls = new ArrayList<>(keyspace.values(GlueKeys.crawls(ns, crawler), CrawlRecord.class));
        crawls.sort(Comparator.comparing(CrawlRecord::startTime).thenComparing(CrawlRecord::crawlId).reversed());
        return crawls;
    }

    @Nullable CrawlRecord find(Namespace ns, String crawler, Instant start, String crawlId) {
        return keyspace.get(GlueKeys.crawl(ns, crawler, start.toEpochMilli(), crawlId), CrawlRecord.class).orElse(null);
    }

    /** The crawls matching every filter, newest first; InvalidInputException for a filter that cannot be read. */
    public List<CrawlRecord> matching(Namespace ns, String crawler, List<Filter> filters) {
        Predicate<CrawlRecord> all = c -> true;
        for (Filter f : filters) {
            all = all.and(predicate(f));
        }
        return all(ns, crawler).stream().filter(all).toList();
    }

    private static Predicate<CrawlRecord> predicate(Filter f) {
        if (f.fieldName() == null || f.operator() == null || f.value() == null) {
            throw GlueErrors.INVALID_INPUT.exception("A crawl filter needs a FieldName, a FilterOperator and a FieldValue");
        }
        String op = f.operator();
        return switch (f.fieldName()) {
            case "CRAWL_ID" -> c -> compare(op, c.crawlId().compareTo(f.value()));
            case "STATE" -> c -> compare(op, c.state().compareTo(f.value().toUpperCase(Locale.ROOT)));
            case "START_TIME" -> {
                Instant at = instant(f.value());
                yield c -> compare(op, c.startTime().compareTo(at));
            }
            case "END_TIME" -> {
                Instant at = instant(f.value());
                yield c -> c.endTime() != null && compare(op, c.endTime().compareTo(at));
            }
            case "DPU_HOUR" -> {
                BigDecimal hours = number(f.value());
                yield c -> compare(op, BigDecimal.ZERO.compareTo(hours)); // Tarn's crawls use no DPUs
            }
            default -> throw GlueErrors.INVALID_INPUT.exception("Invalid crawl filter field name: %s", f.fieldName());
        };
    }

    private static boolean compare(String operator, int c) {
        return switch (operator) {
            case "EQ" -> c == 0;
            case "NE" -> c != 0;
            case "GT" -> c > 0;
            case "GE" -> c >= 0;
            case "LT" -> c < 0;
            case "LE" -> c <= 0;
            default -> throw GlueErrors.INVALID_INPUT.exception("Invalid crawl filter operator: %s", operator);
        };
    }

    /** A time as ISO-8601 or as epoch milliseconds. */
    private static Instant instant(String value) {
        try {
            return value.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(value)) : Instant.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw GlueErrors.INVALID_INPUT.exception("Invalid crawl filter time: %s", value);
        }
    }

    private static BigDecimal number(String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw GlueErrors.INVALID_INPUT.exception("Invalid crawl filter number: %s", value);
        }
    }
}
