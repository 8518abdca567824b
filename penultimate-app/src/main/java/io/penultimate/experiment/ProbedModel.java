package io.penultimate.experiment;

import io.penultimate.bundle.BundleCompatibility;
import io.penultimate.bundle.AnswerSettings;
import io.penultimate.bundle.BundleFitter;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.bundle.Provenance;
import io.penultimate.data.DataSplit;
import io.penultimate.data.LabeledSamples;
import io.penultimate.math.DotProducts;
import io.penultimate.math.PlainDotProducts;
import io.penultimate.model.InputTransform;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.LoadedModel;
import io.penultimate.model.ModelMetadata;
import io.penultimate.model.ModelOutputs;
import io.penultimate.model.OutputLayer;
import io.penultimate.model.Probe;
import io.penultimate.report.Evaluator;
import io.penultimate.report.NodeAnalysis;
import io.penultimate.report.OodType;
import io.penultimate.score.LinearHead;
import java.time.Instant;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A loaded model, of any runtime, and the outputs of every sample set probed through it so far: the
 * model side of the offline pipeline, which fits and evaluates bundles on those outputs.
 */
public final class ProbedModel {
  private final LoadedModel model;
  private final Probe probe;
  private final InputTransform transform;
  // keyed by identity: the same split is probed for fitting, node analysis and evaluation
  private final Map<LabeledSamples, LabeledOutputs> outputs = new IdentityHashMap<>();
  private final DotProducts products;

  /** @param hiddenLayer the layer to read, as the model's runtime names it, or null for the one feeding the output */
  public ProbedModel(LoadedModel model, String hiddenLayer) {
    this(model, hiddenLayer, InputTransform.IDENTITY);
  }

  /**
   * @param transform applied to every batch before the model (and recorded by {@link #fit}), as
   *     the streaming side applies the bundle's
   */
  public ProbedModel(LoadedModel model, String hiddenLayer, InputTransform transform) {
    this(model, hiddenLayer, transform, PlainDotProducts.INSTANCE);
  }

  /**
   * @param products the k-NN search's matrix products in {@link #fit} and {@link #evaluate}: the
   *     commands pass BLAS ({@code BlasDotProducts}, from the DL4J module, which this package may not
   *     name), about 13 times faster at width 512
   */
  public ProbedModel(LoadedModel model, String hiddenLayer, InputTransform transform, DotProducts products) {
    this.model = model;
    this.transform = transform;
    this.probe = transform.around(model.probe(hiddenLayer));
    this.products = products;
  }

  /**
   * A probed model that reads the layer the bundle was fitted on, its inputs transformed as the
   * bundle records, checked against the bundle
   * (layer, width, classes, model hash) before any data is read.
   *
   * @throws IllegalArgumentException naming what differs and how to fix it
   */
  public static ProbedModel forBundle(LoadedModel model, EncoderBundle bundle) {
    return forBundle(model, bundle, PlainDotProducts.INSTANCE);
  }

  /** As above, with the k-NN search's products computed by {@code products}. */
  public static ProbedModel forBundle(LoadedModel model, EncoderBundle bundle, DotProducts products) {
    ProbedModel probed = new ProbedModel(model, bundle.provenance().hiddenLayer(), bundle.inputTransform(), products);
    BundleCompatibility.check(
        bundle, model.sha256(), probed.probe.layer(), probed.probe.width(), model.classNames().size());
    return probed;
  }

  /** Outputs for a set of samples; each set goes through the network once. */
  public LabeledOutputs probe(LabeledSamples samples) {
    return outputs.computeIfAbsent(samples, i -> new LabeledOutputs(probe.probe(i.features()), i.labels()));
  }

  public EncoderBundle fit(DataSplit data, String datasetName) {
    return fit(data, datasetName, OptionalDouble.empty());
  }

  /** @param primaryAlpha the primary score's gate level, or empty to choose it on validation */
  public EncoderBundle fit(DataSplit data, String datasetName, OptionalDouble primaryAlpha) {
    return fit(data, datasetName, primaryAlpha, AnswerSettings.DEFAULT);
  }

  /** @param answers the OOD flag's level and the OOD share the trust assumes */
  public EncoderBundle fit(DataSplit data, String datasetName, OptionalDouble primaryAlpha, AnswerSettings answers) {
    ModelMetadata meta = model.metadata();
    Provenance provenance =
        new Provenance(
            model.sha256(),
            datasetName,
            meta.arch(),
            meta.seed(),
            probe.layer(),
            Instant.now().toString(),
            BuildInfo.penultimateVersion(),
            BuildInfo.dl4jVersion(),
            System.getProperty("java.version"));
    return BundleFitter.fit(probe(data.train()), probe(data.validation()), data.train().classNames(), provenance, primaryAlpha, transform,
        answers, products);
  }

  /** Scores the test set and one far OOD set with a bundle fitted on this model's layer (see {@link #forBundle}). */
  public Evaluator.Evaluation evaluate(EncoderBundle bundle, DataSplit data, LabeledSamples ood, Evaluator.Labels labels) {
    return evaluate(bundle, data.train(), data.test(), Map.of(OodType.FAR, ood), labels);
  }

  /** As above, against every OOD set in {@code ood} (far, and near: the held-out classes of a class subset). */
  public Evaluator.Evaluation evaluate(
      EncoderBundle bundle, DataSplit data, Map<OodType, LabeledSamples> ood, Evaluator.Labels labels) {
    return evaluate(bundle, data.train(), data.test(), ood, labels);
  }

  /**
   * As above, for a test set without its training data.
   *
   * @param analysed whose correct predictions the per-node analysis reads: the training split
   *     where there is one, else the test set itself
   * @param ood the OOD sets by type, named alike in {@code labels}; their labels are not read; empty
   *     to measure misclassification only
   */
  public Evaluator.Evaluation evaluate(
      EncoderBundle bundle, LabeledSamples analysed, LabeledSamples test, Map<OodType, LabeledSamples> ood, Evaluator.Labels labels) {
    LabeledOutputs correct = probe(analysed).correctOnly();
    // ONNX Runtime does not expose the final layer's weights: they are recovered from the outputs
    NodeAnalysis nodes = probe.outputLayer()
        .or(() -> LinearHead.ofAffine(correct.outputs().hidden(), correct.outputs().logits())
            .map(head -> new OutputLayer(head.weights(), head.bias())))
        .map(output -> NodeAnalysis.of(correct, bundle, output))
        .orElseGet(() -> NodeAnalysis.withoutBias(correct, bundle));
    Map<OodType, ModelOutputs> oodOutputs = new EnumMap<>(OodType.class);
    ood.forEach((type, samples) -> oodOutputs.put(type, probe.probe(samples.features())));
    return Evaluator.evaluate(bundle, probe(test), oodOutputs, nodes, labels, products);
  }
}
