package io.penultimate;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each package of the app may use besides the JDK and itself. Only {@code cli}, the
 * composition root, sees every module; the demo drives a monitor through Kafka and never touches
 * the model runtime, and the offline pipeline never touches Kafka nor a model runtime: it reads
 * models through the core model port, which cli opens.
 */
class AppPackagesTest {
  private static final String[] CORE = {
    "io.penultimate.math..", "io.penultimate.model..", "io.penultimate.evaluation..", "io.penultimate.measure..",
    "io.penultimate.score..", "io.penultimate.encoder..", "io.penultimate.bundle..", "io.penultimate.report.."
  };

  private static final Map<String, List<String>> ALLOWED = Map.of(
      "plot", List.of("io.penultimate.evaluation..", "io.penultimate.encoder..", "org.knowm.xchart..", "java.awt.."),
      "experiment", with(CORE, "io.penultimate.data.."),
      // com.sun.management: the JDK's own GC details, which the soak bench needs for the heap after each collection
      "demo", with(CORE, "io.penultimate.data..", "io.penultimate.stream..", "org.apache.kafka..", "com.fasterxml.jackson..",
          "com.sun.management.."));

  private static final JavaClasses APP =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.penultimate");

  static Stream<String> packages() {
    return ALLOWED.keySet().stream().sorted();
  }

  @ParameterizedTest
  @MethodSource("packages")
  void packageDependsOnlyOnWhatItsAllowListNames(String name) {
    AllowList.check(APP, name, ALLOWED.get(name));
  }

  private static List<String> with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all;
  }
}
