package io.penultimate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.ArrayList;
import java.util.List;

/** The rule of the *PackagesTest classes, as Kafka's import-control: a package uses itself, the JDK and what its list names. */
final class AllowList {
  private AllowList() {}

  static void check(JavaClasses production, String name, List<String> allowed) {
    List<String> packages = new ArrayList<>(allowed);
    packages.add("io.penultimate." + name + "..");
    packages.add("java..");
    classes().that().resideInAPackage("io.penultimate." + name + "..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(packages.toArray(String[]::new))
        .check(production);
  }
}
