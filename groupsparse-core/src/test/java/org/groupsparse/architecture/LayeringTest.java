package org.groupsparse.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core library's packages depend in one direction (docs/ARCHITECTURE.md): util and linalg at the
 * bottom; groups, data; synthetic, cluster, regression, autoencoder; io at the top. ArchUnit checks
 * the compiled classes, so a wrong-way import fails the build.
 */
class LayeringTest {
  static JavaClasses core;

  @BeforeAll
  static void load() {
    core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.groupsparse");
  }

  @Test
  void packagesAreLayered() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("util").definedBy("org.groupsparse.util..")
        .layer("linalg").definedBy("org.groupsparse.linalg..")
        .layer("groups").definedBy("org.groupsparse.groups..")
        .layer("data").definedBy("org.groupsparse.data..")
        .layer("synthetic").definedBy("org.groupsparse.synthetic..")
        .layer("cluster").definedBy("org.groupsparse.cluster..")
        .layer("regression").definedBy("org.groupsparse.regression..")
        .layer("autoencoder").definedBy("org.groupsparse.autoencoder..")
        .layer("io").definedBy("org.groupsparse.io..")
        .whereLayer("io").mayNotBeAccessedByAnyLayer()
        .whereLayer("autoencoder").mayOnlyBeAccessedByLayers("io")
        .whereLayer("regression").mayOnlyBeAccessedByLayers("io")
        .whereLayer("cluster").mayOnlyBeAccessedByLayers("io")
        .whereLayer("synthetic").mayOnlyBeAccessedByLayers("autoencoder", "io")
        .whereLayer("data").mayOnlyBeAccessedByLayers("synthetic", "regression", "autoencoder", "io", "cluster")
        .whereLayer("groups").mayOnlyBeAccessedByLayers("data", "synthetic", "regression", "autoencoder", "io")
        .whereLayer("linalg").mayOnlyBeAccessedByLayers("groups", "data", "synthetic", "cluster", "regression",
            "autoencoder", "io")
        .check(core);
  }

  @Test
  void noCyclesBetweenPackagesOrBetweenTheRegressionFamilies() {
    slices().matching("org.groupsparse.(*)..").should().beFreeOfCycles().check(core);
    slices().matching("org.groupsparse.regression.(*)..").should().beFreeOfCycles().check(core);
  }

  @Test
  void theLibraryNeverPrintsOrExits() {
    noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
        .orShould().callMethod(System.class, "exit", int.class)
        .orShould().callMethod(Throwable.class, "printStackTrace")
        .because("library code reports through listeners, results and exceptions (STYLE 12)").check(core);
  }
}
