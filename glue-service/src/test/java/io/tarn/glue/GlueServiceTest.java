package io.tarn.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.core.paging.PageTokens;
import io.tarn.core.spi.OperationRegistry;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.api.NextTokens;
import io.tarn.glue.engine.Catalog;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every operation of the Glue model is registered; the unbuilt ones say so by name. */
class GlueServiceTest {

    @TempDir
    Path dir;

    @Test
    void everyModelOperationIsRegisteredAndTheUnbuiltOnesSayWhich() {
        try (StateStore store = StateStore.open(dir.resolve("db"), false)) {
            Catalog catalog = new Catalog(store.keyspace("glue"), EmulatorClock.manual(Instant.parse("2024-01-01T00:00:00Z")));
            OperationRegistry ops = GlueService.operations(catalog, new NextTokens(new PageTokens("glue", new byte[32])));
            assertThat(GlueService.modelOperations()).hasSize(265).doesNotHaveDuplicates();
            assertThat(ops.names()).containsExactlyInAnyOrderElementsOf(GlueService.modelOperations());
            @SuppressWarnings("unchecked")
            OperationRegistry.Registered<Object, Object> crawl = (OperationRegistry.Registered<Object, Object>) ops.find("StartTrigger");
            assertThatThrownBy(() -> crawl.operation().invoke(null, null)).isInstanceOfSatisfying(AwsException.class, e -> {
                assertThat(e.code()).isEqualTo("OperationNotSupportedException");
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.getMessage()).isEqualTo("StartTrigger is not built by Tarn yet");
            });
        }
    }
}
