package io.penultimate.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an ONNX classifier offers penultimate, for people deciding which tensor to read: every
 * candidate tensor with its width, and the choice {@link OnnxModel} would make, or why it cannot.
 * Widths the file does not state come from ONNX Runtime's shape inference (a session over the model
 * with every candidate declared an output; nothing is run).
 *
 * @param choice the tensors {@link OnnxModel} would read, with the widths ONNX Runtime infers
 *     filled in; empty when the model cannot be read as it stands
 * @param problem why there is no choice (one line); empty when there is one
 */
public record OnnxInspection(OnnxGraph graph, List<Candidate> candidates, Optional<PenultimateChoice> choice, String problem) {

  public OnnxInspection {
    candidates = List.copyOf(candidates);
  }

  /** {@code hiddenLayer}: as in {@link OnnxSettings}, null for the automatic choice. */
  public static OnnxInspection of(Path file, String hiddenLayer) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file + " (ONNX model file not found)");
    }
    byte[] model = Files.readAllBytes(file);
    OnnxGraph graph = OnnxGraph.parse(model);
    Optional<PenultimateChoice> choice = Optional.empty();
    String problem = "";
    try {
      choice = Optional.of(PenultimateChoice.of(graph, hiddenLayer));
    } catch (IllegalArgumentException e) {
      problem = e.getMessage();
    }
    List<Candidate> candidates = Candidate.of(graph);
    List<String> wanted = new ArrayList<>(candidates.stream().map(Candidate::tensor).toList());
    choice.ifPresent(c -> wanted.addAll(List.of(c.hidden(), c.logits())));
    Map<String, long[]> shapes;
    try (OrtSession session = Sessions.open(model, graph, wanted, 1)) {
      shapes = Sessions.floatShapes(session);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime could not close the session: " + e.getMessage(), e);
    }
    List<Candidate> measured = candidates.stream().map(c -> c.withWidth(inferred(shapes, c.tensor(), c.width()))).toList();
    Optional<PenultimateChoice> filled = choice.map(c -> new PenultimateChoice(c.input(), c.output(), c.probabilities(), c.logits(),
        c.hidden(), inferred(shapes, c.hidden(), c.width()), inferred(shapes, c.logits(), c.classes()), c.reason()));
    return new OnnxInspection(graph, measured, filled, problem);
  }

  /** What the file states, else what ONNX Runtime infers, else 0. */
  private static int inferred(Map<String, long[]> shapes, String tensor, int stated) {
    if (stated > 0 || !shapes.containsKey(tensor)) {
      return stated;
    }
    return Sessions.width(shapes.get(tensor));
  }
}
