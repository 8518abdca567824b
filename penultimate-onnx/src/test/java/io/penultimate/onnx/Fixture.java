package io.penultimate.onnx;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model of {@code src/test/resources/onnx/} and what PyTorch computed for a few inputs, written by
 * {@code examples/pytorch/make_fixtures.py}.
 *
 * @param penultimate the input of the model's final linear layer, as the script found it in the graph
 * @param inputs each row flattened in row-major order
 * @param activations PyTorch's values of some tensors by their ONNX names, each row flattened
 */
record Fixture(String model, String input, String penultimate, float[][] inputs, Map<String, double[][]> activations, double[][] logits) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Fixture load(String name) {
    try {
      return JSON.readValue(path(name + ".json").toFile(), Fixture.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path path(String file) {
    try {
      return Path.of(Fixture.class.getResource("/onnx/" + file).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  Path modelPath() {
    return path(model);
  }

  double[][] hidden() {
    return activations.get(penultimate);
  }
}
