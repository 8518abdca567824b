package io.penultimate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.bundle.BundleFitter;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.bundle.Provenance;
import io.penultimate.encoder.GoodnessOfFit;
import io.penultimate.measure.HiddenBias;
import io.penultimate.measure.PearsonTable;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.OutputLayer;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NodeAnalysisTest {
  private static final int N = 400;
  private static final double LN2 = Math.log(2);
  /** W is 2 classes × 3 nodes; node 2 has no outgoing weight. */
  private static final OutputLayer OUTPUT = new OutputLayer(new double[][] {{1, 2, 0}, {-1, 0, 0}}, new double[] {0.6, -0.3});

  private static LabeledOutputs sigmoidTrain;
  private static NodeAnalysis sigmoid;
  private static LabeledOutputs gaussianTrain;
  private static NodeAnalysis gaussian;

  @BeforeAll
  static void analyseOnce() {
    sigmoidTrain = TwoClassOutputs.generate(N, 0, NodeAnalysisTest::sigmoidCodes);
    sigmoid = NodeAnalysis.of(sigmoidTrain.correctOnly(), fit(sigmoidTrain, TwoClassOutputs.generate(N, 5, NodeAnalysisTest::sigmoidCodes)), OUTPUT);

    Random random = new Random(42);
    IntFunction<double[]> gaussianCodes = i -> gaussianCodes(i, random);
    gaussianTrain = TwoClassOutputs.generate(N, 0, gaussianCodes);
    LabeledOutputs gaussianValidation = TwoClassOutputs.generate(N, 5, gaussianCodes);
    gaussian = NodeAnalysis.of(gaussianTrain.correctOnly(), fit(gaussianTrain, gaussianValidation), OUTPUT);
  }

  /**
   * Sample i has label i % 2. Node 0 is the label's binomial code (0.95 / 0.05); node 1 is 0.30 or
   * 0.32 by i % 4, independent of the label and always below 0.5; node 2 is 0.7 only for the
   * label-0 samples with i % 4 == 0 (half of class 0) and 0.3 otherwise.
   */
  private static double[] sigmoidCodes(int i) {
    int label = i % 2;
    return new double[] {label == 1 ? 0.95 : 0.05, i % 4 < 2 ? 0.30 : 0.32, i % 4 == 0 ? 0.7 : 0.3};
  }

  /** Unbounded activations: node 0 at ±3 by label, node 1 around 5 and node 2 around −1, both independent of the label. */
  private static double[] gaussianCodes(int i, Random random) {
    int label = i % 2;
    return new double[] {(label == 1 ? 3 : -3) + 0.5 * random.nextGaussian(), 5 + 0.5 * random.nextGaussian(), -1 + random.nextGaussian()};
  }

  @Test
  void reportsOneRowPerNodeInNodeOrder() {
    assertThat(sigmoid.nodes()).extracting(NodeAnalysis.Row::node).containsExactly(0, 1, 2);
    assertThat(gaussian.nodes()).extracting(NodeAnalysis.Row::node).containsExactly(0, 1, 2);
  }

  @Test
  void sigmoidRangeOutputsUseTheExactBinomialMutualInformation() {
    assertThat(sigmoid.miSource()).isEqualTo("binomial (exact)");
    for (NodeAnalysis.Row row : sigmoid.nodes()) {
      assertThat(row.mi()).as("node %d", row.node()).isEqualTo(row.miBinomial());
    }
  }

  @Test
  void aNodeWhoseBinomialCodeIsTheLabelCarriesLnTwoNatsAndAConstantNodeNone() {
    // Balanced classes: the code determines the label, so MI = H(y) = ln 2.
    assertThat(sigmoid.nodes().get(0).miBinomial()).isCloseTo(LN2, within(1e-12));
    // Every value of node 1 is below 0.5: one bin, no information.
    assertThat(sigmoid.nodes().get(1).miBinomial()).isCloseTo(0, within(1e-12));
    // Node 2: P(bit 1) = 1/4, H(bit) = 2 ln 2 − ¾ ln 3; H(bit | y) = ½ ln 2 (class 0) + ½ · 0 (class 1);
    // MI = 1.5 ln 2 − 0.75 ln 3 = 0.2157616.
    assertThat(sigmoid.nodes().get(2).miBinomial()).isCloseTo(1.5 * LN2 - 0.75 * Math.log(3), within(1e-12));
  }

  @Test
  void taskVarianceIsThePopulationVarianceOfTheNodesValues() {
    // Node 0: 0.95 and 0.05 half each, ((0.95 − 0.05) / 2)² = 0.2025. Node 1: 0.30 and 0.32 half
    // each, 0.01² = 1e-4. Node 2: 0.7 a quarter and 0.3 three quarters, 0.4² · ¼ · ¾ = 0.03.
    assertThat(column(sigmoid, NodeAnalysis.Row::tv)).containsExactly(new double[] {0.2025, 1e-4, 0.03}, within(1e-12));
    double[][] hidden = gaussianTrain.outputs().hidden();
    for (int node = 0; node < 3; node++) {
      assertThat(gaussian.nodes().get(node).tv()).as("node %d", node).isCloseTo(populationVariance(hidden, node), within(1e-12));
    }
  }

  @Test
  void aReluLayerThatStaysBelowOneIsNotMistakenForASigmoidLayer() {
    // values in [0, 1), but 30% exact zeros: the zeros are what tells ReLU from sigmoid
    double[][] relu = new double[100][];
    for (int i = 0; i < relu.length; i++) {
      relu[i] = new double[] {i % 10 < 3 ? 0 : 0.01 * i, 0.5};
    }
    double[][] sigmoidWithAnUnderflow = {{0.2, 0.9}, {0.4, 0.7}, {0.6, 0.1}, {0.8, 0.3}, {0.99, 0.5}, {0.01, 0.5}, {0.3, 0.2},
        {0.5, 0.6}, {0.7, 0.4}, {0.9, 0.8}, {0, 0.05}};

    assertThat(NodeAnalysis.isSigmoidLike(relu)).isFalse();
    assertThat(NodeAnalysis.isSigmoidLike(sigmoidWithAnUnderflow)).as("1 zero in 22 values, below 5%%").isTrue();
    assertThat(NodeAnalysis.isSigmoidLike(new double[][] {{0.5, 1.5}})).isFalse();
  }

  @Test
  void outputsOutsideTheUnitIntervalUseTheNumericalMixtureMutualInformation() {
    assertThat(gaussian.miSource()).isEqualTo("gmm (numerical)");
    for (NodeAnalysis.Row row : gaussian.nodes()) {
      assertThat(row.mi()).as("node %d", row.node()).isEqualTo(row.miGmmNumerical());
    }
    // Classes 12 standard deviations apart: nearly all of H(y) = ln 2; label-free nodes: nearly none.
    assertThat(gaussian.nodes().get(0).mi()).isCloseTo(LN2, within(0.01));
    assertThat(gaussian.nodes().get(1).mi()).isCloseTo(0, within(0.02));
    assertThat(gaussian.nodes().get(2).mi()).isCloseTo(0, within(0.02));
    // The binomial code is still reported: node 0's bit (h ≥ 0.5) is the label, node 1's is always 1.
    assertThat(gaussian.nodes().get(0).miBinomial()).isCloseTo(LN2, within(1e-12));
    assertThat(gaussian.nodes().get(1).miBinomial()).isCloseTo(0, within(1e-12));
  }

  @Test
  void biasIsTheEqualShareSolutionOfTheGivenOutputLayer() {
    // Shares b / n = (0.2, −0.1). Node 0: (1 · 0.2 + (−1)(−0.1)) / (1 + 1) = 0.15; node 1:
    // 2 · 0.2 / 4 = 0.1; node 2 has no weight: 0.
    assertThat(column(sigmoid, NodeAnalysis.Row::bias)).containsExactly(new double[] {0.15, 0.1, 0.0}, within(1e-15));
    double[] equalShare = HiddenBias.equalShare(OUTPUT.weights(), OUTPUT.bias());
    double[] minimumNorm = HiddenBias.minimumNorm(OUTPUT.weights(), OUTPUT.bias());
    for (NodeAnalysis.Row row : gaussian.nodes()) {
      assertThat(row.bias()).isEqualTo(equalShare[row.node()]);
      assertThat(row.biasMinimumNorm()).isEqualTo(minimumNorm[row.node()]);
    }
  }

  @Test
  void pearsonTablesCorrelateTheReportedColumns() {
    double[] mi = column(sigmoid, NodeAnalysis.Row::mi);
    double[] tv = column(sigmoid, NodeAnalysis.Row::tv);
    double[] bias = column(sigmoid, NodeAnalysis.Row::bias);
    double[] minimumNorm = column(sigmoid, NodeAnalysis.Row::biasMinimumNorm);
    assertThat(sigmoid.pearson()).isEqualTo(PearsonTable.of(mi, tv, bias));
    assertThat(sigmoid.pearsonMinimumNormBias()).isEqualTo(PearsonTable.of(mi, tv, minimumNorm));
  }

  @Test
  void aLayerThatTheOutputLayerDoesNotReadHasNoBiasButTheSameInformationAndVariance() {
    EncoderBundle bundle = fit(sigmoidTrain, TwoClassOutputs.generate(N, 5, NodeAnalysisTest::sigmoidCodes));
    NodeAnalysis earlier = NodeAnalysis.withoutBias(sigmoidTrain.correctOnly(), bundle);

    assertThat(column(earlier, NodeAnalysis.Row::mi)).containsExactly(column(sigmoid, NodeAnalysis.Row::mi));
    assertThat(column(earlier, NodeAnalysis.Row::tv)).containsExactly(column(sigmoid, NodeAnalysis.Row::tv));
    assertThat(earlier.nodes()).allSatisfy(row -> {
      assertThat(row.bias()).isNaN();
      assertThat(row.biasMinimumNorm()).isNaN();
    });
    assertThat(earlier.pearson().miTv()).isEqualTo(sigmoid.pearson().miTv());
    assertThat(earlier.pearson().miBias()).isNaN();
    assertThat(earlier.pearsonMinimumNormBias().tvBias()).isNaN();
  }

  @Test
  void fitsTheMixturesAtTheNodesOfHighestMedianAndLowestInformation() {
    // gaussian node 0 separates the classes (MI near ln 2); nodes 1 and 2 carry almost none
    List<NodeAnalysis.NodeFit> fits = gaussian.fits();
    assertThat(fits).extracting(NodeAnalysis.NodeFit::rank).containsExactly("highest MI", "median MI", "lowest MI");
    assertThat(fits.get(0).node()).isZero();
    assertThat(fits).extracting(NodeAnalysis.NodeFit::node).doesNotHaveDuplicates();
    for (NodeAnalysis.NodeFit fit : fits) {
      assertThat(fit.mi()).isEqualTo(gaussian.nodes().get(fit.node()).mi());
    }
  }

  @Test
  void leavesNodesWhoseValuesNeverVaryOutOfTheFits() {
    // sigmoid node 1 takes two values and node 2 two; a constant node would have no histogram
    LabeledOutputs train = TwoClassOutputs.generate(N, 0, i -> new double[] {sigmoidCodes(i)[0], 0.4, sigmoidCodes(i)[2]});
    EncoderBundle bundle = fit(train, TwoClassOutputs.generate(N, 5, NodeAnalysisTest::sigmoidCodes));

    assertThat(NodeAnalysis.of(train.correctOnly(), bundle, OUTPUT).fits()).extracting(NodeAnalysis.NodeFit::node)
        .containsExactlyInAnyOrder(0, 2);
  }

  @Test
  void aNodeFitComparesEveryClassWithThePooledMixtureAndTheHighestClassWithItsOwn() {
    // node 0 sits at +3 for class 1 ("one") and at −3 for class 0: class 1 is the higher
    Random random = new Random(7);
    EncoderBundle bundle = fit(gaussianTrain, TwoClassOutputs.generate(N, 5, i -> gaussianCodes(i, random)));
    NodeAnalysis analysis = NodeAnalysis.of(gaussianTrain.correctOnly(), bundle, OUTPUT);
    NodeAnalysis.NodeFit top = analysis.fits().get(0);
    LabeledOutputs correct = gaussianTrain.correctOnly();
    double[] all = java.util.Arrays.stream(correct.outputs().hidden()).mapToDouble(h -> h[0]).toArray();
    double[] ofOne = java.util.stream.IntStream.range(0, all.length).filter(i -> correct.labels()[i] == 1).mapToDouble(i -> all[i]).toArray();

    assertThat(top.className()).isEqualTo("one");
    assertThat(top.pooled().orElseThrow().empirical())
        .containsExactly(GoodnessOfFit.defaults().binned(all, bundle.pooledGmm().mixture(0)).orElseThrow().empirical());
    assertThat(top.perClass().orElseThrow().fitted())
        .containsExactly(GoodnessOfFit.defaults().binned(ofOne, bundle.gmm().mixture(1, 0)).orElseThrow().fitted());
  }

  private static EncoderBundle fit(LabeledOutputs train, LabeledOutputs validation) {
    Provenance provenance = new Provenance("0".repeat(64), "synthetic", "test", OptionalLong.of(1), "1", "2026-01-01T00:00:00Z", "dev", "none", "17");
    return BundleFitter.fit(train, validation, List.of("zero", "one"), provenance);
  }

  private static double[] column(NodeAnalysis analysis, ToDoubleFunction<NodeAnalysis.Row> field) {
    return analysis.nodes().stream().mapToDouble(field).toArray();
  }

  private static double populationVariance(double[][] hidden, int node) {
    double mean = 0;
    for (double[] row : hidden) {
      mean += row[node] / hidden.length;
    }
    double squares = 0;
    for (double[] row : hidden) {
      squares += (row[node] - mean) * (row[node] - mean);
    }
    return squares / hidden.length;
  }
}
