package io.tarn.glue.engine;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.glue.engine.crawler.StoredNamespaces;
import io.tarn.glue.model.CrawlerDefinition;
import io.tarn.glue.model.CrawlerMeta;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.ResourceTags;
import io.tarn.glue.model.registry.RegistryMeta;
import io.tarn.glue.model.registry.SchemaMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Earlier builds of Tarn kept the tags of crawlers, registries and schemas in their own records. At
 * start-up, tags found there move to {@link Tags} (their one store now) and the record is rewritten
 * without them, in one batch each, so a data directory written before keeps its tags.
 */
public final class LegacyTags {

    /** Only the tags member of a stored registry or schema record (the store ignores the others). */
    private record Tagged(@JsonProperty("tags") @Nullable Map<String, String> tags) {}

    /** One record to rewrite: its key, its value without tags, and the tags moved to {@code resource}. */
    private record Move(Key key, Object record, String resource, @Nullable Map<String, String> tags) {}

    private LegacyTags() {}

    public static void move(Keyspace keyspace) {
        for (Namespace ns : StoredNamespaces.of(keyspace)) {
            List<Move> moves = new ArrayList<>();
            keyspace.scan(GlueKeys.crawlers(ns), null, e -> {
                CrawlerMeta c = e.value(CrawlerMeta.class);
                CrawlerDefinition d = c.definition();
                if (d.tags() != null) {
                    CrawlerDefinition untagged = new CrawlerDefinition(d.name(), d.role(), d.databaseName(), d.description(),
                            d.targets(), d.schedule(), d.classifiers(), d.tablePrefix(), d.schemaChangePolicy(), d.recrawlPolicy(),
                            d.lineageConfiguration(), d.lakeFormationConfiguration(), d.configuration(),
                            d.crawlerSecurityConfiguration(), null);
                    moves.add(new Move(e.key(), new CrawlerMeta(untagged, c.state(), c.scheduleState(), c.creationTime(),
                            c.lastUpdated(), c.version(), c.lastCrawl(), c.crawlId(), c.crawlStart(), c.nextRun()),
                            Tags.resource("crawler", c.name()), d.tags()));
                }
                return true;
            });
            keyspace.scan(GlueKeys.registries(ns), null, e -> {
                Map<String, String> tags = e.value(Tagged.class).tags();
                if (tags != null) {
                    RegistryMeta r = e.value(RegistryMeta.class);
                    moves.add(new Move(e.key(), r, Tags.resource("registry", r.name()), tags));
                }
                return true;
            });
            keyspace.scan(GlueKeys.allSchemas(ns), null, e -> {
                Map<String, String> tags = e.value(Tagged.class).tags();
                if (tags != null) {
                    SchemaMeta s = e.value(SchemaMeta.class);
                    moves.add(new Move(e.key(), s, Tags.resource("schema", s.registry(), s.name()), tags));
                }
                return true;
            });
            for (Move m : moves) {
                // TagResource refused these resources when their records kept tags: any in the store are newer, and win
                Map<String, String> merged = new TreeMap<>(m.tags() == null ? Map.of() : m.tags());
                merged.putAll(Tags.stored(keyspace, ns, m.resource()));
                keyspace.write(b -> {
                    if (!merged.isEmpty()) {
                        b.put(GlueKeys.tags(ns, m.resource()), new ResourceTags(merged));
                    }
                    b.put(m.key(), m.record());
                });
            }
        }
    }
}
