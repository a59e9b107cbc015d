package io.tarn.glue.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.model.DatabaseMeta;
import io.tarn.glue.model.TableDefinition;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A catalog over a real store in a temp dir and a manual clock, with helpers to fill it, for the engines' tests. */
abstract class CatalogFixture {

    static final Namespace NS = new Namespace("000000000000", "us-east-1");
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    static final String CREATOR = "arn:aws:iam::000000000000:root";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    EmulatorClock clock;
    StateStore store;
    Catalog catalog;

    @BeforeEach
    void open() {
        clock = EmulatorClock.manual(START);
        reopen();
    }

    void reopen() {
        store = StateStore.open(dir.resolve("db"), false);
        catalog = new Catalog(store.keyspace("glue"), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    void database(String name) {
        catalog.databases().create(NS, new DatabaseMeta(name, null, null, null, null, null, null, null));
    }

    /** A table whose StorageDescriptor has these columns (name to Hive type). */
    void table(String database, String name, Map<String, String> columns, Map<String, String> parameters) {
        StringBuilder cols = new StringBuilder();
        columns.forEach((c, t) -> cols.append(cols.length() == 0 ? "" : ",").append("{\"Name\":\"").append(c)
                .append("\",\"Type\":\"").append(t).append("\"}"));
        catalog.tables().create(NS, database, new TableDefinition(name, "about " + name, "owner", null, null, null,
                json("{\"Columns\":[" + cols + "]}"), null, null, null, "EXTERNAL_TABLE", parameters, null, null), CREATOR);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertAws(ThrowableAssert.ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
