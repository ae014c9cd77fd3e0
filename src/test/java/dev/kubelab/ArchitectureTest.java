package dev.kubelab;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Dependencies run one way: cli → repl → (workshop →) session → (explain →) lesson → check → probe → cluster/kube. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.kubelab");

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("cli").definedBy("dev.kubelab.cli..")
                .layer("repl").definedBy("dev.kubelab.repl..")
                .layer("workshop").definedBy("dev.kubelab.workshop..")
                .layer("session").definedBy("dev.kubelab.session..")
                .layer("explain").definedBy("dev.kubelab.explain..")
                .layer("lesson").definedBy("dev.kubelab.lesson..")
                .layer("check").definedBy("dev.kubelab.check..")
                .layer("probe").definedBy("dev.kubelab.probe..")
                .layer("cluster").definedBy("dev.kubelab.cluster..")
                .layer("kube").definedBy("dev.kubelab.kube..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("repl").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("workshop").mayOnlyBeAccessedByLayers("cli", "repl")
                .whereLayer("session").mayOnlyBeAccessedByLayers("cli", "repl", "workshop")
                .whereLayer("explain").mayOnlyBeAccessedByLayers("cli", "repl", "workshop", "session")
                .whereLayer("lesson").mayOnlyBeAccessedByLayers("cli", "repl", "workshop", "session")
                .whereLayer("check").mayOnlyBeAccessedByLayers("cli", "repl", "workshop", "session", "lesson")
                .whereLayer("probe").mayOnlyBeAccessedByLayers("cli", "repl", "workshop", "session", "explain", "lesson", "check")
                .whereLayer("cluster").mayOnlyBeAccessedByLayers("cli", "repl", "workshop", "session")
                .whereLayer("kube").mayOnlyBeAccessedByLayers("cli", "repl", "workshop", "session", "explain", "lesson", "probe", "cluster")
                .check(CLASSES);
    }

    @Test
    void theEngineNeverPrints() {
        noClasses().that().resideInAnyPackage("dev.kubelab.session..", "dev.kubelab.explain..", "dev.kubelab.lesson..", "dev.kubelab.check..",
                        "dev.kubelab.probe..", "dev.kubelab.cluster..", "dev.kubelab.kube..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("the engine returns records; the CLI and REPL render them")
                .check(CLASSES);
    }
}
