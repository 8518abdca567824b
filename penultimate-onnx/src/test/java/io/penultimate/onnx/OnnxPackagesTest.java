package io.penultimate.onnx;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The pom keeps Kafka, DL4J and Micrometer out; this keeps the rest of the core out too (the
 * bundle, its Jackson codec, the maths): the runtime depends on the model port only.
 */
class OnnxPackagesTest {

  @Test
  void dependsOnlyOnTheCoreModelPackageAndOnnxRuntime() {
    classes().that().resideInAPackage("io.penultimate.onnx..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("io.penultimate.onnx..", "io.penultimate.model..", "ai.onnxruntime..", "java..")
        .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.penultimate.onnx"));
  }
}
