package io.penultimate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The maths is plain Java: frameworks live in adapter packages that depend on it, never the reverse. */
class LayeringTest {

  private static final String[] CORE_PACKAGES = {
    "io.penultimate.math..",
    "io.penultimate.encoder..",
    "io.penultimate.measure..",
    "io.penultimate.evaluation..",
    "io.penultimate.score..",
    "io.penultimate.bundle..",
    "io.penultimate.data..",
    "io.penultimate.model..",
    "io.penultimate.report.."
  };

  private static final String[] FRAMEWORK_PACKAGES = {
    "org.deeplearning4j..", "org.nd4j..", "org.apache.kafka..", "io.micrometer..", "picocli..", "org.knowm.."
  };

  private final JavaClasses production =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.penultimate");

  @Test
  void corePackagesDoNotImportFrameworks() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE_PACKAGES)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FRAMEWORK_PACKAGES)
        .check(production);
  }

  @Test
  void corePackagesDoNotDependOnAdapters() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE_PACKAGES)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.penultimate.cli..", "io.penultimate.dl4j..", "io.penultimate.experiment..", "io.penultimate.plot..", "io.penultimate.stream..")
        .check(production);
  }
}
