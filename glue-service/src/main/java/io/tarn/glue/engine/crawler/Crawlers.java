package io.tarn.glue.engine.crawler;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.ports.ObjectStorePort;
import io.tarn.core.store.Keyspace;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.glue.GlueErrors;
import io.tarn.glue.engine.Listing;
import io.tarn.glue.engine.Page;
import io.tarn.glue.engine.Catalog;
import io.tarn.glue.engine.Tags;
import io.tarn.glue.model.CrawlRecord;
import io.tarn.glue.model.CrawlerDefinition;
import io.tarn.glue.model.CrawlerMeta;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.LastCrawl;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crawlers and their lifecycle: READY, RUNNING when a crawl starts (by StartCrawler or the schedule),
 * STOPPING when StopCrawler asks it to end early, READY again when the crawl's work has ended, with
 * LastCrawl telling how (SUCCEEDED, CANCELLED or FAILED). A crawl's work runs on the environment's
 * executor; its state changes are stored, so a crawl cut short by a restart is reported FAILED.
 * Schedules are timers on the emulator clock, re-armed from the stored next run at start-up.
 */
public final class Crawlers {

    private static final Logger log = LoggerFactory.getLogger(Crawlers.class);
    /** AWS's quota of crawlers per account and region. */
    static final int MAX_CRAWLERS = 1000;
    static final String INTERRUPTED = "Crawl interrupted: Tarn stopped while the crawler was running";

    private record CrawlerId(Namespace ns, String name) {}

    private final Keyspace keyspace;
    private final EmulatorClock clock;
    private final Scheduler scheduler;
    private final Catalog catalog;
    private final ClassifierStore classifiers;
    private final CrawlHistory history;
    private final CrawlEnvironment environment;
    private final Object lock = new Object();
    private final Map<CrawlerId, Scheduler.Timer> timers = new ConcurrentHashMap<>();
    /** The stop flag of each crawl under way, by crawl id. */
    private final Map<String, AtomicBoolean> stops = new ConcurrentHashMap<>();
    /** Set when the server stops: no crawl's end is written after it (the store is about to close). */
    private boolean closed;
    private final List<CrawlListener> listeners = new CopyOnWriteArrayList<>();

    public Crawlers(Keyspace keyspace, EmulatorClock clock, Scheduler scheduler, Catalog catalog, ClassifierStore classifiers,
            CrawlEnvironment environment) {
        this.keyspace = keyspace;
        this.clock = clock;
        this.scheduler = scheduler;
        this.catalog = catalog;
        this.classifiers = classifiers;
        this.history = new CrawlHistory(keyspace);
        this.environment = environment;
        catalog.tags().register("crawler", (ns, name) -> find(ns, name) == null ? notFound(name) : null);
    }

    public CrawlHistory history() {
        return history;
    }

    /** Told of every crawl's end from now on (triggers and workflows). */
    public void addListener(CrawlListener listener) {
        listeners.add(listener);
    }

    // ---- definitions

    public CrawlerMeta create(Namespace ns, CrawlerDefinition input) {
        CrawlerDefinition definition = CrawlerRules.checked(input);
        synchronized (lock) {
            if (find(ns, definition.name()) != null) {
                throw GlueErrors.ALREADY_EXISTS.exception("%s already exists.", definition.name());
            }
            if (count(ns) >= MAX_CRAWLERS) {
                throw GlueErrors.RESOURCE_NUMBER_LIMIT_EXCEEDED.exception("Account %s has reached the limit of %d crawlers",
                        ns.account(), MAX_CRAWLERS);
            }
            Instant now = clock.instant();
            CrawlerMeta crawler = new CrawlerMeta(definition, CrawlerMeta.READY, null, now, now, 1, null, null, null, null);
            CrawlerMeta created = scheduled(crawler, definition.schedule() == null ? null : CrawlerMeta.SCHEDULED, now);
            keyspace.write(b -> {
                Tags.attach(b, ns, Tags.resource("crawler", created.name()), input.tags());
                b.put(GlueKeys.crawler(ns, created.name()), created);
            });
            arm(ns, created);
            return created;
        }
    }

    public CrawlerMeta get(Namespace ns, @Nullable String name) {
        CrawlerMeta crawler = find(ns, CrawlerRules.name(name, "name"));
        if (crawler == null) {
            throw notFound(name);
        }
        return crawler;
    }

    public @Nullable CrawlerMeta find(Namespace ns, String name) {
        return keyspace.get(GlueKeys.crawler(ns, name), CrawlerMeta.class).orElse(null);
    }

    /** The crawler's tags (kept by the catalog's {@link Tags}, as every taggable resource's are). */
    public Map<String, String> tags(Namespace ns, String name) {
        return catalog.tags().of(ns, Tags.resource("crawler", name));
    }

    /** Crawlers by name from {@code after} (exclusive), those {@code filter} takes. */
    public Page<CrawlerMeta> list(Namespace ns, @Nullable String after, int limit, Predicate<CrawlerMeta> filter) {
        return Listing.page(keyspace, GlueKeys.crawlers(ns), after, limit, e -> {
            CrawlerMeta c = e.value(CrawlerMeta.class);
            return filter.test(c) ? c : null;
        });
    }

    /** UpdateCrawler: the members given replace the current ones; refused while a crawl runs. */
    public CrawlerMeta update(Namespace ns, CrawlerDefinition change) {
        synchronized (lock) {
            CrawlerMeta current = get(ns, change.name());
            requireReady(current);
            CrawlerDefinition definition = CrawlerRules.checked(current.definition().updatedBy(change));
            CrawlerMeta updated = current.withDefinition(definition, clock.instant());
            if (!Objects.equals(definition.schedule(), current.definition().schedule())) {
                updated = scheduled(updated, definition.schedule() == null ? null
                        : current.scheduleState() == null ? CrawlerMeta.SCHEDULED : current.scheduleState(), clock.instant());
            }
            keyspace.put(GlueKeys.crawler(ns, updated.name()), updated);
            arm(ns, updated);
            return updated;
        }
    }

    /** DeleteCrawler: with its crawl history; refused while a crawl runs. */
    public void delete(Namespace ns, @Nullable String name) {
        synchronized (lock) {
            CrawlerMeta current = get(ns, name);
            requireReady(current);
            keyspace.write(b -> {
                b.delete(GlueKeys.crawler(ns, current.name()));
                Tags.detach(b, ns, Tags.resource("crawler", current.name()));
                history.deleteAll(b, ns, current.name());
            });
            disarm(ns, current.name());
        }
    }

    // ---- schedules

    /** StartCrawlerSchedule: NoScheduleException without a schedule, SchedulerRunningException when already scheduled. */
    public void startSchedule(Namespace ns, @Nullable String name) {
        synchronized (lock) {
            CrawlerMeta current = get(ns, name);
            if (current.definition().schedule() == null) {
                throw GlueErrors.NO_SCHEDULE.exception("Crawler %s has no schedule", current.name());
            }
            if (CrawlerMeta.SCHEDULED.equals(current.scheduleState())) {
                throw GlueErrors.SCHEDULER_RUNNING.exception("Schedule of crawler %s is already scheduled", current.name());
            }
            save(ns, scheduled(current, CrawlerMeta.SCHEDULED, clock.instant()));
        }
    }

    /** StopCrawlerSchedule: SchedulerNotRunningException unless scheduled; a running crawl goes on. */
    public void stopSchedule(Namespace ns, @Nullable String name) {
        synchronized (lock) {
            CrawlerMeta current = get(ns, name);
            if (!CrawlerMeta.SCHEDULED.equals(current.scheduleState())) {
                throw GlueErrors.SCHEDULER_NOT_RUNNING.exception("Schedule of crawler %s is not scheduled", current.name());
            }
            save(ns, scheduled(current, CrawlerMeta.NOT_SCHEDULED, clock.instant()));
        }
    }

    /** UpdateCrawlerSchedule: a new expression (scheduled at once when the crawler had none); null or empty removes it. */
    public void updateSchedule(Namespace ns, @Nullable String name, @Nullable String expression) {
        String schedule = expression == null || expression.isEmpty() ? null : GlueCron.parse(expression).expression();
        synchronized (lock) {
            CrawlerMeta current = get(ns, name);
            CrawlerMeta updated = current.withDefinition(current.definition().withSchedule(schedule), clock.instant());
            String state = schedule == null ? null : current.scheduleState() == null ? CrawlerMeta.SCHEDULED : current.scheduleState();
            save(ns, scheduled(updated, state, clock.instant()));
        }
    }

    /** The crawler with the schedule state given and its next run after {@code now} (none unless scheduled). */
    private static CrawlerMeta scheduled(CrawlerMeta crawler, @Nullable String state, Instant now) {
        Instant next = null;
        if (CrawlerMeta.SCHEDULED.equals(state)) {
            next = GlueCron.parse(crawler.definition().schedule()).nextAfter(now).orElse(null);
        }
        return crawler.withSchedule(state, next);
    }

    private void save(Namespace ns, CrawlerMeta crawler) {
        keyspace.put(GlueKeys.crawler(ns, crawler.name()), crawler);
        arm(ns, crawler);
    }

    private void arm(Namespace ns, CrawlerMeta crawler) {
        disarm(ns, crawler.name());
        Instant due = crawler.nextRun();
        if (CrawlerMeta.SCHEDULED.equals(crawler.scheduleState()) && due != null) {
            timers.put(new CrawlerId(ns, crawler.name()), scheduler.at(due, () -> fire(ns, crawler.name(), due)));
        }
    }

    private void disarm(Namespace ns, String name) {
        Scheduler.Timer timer = timers.remove(new CrawlerId(ns, name));
        if (timer != null) {
            timer.cancel();
        }
    }

    /** A schedule's run fell due: start a crawl unless one is under way (AWS skips it then), and arm the next run. */
    private void fire(Namespace ns, String name, Instant due) {
        CrawlerMeta started = null;
        synchronized (lock) {
            CrawlerMeta current = find(ns, name);
            if (current == null || !CrawlerMeta.SCHEDULED.equals(current.scheduleState()) || !due.equals(current.nextRun())) {
                return; // changed since this timer was armed
            }
            CrawlerMeta next = scheduled(current, CrawlerMeta.SCHEDULED, clock.instant());
            if (CrawlerMeta.READY.equals(current.state())) {
                next = begin(ns, next);
                started = next;
            } else {
                keyspace.put(GlueKeys.crawler(ns, name), next);
            }
            arm(ns, next);
        }
        if (started != null) {
            submit(ns, started);
        }
    }

    // ---- crawls

    /** StartCrawler (and a trigger's action): CrawlerRunningException unless READY; answers the crawler RUNNING its new crawl. */
    public CrawlerMeta start(Namespace ns, @Nullable String name) {
        CrawlerMeta started;
        synchronized (lock) {
            CrawlerMeta current = get(ns, name);
            if (!CrawlerMeta.READY.equals(current.state())) {
                throw GlueErrors.CRAWLER_RUNNING.exception("Crawler with name %s has already started", current.name());
            }
            started = begin(ns, current);
        }
        submit(ns, started);
        return started;
    }

    /** StopCrawler: CrawlerNotRunningException when READY, CrawlerStoppingException when already STOPPING. */
    public void stop(Namespace ns, @Nullable String name) {
        synchronized (lock) {
            CrawlerMeta current = get(ns, name);
            if (CrawlerMeta.READY.equals(current.state())) {
                throw GlueErrors.CRAWLER_NOT_RUNNING.exception("Crawler with name %s isn't running.", current.name());
            }
            if (CrawlerMeta.STOPPING.equals(current.state())) {
                throw GlueErrors.CRAWLER_STOPPING.exception("Crawler with name %s is stopping.", current.name());
            }
            keyspace.put(GlueKeys.crawler(ns, current.name()), current.stopping());
            AtomicBoolean stop = stops.get(current.crawlId());
            if (stop != null) {
                stop.set(true);
            }
        }
    }

    /** Marks the crawler RUNNING with a new crawl and records the crawl; the caller submits its work after the lock. */
    private CrawlerMeta begin(Namespace ns, CrawlerMeta crawler) {
        Instant now = clock.instant();
        CrawlerMeta running = crawler.running(UUID.randomUUID().toString(), now);
        keyspace.write(b -> {
            b.put(GlueKeys.crawler(ns, running.name()), running);
            history.put(b, ns, running.name(), CrawlRecord.started(running.crawlId(), now));
        });
        stops.put(running.crawlId(), new AtomicBoolean());
        return running;
    }

    private void submit(Namespace ns, CrawlerMeta running) {
        try {
            environment.executor().execute(() -> crawl(ns, running));
        } catch (RuntimeException e) { // a closed executor: the server is stopping
            log.warn("crawler {}: crawl not started: {}", running.name(), e.toString());
            finish(ns, running.name(), running.crawlId(), CrawlRun.Outcome.failed("Crawl could not start: " + e.getMessage()));
        }
    }

    /** The crawl's work, then its end; never throws, so the crawler always returns to READY. */
    private void crawl(Namespace ns, CrawlerMeta running) {
        CrawlRun.Outcome outcome;
        try {
            outcome = work(ns, running);
        } catch (RuntimeException e) {
            log.error("crawler {}: crawl {} failed", running.name(), running.crawlId(), e);
            outcome = CrawlRun.Outcome.failed("Internal error: " + e);
        }
        finish(ns, running.name(), running.crawlId(), outcome);
    }

    private CrawlRun.Outcome work(Namespace ns, CrawlerMeta running) {
        CrawlerDefinition d = running.definition();
        Optional<ObjectStorePort> store = environment.objectStore().get();
        if (store.isEmpty()) {
            return CrawlRun.Outcome.failed("S3 is not part of this build of Tarn: the crawler has nothing to read");
        }
        if (d.databaseName() == null) {
            return CrawlRun.Outcome.failed("The crawler has no DatabaseName to write its tables in");
        }
        try {
            catalog.tables().requireDatabase(ns, d.databaseName());
        } catch (AwsException e) {
            return CrawlRun.Outcome.failed(e.getMessage());
        }
        AtomicBoolean stop = stops.getOrDefault(running.crawlId(), new AtomicBoolean());
        Instant since = d.recrawlPolicy() != null && d.recrawlPolicy().newFoldersOnly() ? lastSuccess(ns, running.name()) : null;
        CrawlRun run = new CrawlRun(ns, d, running.crawlId(), since, store.get(),
                new CrawlRun.Steps(environment.classifier(), environment.layout(), new CatalogUpdate(catalog.tables(), catalog.partitions())),
                classifiers.named(ns, d.classifiers() == null ? List.of() : d.classifiers()), stop::get);
        return run.run(clock.instant());
    }

    /** When the latest crawl that completed started; null when none did (the first crawl reads every folder). */
    private @Nullable Instant lastSuccess(Namespace ns, String crawler) {
        return history.all(ns, crawler).stream().filter(c -> CrawlRecord.COMPLETED.equals(c.state())).findFirst()
                .map(CrawlRecord::startTime).orElse(null);
    }

    /** The crawl's end: LastCrawl, the crawl's record and READY, in one batch. */
    void finish(Namespace ns, String name, String crawlId, CrawlRun.Outcome outcome) {
        stops.remove(crawlId);
        LastCrawl endedCrawl;
        Instant completed;
        synchronized (lock) {
            if (closed) {
                return; // left RUNNING: the next start reports it FAILED
            }
            CrawlerMeta current = find(ns, name);
            if (current == null || !crawlId.equals(current.crawlId())) {
                return; // deleted, or reset, meanwhile
            }
            Instant now = clock.instant();
            completed = now;
            Instant start = current.crawlStart();
            LastCrawl last = new LastCrawl(outcome.status(), outcome.errorMessage(), LastCrawl.LOG_GROUP, name, crawlId, start);
            CrawlRecord record = history.find(ns, name, start, crawlId);
            String state = switch (outcome.status()) {
                case LastCrawl.SUCCEEDED -> CrawlRecord.COMPLETED;
                case LastCrawl.CANCELLED -> CrawlRecord.STOPPED;
                default -> CrawlRecord.FAILED;
            };
            CatalogUpdate.Changes c = outcome.changes();
            CrawlRecord ended = (record != null ? record : CrawlRecord.started(crawlId, start))
                    .ended(state, now, outcome.errorMessage(), c.tablesCreated(), c.tablesUpdated(), c.tablesDeleted(),
                            c.partitionsCreated(), c.partitionsDeleted());
            keyspace.write(b -> {
                b.put(GlueKeys.crawler(ns, name), current.ready(last));
                history.put(b, ns, name, ended);
            });
            endedCrawl = last;
        }
        for (CrawlListener listener : listeners) {
            try {
                listener.ended(ns, name, endedCrawl, completed);
            } catch (RuntimeException e) {
                log.warn("crawl listener failed on {} {}", name, crawlId, e);
            }
        }
    }

    // ---- start-up and reset

    /**
     * At start-up: a crawl the previous run of Tarn left RUNNING or STOPPING is reported FAILED (its
     * tables were never written: they are written only at a crawl's end), and schedules are armed again
     * at their stored next run (at once when it passed while Tarn was down).
     */
    public void recover() {
        for (Namespace ns : StoredNamespaces.of(keyspace)) {
            keyspace.scan(GlueKeys.crawlers(ns), null, e -> {
                CrawlerMeta crawler = e.value(CrawlerMeta.class);
                if (!CrawlerMeta.READY.equals(crawler.state()) && crawler.crawlId() != null) {
                    finish(ns, crawler.name(), crawler.crawlId(), CrawlRun.Outcome.failed(INTERRUPTED));
                }
                arm(ns, crawler);
                return true;
            });
        }
    }

    /** After the keyspace was cleared: no timers, and the crawls under way are told to stop. */
    public void reset() {
        timers.values().forEach(Scheduler.Timer::cancel);
        timers.clear();
        stops.values().forEach(s -> s.set(true));
    }

    /** The server is stopping: timers go, crawls under way are told to stop and will not write their end. */
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        reset();
    }

    private void requireReady(CrawlerMeta crawler) {
        if (!CrawlerMeta.READY.equals(crawler.state())) {
            throw GlueErrors.CRAWLER_RUNNING.exception("Crawler with name %s is running.", crawler.name());
        }
    }

    private int count(Namespace ns) {
        int[] n = {0};
        keyspace.scan(GlueKeys.crawlers(ns), null, e -> ++n[0] < MAX_CRAWLERS);
        return n[0];
    }

    static AwsException notFound(@Nullable String name) {
        return GlueErrors.ENTITY_NOT_FOUND.exception("Crawler entry with name %s does not exist", name);
    }
}
