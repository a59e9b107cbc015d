package io.tarn.glue.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tarn.glue.model.FunctionDefinition;
import io.tarn.glue.model.FunctionMeta;
import org.junit.jupiter.api.Test;

class FunctionsTest extends CatalogFixture {

    private static FunctionDefinition udf(String name, String type) {
        return new FunctionDefinition(name, "com.example." + name, "owner", type, "USER",
                json("[{\"ResourceType\":\"JAR\",\"Uri\":\"s3://b/f.jar\"}]"));
    }

    @Test
    void functionsAreCreatedFoundUpdatedAndDeleted() {
        database("db");
        FunctionMeta f = catalog.functions().create(NS, "DB", udf("MyUpper", "REGULAR_FUNCTION"));
        assertThat(f.name()).isEqualTo("myupper");
        assertThat(f.createTime()).isEqualTo(START);
        assertThat(catalog.functions().get(NS, "db", "MYUPPER").definition().resourceUris().get(0).get("Uri").asText())
                .isEqualTo("s3://b/f.jar");
        assertAws(() -> catalog.functions().create(NS, "db", udf("myupper", "REGULAR_FUNCTION")), "AlreadyExistsException",
                "Function already exists.");
        assertAws(() -> catalog.functions().create(NS, "nodb", udf("f", null)), "EntityNotFoundException", "Database nodb not found.");
        assertAws(() -> catalog.functions().get(NS, "db", "nope"), "EntityNotFoundException", "Cannot find function.");

        catalog.functions().update(NS, "db", "myupper", udf("upper2", "AGGREGATE_FUNCTION"));
        assertAws(() -> catalog.functions().get(NS, "db", "myupper"), "EntityNotFoundException", "Cannot find function.");
        assertThat(catalog.functions().get(NS, "db", "upper2").createTime()).isEqualTo(START);
        catalog.functions().delete(NS, "db", "upper2");
        assertAws(() -> catalog.functions().delete(NS, "db", "upper2"), "EntityNotFoundException", "Cannot find function.");
    }

    @Test
    void listingsMatchAPatternInOneOrEveryDatabaseAndPage() {
        database("a");
        database("b");
        catalog.functions().create(NS, "a", udf("f_one", "REGULAR_FUNCTION"));
        catalog.functions().create(NS, "a", udf("g", "REGULAR_FUNCTION"));
        catalog.functions().create(NS, "b", udf("f_two", "AGGREGATE_FUNCTION"));
        catalog.functions().create(NS, "b", udf("f_three", "REGULAR_FUNCTION"));
        assertThat(catalog.functions().list(NS, "a", "*", null, null, 10).items()).extracting(FunctionMeta::name)
                .containsExactly("f_one", "g");
        assertThat(catalog.functions().list(NS, null, "f_*", null, null, 10).items()).extracting(FunctionMeta::name)
                .containsExactly("f_one", "f_three", "f_two");
        assertThat(catalog.functions().list(NS, null, "f_*", "REGULAR_FUNCTION", null, 10).items())
                .extracting(FunctionMeta::name).containsExactly("f_one", "f_three");
        Page<FunctionMeta> first = catalog.functions().list(NS, null, "*", null, null, 2);
        assertThat(first.items()).extracting(FunctionMeta::name).containsExactly("f_one", "g");
        Page<FunctionMeta> second = catalog.functions().list(NS, null, "*", null, first.next(), 2);
        assertThat(second.items()).extracting(FunctionMeta::database, FunctionMeta::name)
                .containsExactly(tuple("b", "f_three"), tuple("b", "f_two"));
        assertThat(second.next()).isNull();

        catalog.databases().delete(NS, "a");
        assertThat(catalog.functions().list(NS, null, "*", null, null, 10).items()).extracting(FunctionMeta::database)
                .containsOnly("b");
    }
}
