package io.penultimate;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each package of the core may use besides the JDK and itself: an allow-list, as Kafka's
 * {@code import-control.xml}. Frameworks are kept out by the module's pom; this keeps the
 * packages inside the module layered (maths at the bottom, the bundle and reports on top).
 */
class CorePackagesTest {
  private static final String MATH3 = "org.apache.commons.math3..";

  private static final Map<String, List<String>> ALLOWED = Map.of(
      "math", List.of(MATH3),
      "model", List.of(),
      "evaluation", List.of(MATH3),
      "measure", List.of("io.penultimate.math..", MATH3),
      "score", List.of("io.penultimate.math..", MATH3),
      "encoder", List.of("io.penultimate.math..", MATH3),
      "bundle", List.of("io.penultimate.math..", "io.penultimate.model..", "io.penultimate.evaluation..", "io.penultimate.measure..",
          "io.penultimate.score..", "io.penultimate.encoder..", MATH3, "com.fasterxml.jackson.."),
      "report", List.of("io.penultimate.math..", "io.penultimate.model..", "io.penultimate.evaluation..", "io.penultimate.measure..",
          "io.penultimate.score..", "io.penultimate.encoder..", "io.penultimate.bundle..", MATH3));

  private static final JavaClasses CORE =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.penultimate");

  @Test
  void everyPackageOfTheCoreHasAnAllowList() {
    Set<String> found = CORE.stream()
        .map(c -> c.getPackageName().substring("io.penultimate.".length()).split("\\.")[0])
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(found).isEqualTo(new TreeSet<>(ALLOWED.keySet()));
  }

  static Stream<String> packages() {
    return ALLOWED.keySet().stream().sorted();
  }

  @ParameterizedTest
  @MethodSource("packages")
  void packageDependsOnlyOnWhatItsAllowListNames(String name) {
    AllowList.check(CORE, name, ALLOWED.get(name));
  }
}
