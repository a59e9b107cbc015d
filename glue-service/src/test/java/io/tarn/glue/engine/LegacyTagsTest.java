package io.tarn.glue.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.store.Keyspace;
import io.tarn.glue.model.CrawlerDefinition;
import io.tarn.glue.model.CrawlerMeta;
import io.tarn.glue.model.CrawlerTargets;
import io.tarn.glue.model.GlueKeys;
import io.tarn.glue.model.registry.RegistryMeta;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LegacyTagsTest extends CatalogFixture {

    @Test
    void tagsKeptInRecordsByEarlierBuildsMoveToTheTagStore() {
        Keyspace glue = store.keyspace("glue");
        CrawlerDefinition d = new CrawlerDefinition("daily", "role", "lake", null,
                CrawlerTargets.s3(List.of(CrawlerTargets.S3Target.of("s3://lake/"))), null, List.of(), null, null, null, null, null,
                null, null, Map.of("team", "data"));
        glue.put(GlueKeys.crawler(NS, "daily"), new CrawlerMeta(d, CrawlerMeta.READY, null, START, START, 1, null, null, null, null));
        // a registry record as earlier builds wrote it, tags included
        Map<String, Object> registry = new LinkedHashMap<>();
        registry.put("name", "events");
        registry.put("status", "AVAILABLE");
        registry.put("created", START);
        registry.put("updated", START);
        registry.put("tags", Map.of("pii", "no"));
        glue.put(GlueKeys.registry(NS, "events"), registry);

        LegacyTags.move(glue);
        assertThat(catalog.tags().of(NS, "crawler/daily")).containsOnly(Map.entry("team", "data"));
        assertThat(catalog.tags().get(NS, "arn:aws:glue:us-east-1:000000000000:registry/events")).containsOnly(Map.entry("pii", "no"));
        assertThat(glue.get(GlueKeys.crawler(NS, "daily"), CrawlerMeta.class).orElseThrow().definition().tags()).isNull();
        assertThat(glue.get(GlueKeys.registry(NS, "events"), RegistryMeta.class).orElseThrow().created()).isEqualTo(START);

        // a second start finds nothing left to move, and tags set since are kept
        catalog.tags().tag(NS, "arn:aws:glue:us-east-1:000000000000:registry/events", Map.of("env", "dev"));
        LegacyTags.move(glue);
        assertThat(catalog.tags().of(NS, "registry/events")).containsOnly(Map.entry("pii", "no"), Map.entry("env", "dev"));
    }
}
