package io.penultimate.cli;

import io.penultimate.dl4j.HiddenProbe;
import io.penultimate.dl4j.ForwardCost;
import io.penultimate.dl4j.LayerSummary;
import io.penultimate.dl4j.ModelFile;
import io.penultimate.model.ModelMetadata;
import io.penultimate.onnx.Candidate;
import io.penultimate.onnx.OnnxGraph;
import io.penultimate.onnx.OnnxInspection;
import io.penultimate.onnx.OnnxModelFile;
import io.penultimate.onnx.OnnxSettings;
import io.penultimate.onnx.PenultimateChoice;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints what penultimate would read from a model, so that its user can check the hidden layer
 * before fitting: an ONNX file's input, classes, candidate tensors and the penultimate one and why;
 * a DL4J model file's layers with their widths and activation functions. Reads only; the runtime is chosen by the file's extension.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Show a model's input, classes, candidate hidden layers and the one read as the penultimate layer, and why.")
final class InspectCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE",
      description = "An ONNX model (.onnx) or a model file from 'penultimate train' (.zip).")
  Path model;

  @Option(names = "--hidden-layer", paramLabel = "LAYER",
      description = "Show this hidden layer instead of the automatic choice: a tensor name (ONNX) or a layer index (DL4J).")
  String hiddenLayer;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    switch (ModelFiles.Format.of(model)) {
      case ONNX -> onnx(out);
      case DL4J -> dl4j(out);
    }
    return ExitCodes.OK;
  }

  private void onnx(PrintWriter out) throws Exception {
    OnnxInspection inspection = OnnxInspection.of(model, hiddenLayer);
    OnnxGraph graph = inspection.graph();
    out.printf("model        %s: ONNX, IR version %d, %s, produced by %s%n", model, graph.irVersion(), opsets(graph.opsets()),
        graph.producer().isEmpty() ? "an unnamed tool" : graph.producer());
    for (OnnxGraph.Value input : graph.modelInputs()) {
      int size = input.valuesPerRow();
      out.printf("input        '%s': %s %s%s%n", input.name(), input.elementTypeName(), input.shapeText(),
          size > 0 ? ", " + size + " values per row" : "");
    }
    inspection.choice().ifPresent(choice -> out.printf("output       %s%n", outputForm(choice)));
    printCandidates(out, inspection);
    if (inspection.choice().isEmpty()) {
      out.flush();
      throw new IllegalArgumentException(model + ": " + inspection.problem());
    }
    PenultimateChoice choice = inspection.choice().get();
    out.printf("penultimate  %s, %s values: %s%n", choice.hidden(), known(choice.width()), choice.reason());
    try (OnnxModelFile file = OnnxModelFile.open(model, OnnxSettings.DEFAULT.withHiddenLayer(hiddenLayer))) {
      declared(file.metadata()).ifPresent(text -> out.printf("declared     %s%n", text));
    }
  }

  /** What the file's metadata_props declare (see penultimate-onnx's DeclaredMetadata), empty when nothing. */
  private static Optional<String> declared(ModelMetadata metadata) {
    List<String> parts = new ArrayList<>();
    if (!metadata.arch().equals(OnnxModelFile.ARCH)) {
      parts.add("architecture " + metadata.arch());
    }
    metadata.dataset().ifPresent(dataset -> parts.add("data set " + dataset));
    metadata.seed().ifPresent(seed -> parts.add("seed " + seed));
    metadata.testAccuracy().ifPresent(accuracy -> parts.add(String.format(Locale.ROOT, "test accuracy %.4f", accuracy)));
    List<String> byIndex = IntStream.range(0, metadata.classNames().size()).mapToObj(Integer::toString).toList();
    if (!metadata.classNames().equals(byIndex)) {
      parts.add("classes " + String.join(", ", metadata.classNames()));
    }
    metadata.datasetClasses().ifPresent(classes -> parts.add("the data set's classes " + classes));
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
  }

  private static String outputForm(PenultimateChoice choice) {
    String classes = known(choice.classes()) + " classes";
    return choice.probabilities()
        ? "'" + choice.output() + "': probabilities, the Softmax of the logits '" + choice.logits() + "' (read instead), " + classes
        : "'" + choice.output() + "': logits, " + classes;
  }

  private static void printCandidates(PrintWriter out, OnnxInspection inspection) {
    int column = Math.max("tensor".length(), inspection.candidates().stream().mapToInt(c -> c.tensor().length()).max().orElse(0));
    String row = "%-13s%-" + column + "s  %5s  %-12s %s%n";
    out.printf(row, "candidates", "tensor", "width", "produced by", "read by");
    for (Candidate candidate : inspection.candidates()) {
      out.printf(row, "", candidate.tensor(), known(candidate.width()), candidate.producedBy(), String.join(", ", candidate.readBy()));
    }
  }

  private static String opsets(Map<String, Long> opsets) {
    return opsets.entrySet().stream()
        .map(e -> (e.getKey().isEmpty() ? "" : e.getKey() + " ") + "opset " + e.getValue())
        .sorted()
        .collect(Collectors.joining(", "));
  }

  private static String known(int width) {
    return width > 0 ? Integer.toString(width) : "?";
  }

  /**
   * What penultimate-dl4j tells of a model file: its metadata, every layer but the output layer
   * (each a value of --hidden-layer) with its width and activation function, and the layer the probe
   * reads.
   */
  private void dl4j(PrintWriter out) throws Exception {
    ModelFile.Loaded loaded = ModelFile.read(model);
    ModelMetadata metadata = loaded.metadata();
    HiddenProbe probe = HiddenProbe.of(loaded.network(), hiddenLayer);
    out.printf("model        %s: DL4J model file, architecture %s, trained on %s with seed %s%n", model, metadata.arch(),
        metadata.dataset().orElse("(not recorded)"),
        metadata.seed().isPresent() ? Long.toString(metadata.seed().getAsLong()) : "(not recorded)");
    List<Integer> shape = loaded.inputShape();
    out.printf("input        %d values per row%s%n", metadata.inputSize(), shape.size() == 1 ? ""
        : ", shape " + shape + (loaded.inputChannels().isPresent() ? " (channels first)" : " (channels last)"));
    out.printf("output       softmax probabilities, %d classes; logits recomputed from the output layer's weights%n",
        metadata.classNames().size());
    List<LayerSummary> layers = loaded.layers();
    int column = Math.max("layer".length(), layers.stream().mapToInt(l -> l.name().length()).max().orElse(0));
    int kinds = Math.max("kind".length(), layers.stream().mapToInt(l -> l.kind().length()).max().orElse(0));
    String row = "%-13s%-" + column + "s  %-" + kinds + "s  %5s  %s%n";
    out.printf(row, "candidates", "layer", "kind", "width", "activation");
    for (LayerSummary layer : layers) {
      out.printf(row, "", layer.name(), layer.kind(), layer.width(), layer.activation().orElse("-"));
    }
    out.printf("penultimate  layer %s, %d values: %s%n", probe.layer(), probe.width(),
        hiddenLayer == null ? "the layer feeding the output layer" : "named by --hidden-layer");
    ForwardCost cost = ForwardCost.of(loaded.network());
    out.printf("forward      %,d multiply-adds per input (%s FLOPs) in its convolutions and dense layers%s%n", cost.multiplyAdds(),
        megaFlops(cost.flops()), cost.uncounted().isEmpty() ? "" : ", not counting its " + String.join(", ", cost.uncounted()) + " layers");
  }

  private static String megaFlops(long flops) {
    return flops < 1_000_000 ? String.format(Locale.ROOT, "%,d", flops) : String.format(Locale.ROOT, "%.1f M", flops / 1e6);
  }
}
