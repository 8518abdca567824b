package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The JSON Schemas under docs/schemas, validated with a standard 2020-12 validator (tests run from the repository root). */
final class DocSchemas {
  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  List<Error> errors(String name, String json) {
    try {
      String schema = Files.readString(Path.of("docs", "schemas", name + ".schema.json"));
      return registry.getSchema(schema).validate(json, InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void assertValid(String name, String json) {
    assertThat(errors(name, json)).as(name + ": " + json).isEmpty();
  }
}
