package io.penultimate.cli;

/** Descriptions of the options that name a model and its hidden layer, shared by the commands that read models. */
final class ModelOptions {
  static final String MODEL = "Model file: a DL4J model zip (.zip, as 'penultimate train' writes it) or an ONNX model (.onnx).";
  static final String HIDDEN_LAYER =
      "Layer to read instead of the last hidden layer: a layer index or vertex name (DL4J), a tensor name (ONNX; see 'penultimate inspect').";

  private ModelOptions() {}
}
