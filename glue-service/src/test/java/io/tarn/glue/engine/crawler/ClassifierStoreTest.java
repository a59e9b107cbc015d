package io.tarn.glue.engine.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Namespace;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.glue.model.ClassifierMeta;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custom classifiers over a real store and a manual clock: the model's checks, versions and kinds. */
class ClassifierStoreTest {

    private static final Namespace NS = new Namespace("000000000000", "us-east-1");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private EmulatorClock clock;
    private StateStore store;
    private ClassifierStore classifiers;

    @BeforeEach
    void open() {
        clock = EmulatorClock.manual(START);
        store = StateStore.open(dir.resolve("db"), false);
        classifiers = new ClassifierStore(store.keyspace("glue"), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) new ObjectMapper().readTree(text);
    }

    private static void assertAws(ThrowableAssert.ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOf(AwsException.class).satisfies(e -> {
            assertThat(((AwsException) e).code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void createdUpdatedAndDeletedWithVersions() throws Exception {
        ClassifierMeta csv = classifiers.create(NS, ClassifierStore.CSV, json("{\"Name\":\"pipes\",\"Delimiter\":\"|\"}"));
        assertThat(csv.version()).isEqualTo(1);
        assertThat(csv.creationTime()).isEqualTo(START);
        clock.advance(Duration.ofMinutes(1));
        ClassifierMeta updated = classifiers.update(NS, ClassifierStore.CSV, json("{\"Name\":\"pipes\",\"ContainsHeader\":\"PRESENT\"}"));
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.lastUpdated()).isEqualTo(START.plusSeconds(60));
        assertThat(updated.definition().get("Delimiter").asText()).isEqualTo("|");
        assertThat(updated.definition().get("ContainsHeader").asText()).isEqualTo("PRESENT");

        classifiers.create(NS, ClassifierStore.GROK, json("{\"Name\":\"logs\",\"Classification\":\"app\",\"GrokPattern\":\"%{WORD:w}\"}"));
        assertThat(classifiers.list(NS, null, 10).items()).extracting(ClassifierMeta::name).containsExactly("logs", "pipes");
        assertThat(classifiers.list(NS, null, 1).next()).isEqualTo("logs");

        classifiers.delete(NS, "pipes");
        assertAws(() -> classifiers.get(NS, "pipes"), "EntityNotFoundException", "pipes");
        assertAws(() -> classifiers.delete(NS, "pipes"), "EntityNotFoundException", "pipes");
    }

    @Test
    void theModelsChecksApply() throws Exception {
        classifiers.create(NS, ClassifierStore.JSON, json("{\"Name\":\"j\",\"JsonPath\":\"$[*]\"}"));
        assertAws(() -> classifiers.create(NS, ClassifierStore.JSON, json("{\"Name\":\"j\",\"JsonPath\":\"$\"}")),
                "AlreadyExistsException", "j");
        assertAws(() -> classifiers.create(NS, ClassifierStore.GROK, json("{\"Name\":\"g\",\"Classification\":\"c\"}")),
                "ValidationException", "grokClassifier.grokPattern");
        assertAws(() -> classifiers.create(NS, ClassifierStore.CSV, json("{\"Name\":\"c\",\"Delimiter\":\",,\"}")),
                "ValidationException", "csvClassifier.delimiter");
        assertAws(() -> classifiers.create(NS, ClassifierStore.CSV, json("{\"Name\":\"c\",\"ContainsHeader\":\"MAYBE\"}")),
                "ValidationException", "MAYBE");
        assertAws(() -> classifiers.create(NS, ClassifierStore.CSV, json("{\"Name\":\"c\",\"Delimiter\":\"'\",\"QuoteSymbol\":\"'\"}")),
                "InvalidInputException", "cannot be the same");
        assertAws(() -> classifiers.create(NS, ClassifierStore.XML, json("{\"Name\":\"x\",\"Classification\":\"x\",\"Unknown\":1}")),
                "ValidationException", "Unknown");
        assertAws(() -> classifiers.update(NS, ClassifierStore.XML, json("{\"Name\":\"j\",\"RowTag\":\"row\"}")),
                "InvalidInputException", "JsonClassifier");
        assertAws(() -> classifiers.update(NS, ClassifierStore.XML, json("{\"Name\":\"none\"}")), "EntityNotFoundException", "none");
    }
}
