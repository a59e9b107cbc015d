package io.tarn.server;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rules of shared/conventions.md, checked on every module on the server's class path. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tarn");
    }

    @Test
    void coreKnowsNoService() {
        noClasses().that().resideInAPackage("io.tarn.core..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.tarn.core..", "java..", "javax..",
                        "io.netty..", "com.fasterxml.jackson..", "org.rocksdb..", "org.slf4j..", "org.jspecify..",
                        "org.bouncycastle..", "software.amazon.event.ruler..") // the libraries core may use; event-ruler matches event patterns
                .check(classes);
    }

    @Test
    void servicesMeetOnlyThroughCorePorts() {
        slices().matching("io.tarn.(*)..")
                .should().notDependOnEachOther()
                .ignoreDependency(alwaysTrue(), resideInAPackage("io.tarn.core.."))
                .ignoreDependency(resideInAPackage("io.tarn.server.."), alwaysTrue())
                .check(classes);
    }

    @Test
    void enginesAndModelsHaveNoHttp() {
        noClasses().that().resideInAnyPackage("io.tarn.*.engine..", "io.tarn.*.model..")
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .check(classes);
    }

    @Test
    void layersPointDownward() {
        noClasses().that().resideInAnyPackage("io.tarn.*.engine..", "io.tarn.*.model..")
                .should().dependOnClassesThat().resideInAPackage("io.tarn.*.api..")
                .check(classes);
        noClasses().that().resideInAPackage("io.tarn.*.model..")
                .should().dependOnClassesThat().resideInAPackage("io.tarn.*.engine..")
                .check(classes);
    }

    @Test
    void onlyTheEmulatorClockReadsTheWallClock() {
        // TlsContext dates its certificate by the real clock: clients check it against theirs.
        noClasses().that().resideOutsideOfPackage("io.tarn.core.time..")
                .and().doNotHaveFullyQualifiedName("io.tarn.core.http.TlsContext")
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .check(classes);
    }
}
