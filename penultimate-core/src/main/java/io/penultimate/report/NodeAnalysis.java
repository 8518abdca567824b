package io.penultimate.report;

import io.penultimate.bundle.EncoderBundle;
import io.penultimate.encoder.GoodnessOfFit;
import io.penultimate.encoder.HiddenSamples;
import io.penultimate.math.GaussianMixture1D;
import io.penultimate.math.Stats;
import io.penultimate.measure.HiddenBias;
import io.penultimate.measure.MutualInformation;
import io.penultimate.measure.PearsonTable;
import io.penultimate.measure.TaskVariance;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.OutputLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

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
public record NodeAnalysis(
    List<Row> nodes, PearsonTable pearson, PearsonTable pearsonMinimumNormBias, String miSource, List<NodeFit> fits) {

  /** Above this share of exact zeros a layer in [0, 1] is taken for a ReLU one (see {@link #isSigmoidLike}). */
  static final double RELU_ZERO_SHARE = 0.05;

  /**
   * One node's measures, in nats for information.
   *
   * @param miBinomial exact MI of the binomial code
   * @param miGmmPaper the paper's eq. 2 approximation for the per-class mixtures (corrected form)
   * @param miGmmNumerical the same MI by numerical integration
   */
  public record Row(
      int node, double mi, double miBinomial, double miGmmPaper, double miGmmNumerical, double tv, double bias, double biasMinimumNorm) {}

  /**
   * How the bundle's mixtures fit one node's training values (correct predictions), as the R² of
   * Table 1 measures it: over every class against the pooled mixture, and over the class whose
   * values at the node are highest on average against that class's mixture. Either is empty when
   * its values do not spread (every value equal).
   *
   * @param rank what the node is among the layer's by MI: "highest MI", "median MI", "lowest MI"
   * @param pooledComponents the pooled mixture's number of components
   * @param classComponents the class's mixture's, as validation chose it
   */
  public record NodeFit(int node, String rank, double mi, Optional<GoodnessOfFit.Binned> pooled, int pooledComponents,
      String className, Optional<GoodnessOfFit.Binned> perClass, int classComponents) {}

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
    boolean sigmoidLike = isSigmoidLike(hidden);
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
      mi[node] = sigmoidLike ? binomial : numerical;
      rows.add(new Row(node, mi[node], binomial, MutualInformation.paperApproximation(perClass, prior), numerical,
          tv[node], equalShare == null ? Double.NaN : equalShare[node], minimumNorm == null ? Double.NaN : minimumNorm[node]));
    }
    return new NodeAnalysis(
        rows,
        equalShare == null ? PearsonTable.withoutBias(mi, tv) : PearsonTable.of(mi, tv, equalShare),
        minimumNorm == null ? PearsonTable.withoutBias(mi, tv) : PearsonTable.of(mi, tv, minimumNorm),
        sigmoidLike ? "binomial (exact)" : "gmm (numerical)",
        fits(hidden, labels, bundle, mi));
  }

  /**
   * The fits at the nodes of highest, median and lowest MI among those whose values vary (fewer
   * when there are fewer such nodes): a dead ReLU, always 0, has no histogram to draw.
   */
  private static List<NodeFit> fits(double[][] hidden, int[] labels, EncoderBundle bundle, double[] mi) {
    Integer[] byMi = IntStream.range(0, mi.length).filter(node -> varies(hidden, node)).boxed()
        .sorted((a, b) -> Double.compare(mi[b], mi[a])).toArray(Integer[]::new);
    Map<Integer, String> chosen = new LinkedHashMap<>();
    if (byMi.length > 0) {
      chosen.putIfAbsent(byMi[0], "highest MI");
      chosen.putIfAbsent(byMi[byMi.length / 2], "median MI");
      chosen.putIfAbsent(byMi[byMi.length - 1], "lowest MI");
    }
    GoodnessOfFit fit = GoodnessOfFit.defaults();
    HiddenSamples samples = new HiddenSamples(hidden, labels, bundle.numClasses());
    List<NodeFit> fits = new ArrayList<>();
    chosen.forEach((node, rank) -> {
      int cls = highestMeanClass(samples, node);
      GaussianMixture1D pooled = bundle.pooledGmm().mixture(node);
      GaussianMixture1D ofItsClass = bundle.gmm().mixture(cls, node);
      fits.add(new NodeFit(node, rank, mi[node], fit.binned(samples.values(node), pooled), pooled.components(),
          bundle.classNames().get(cls), fit.binned(samples.values(node, cls), ofItsClass), ofItsClass.components()));
    });
    return fits;
  }

  private static boolean varies(double[][] hidden, int node) {
    return Arrays.stream(hidden).anyMatch(h -> h[node] != hidden[0][node]);
  }

  /** The class whose values at the node are highest on average, the first of equals; classes without samples are passed over. */
  private static int highestMeanClass(HiddenSamples samples, int node) {
    int best = -1;
    double bestMean = 0;
    for (int c = 0; c < samples.numClasses(); c++) {
      if (samples.classCount(c) > 0) {
        double mean = Stats.mean(samples.values(node, c));
        if (best < 0 || mean > bestMean) {
          best = c;
          bestMean = mean;
        }
      }
    }
    return best;
  }

  static double meanSaturation(EncoderBundle bundle) {
    return bundle.nodes().stream().mapToDouble(n -> n.saturationShare()).average().orElse(0);
  }

  /**
   * Whether the layer reads as the paper's saturating kind, whose MI is the binomial code's: every
   * value in [0, 1] and hardly any exact zeros. A ReLU layer whose values happen to stay below 1
   * (an untrained or weakly activated network) is in [0, 1] too, but it is zero wherever it is
   * off, which a sigmoid never is except by float underflow.
   */
  static boolean isSigmoidLike(double[][] hidden) {
    long values = 0;
    long zeros = 0;
    for (double[] row : hidden) {
      for (double h : row) {
        if (!(h >= 0 && h <= 1)) {
          return false;
        }
        values++;
        zeros += h == 0 ? 1 : 0;
      }
    }
    return zeros < RELU_ZERO_SHARE * values;
  }

  private static double[] classPrior(int[] labels, int classes) {
    double[] prior = new double[classes];
    for (int label : labels) {
      prior[label] += 1.0 / labels.length;
    }
    return prior;
  }
}
