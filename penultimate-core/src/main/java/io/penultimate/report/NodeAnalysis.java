package io.penultimate.report;

import io.penultimate.bundle.EncoderBundle;
import io.penultimate.math.GaussianMixture1D;
import io.penultimate.measure.HiddenBias;
import io.penultimate.measure.MutualInformation;
import io.penultimate.measure.PearsonTable;
import io.penultimate.measure.TaskVariance;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.OutputLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The paper's per-node analysis (section 2.2) on the training split's correct predictions: mutual
 * information with the label, task variance (eq. 3) and the hidden-layer bias b' (eq. 4), and the
 * Pearson table between them.
 *
 * <p>{@code mi} is the exact MI of the binomial code (h ≥ 0.5) with the label when the layer's
 * outputs lie in [0, 1] (a sigmoid layer, the paper's MNIST setting), otherwise the numerical MI of
 * the per-class mixtures (the paper's CIFAR setting). {@code bias} is the paper's "equal share" reading; the minimum-norm
 * solution b' = W⁺b is reported beside it. Both need the output layer that reads the layer: for an
 * earlier layer (read with {@code fit --hidden-layer}) they are NaN, see {@link #withoutBias}.
 */
public record NodeAnalysis(List<Row> nodes, PearsonTable pearson, PearsonTable pearsonMinimumNormBias, String miSource) {

  /**
   * One node's measures, in nats for information.
   *
   * @param miBinomial exact MI of the binomial code
   * @param miGmmPaper the paper's eq. 2 approximation for the per-class mixtures (corrected form)
   * @param miGmmNumerical the same MI by numerical integration
   */
  public record Row(
      int node, double mi, double miBinomial, double miGmmPaper, double miGmmNumerical, double tv, double bias, double biasMinimumNorm) {}

  /** @param output the output layer, which reads the layer the bundle was fitted on */
  public static NodeAnalysis of(LabeledOutputs trainCorrect, EncoderBundle bundle, OutputLayer output) {
    if (output.width() != bundle.width() || output.numClasses() != bundle.numClasses()) {
      throw new IllegalArgumentException(
          "output layer reads " + output.width() + " nodes into " + output.numClasses() + " classes, but the bundle has "
              + bundle.width() + " nodes and " + bundle.numClasses() + " classes");
    }
    return analyse(trainCorrect, bundle,
        HiddenBias.equalShare(output.weights(), output.bias()), HiddenBias.minimumNorm(output.weights(), output.bias()));
  }

  /**
   * The analysis of a layer that the output layer does not read (an earlier one): the hidden-layer
   * bias of eq. 4 is defined by the weights that read the layer, which it has none of, so its
   * columns and correlations are NaN rather than computed from another layer's weights.
   */
  public static NodeAnalysis withoutBias(LabeledOutputs trainCorrect, EncoderBundle bundle) {
    return analyse(trainCorrect, bundle, null, null);
  }

  /** @param equalShare the hidden bias of each node, or null when the layer has none (with {@code minimumNorm}) */
  private static NodeAnalysis analyse(LabeledOutputs trainCorrect, EncoderBundle bundle, double[] equalShare, double[] minimumNorm) {
    double[][] hidden = trainCorrect.outputs().hidden();
    int[] labels = trainCorrect.labels();
    int classes = bundle.numClasses();
    double[] prior = classPrior(labels, classes);
    double[] tv = TaskVariance.perNode(hidden);
    boolean unitInterval = Arrays.stream(hidden).flatMapToDouble(Arrays::stream).allMatch(h -> h >= 0 && h <= 1);
    List<Row> rows = new ArrayList<>();
    double[] mi = new double[bundle.width()];
    for (int node = 0; node < bundle.width(); node++) {
      int[] bits = new int[hidden.length];
      for (int i = 0; i < hidden.length; i++) {
        bits[i] = hidden[i][node] >= 0.5 ? 1 : 0;
      }
      double binomial = MutualInformation.ofBins(bits, 2, labels, classes);
      GaussianMixture1D[] perClass = new GaussianMixture1D[classes];
      for (int c = 0; c < classes; c++) {
        perClass[c] = bundle.gmm().mixture(c, node);
      }
      double numerical = MutualInformation.numerical(perClass, prior);
      mi[node] = unitInterval ? binomial : numerical;
      rows.add(new Row(node, mi[node], binomial, MutualInformation.paperApproximation(perClass, prior), numerical,
          tv[node], equalShare == null ? Double.NaN : equalShare[node], minimumNorm == null ? Double.NaN : minimumNorm[node]));
    }
    return new NodeAnalysis(
        rows,
        equalShare == null ? PearsonTable.withoutBias(mi, tv) : PearsonTable.of(mi, tv, equalShare),
        minimumNorm == null ? PearsonTable.withoutBias(mi, tv) : PearsonTable.of(mi, tv, minimumNorm),
        unitInterval ? "binomial (exact)" : "gmm (numerical)");
  }

  static double meanSaturation(EncoderBundle bundle) {
    return bundle.nodes().stream().mapToDouble(n -> n.saturationShare()).average().orElse(0);
  }

  private static double[] classPrior(int[] labels, int classes) {
    double[] prior = new double[classes];
    for (int label : labels) {
      prior[label] += 1.0 / labels.length;
    }
    return prior;
  }
}
