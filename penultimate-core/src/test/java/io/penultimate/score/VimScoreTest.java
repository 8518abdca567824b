package io.penultimate.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

class VimScoreTest {

  /**
   * Three nodes, two classes, logits l = W h + b with W = [[1, 0, 0], [0, 1, 0]] and b = (−1, −2),
   * so o = −W⁺ b = (1, 2, 0). The samples are o ± 3e₁, o ± 2e₂, o ± e₃: their second moment about o
   * is diag(18, 8, 2)/6 = diag(3, 4/3, 1/3), D = 2 (= the class count, d/2 rounded down being 1),
   * so P⊥ is e₃ and the residual norm is |h₃|. Max logits 3, 0, 2, 0, 0, 0 (sum 5), residuals
   * 0, 0, 0, 0, 1, 1 (sum 2): α = 5/2.
   */
  private static final double[][] HIDDEN = {{4, 2, 0}, {-2, 2, 0}, {1, 4, 0}, {1, 0, 0}, {1, 2, 1}, {1, 2, -1}};

  private static double[][] logits(double[][] hidden) {
    return Arrays.stream(hidden).map(h -> new double[] {h[0] - 1, h[1] - 2}).toArray(double[][]::new);
  }

  @Test
  void recoversTheHeadOriginResidualSpaceAndScaleOfAHandBuiltExample() {
    VimModel model = new VimFitter().fit(HIDDEN, logits(HIDDEN));

    assertThat(model.origin()).containsExactly(new double[] {1, 2, 0}, within(1e-7));
    assertThat(model.principalDimension()).isEqualTo(2);
    assertThat(Math.abs(model.residualBasis()[0][2])).isCloseTo(1, within(1e-9));
    assertThat(model.alpha()).isCloseTo(2.5, within(1e-7));
    assertThat(model.headResidual()).isLessThan(1e-7);
  }

  @Test
  void scoresEnergyMinusTheVirtualLogit() {
    VimScore score = new VimScore(new VimFitter().fit(HIDDEN, logits(HIDDEN)));

    // h = (2, 3, 2), logits (1, 1): residual |2| = 2, l₀ = 2.5 · 2 = 5; log(e + e) − 5 = log 2 − 4
    assertThat(score.residualNorm(new double[] {2, 3, 2})).isCloseTo(2, within(1e-7));
    assertThat(score.virtualLogit(new double[] {2, 3, 2})).isCloseTo(5, within(1e-6));
    assertThat(score.score(new double[] {2, 3, 2}, new double[] {1, 1})).isCloseTo(Math.log(2) - 4, within(1e-6));
    // h = (5, 2, 0), logits (4, 0): no residual, the energy log(e⁴ + 1) = 4 + log(1 + e⁻⁴)
    assertThat(score.score(new double[] {5, 2, 0}, new double[] {4, 0})).isCloseTo(4.0181499279178094, within(1e-7));
  }

  @Test
  void isTheLogOddsOfNotTheVirtualClass() {
    VimScore score = new VimScore(new VimFitter().fit(HIDDEN, logits(HIDDEN)));
    double[] h = {0.5, 1, 0.3};
    double[] l = {-0.5, -1};

    double virtual = score.virtualLogit(h);
    double p0 = Math.exp(virtual) / (Math.exp(virtual) + Math.exp(l[0]) + Math.exp(l[1]));
    assertThat(score.score(h, l)).isCloseTo(Math.log((1 - p0) / p0), within(1e-12));
    assertThat(score.scoreFromResidual(l, score.residualNorm(h))).isEqualTo(score.score(h, l));
  }

  @Test
  void ranksTheSampleWithTheLargerResidualLower() {
    VimScore score = new VimScore(new VimFitter().fit(HIDDEN, logits(HIDDEN)));
    double[] logits = {1, 0};

    assertThat(score.score(new double[] {2, 2, 0.1}, logits)).isGreaterThan(score.score(new double[] {2, 2, 3}, logits));
  }

  @Test
  void leavesTheResidualOfTheSmallestEigenvaluesOnAHeadOfRandomWeights() {
    Random random = new Random(5);
    int d = 10;
    int classes = 4;
    double[][] w = new double[classes][d];
    double[] b = new double[classes];
    for (int c = 0; c < classes; c++) {
      b[c] = random.nextGaussian();
      for (int j = 0; j < d; j++) {
        w[c][j] = random.nextGaussian();
      }
    }
    double[][] hidden = new double[400][d];
    double[][] logits = new double[400][classes];
    for (int i = 0; i < hidden.length; i++) {
      for (int j = 0; j < d; j++) {
        hidden[i][j] = 1 / (1 + Math.exp(-(random.nextGaussian() * (1 + j))));
      }
      for (int c = 0; c < classes; c++) {
        logits[i][c] = Whitening.dot(w[c], hidden[i]) + b[c];
      }
    }
    VimModel model = new VimFitter().fit(hidden, logits);
    VimScore score = new VimScore(model);

    // o is the least-norm solution of W o + b = 0
    double[] o = model.origin();
    for (int c = 0; c < classes; c++) {
      assertThat(Whitening.dot(w[c], o) + b[c]).isCloseTo(0, within(1e-6));
    }
    // mean squared residual = sum of the d − D smallest eigenvalues of the second moment about o
    double[][] moment = new double[d][d];
    double squared = 0;
    for (double[] h : hidden) {
      for (int a = 0; a < d; a++) {
        for (int c = 0; c < d; c++) {
          moment[a][c] += (h[a] - o[a]) * (h[c] - o[c]) / hidden.length;
        }
      }
      squared += Math.pow(score.residualNorm(h), 2) / hidden.length;
    }
    double[] eigenvalues = new EigenDecomposition(MatrixUtils.createRealMatrix(moment)).getRealEigenvalues();
    Arrays.sort(eigenvalues);
    assertThat(model.principalDimension()).isEqualTo(5);
    assertThat(squared).isCloseTo(Arrays.stream(eigenvalues, 0, d - 5).sum(), within(1e-9));
    assertThat(model.headResidual()).isLessThan(1e-9);
  }

  @Test
  void choosesThePapersPrincipalDimensionClampedToTheWidthAndClassCount() {
    assertThat(VimFitter.principalDimension(2048, 1000)).isEqualTo(1000);
    assertThat(VimFitter.principalDimension(4096, 10)).isEqualTo(1000);
    assertThat(VimFitter.principalDimension(768, 10)).isEqualTo(512);
    assertThat(VimFitter.principalDimension(1024, 10)).isEqualTo(512);
    assertThat(VimFitter.principalDimension(512, 10)).isEqualTo(256);
    assertThat(VimFitter.principalDimension(100, 10)).isEqualTo(50);
    assertThat(VimFitter.principalDimension(32, 10)).isEqualTo(16);
    assertThat(VimFitter.principalDimension(16, 10)).as("at least the class count").isEqualTo(10);
    assertThat(VimFitter.principalDimension(8, 10)).as("below the width").isEqualTo(7);
    assertThat(VimFitter.principalDimension(1, 3)).isZero();
  }

  @Test
  void refusesLogitsThatAreNotAnAffineFunctionOfTheHiddenVectorsNamingTheResidual() {
    double[][] squared = Arrays.stream(HIDDEN).map(h -> new double[] {h[0] * h[0], h[1]}).toArray(double[][]::new);

    assertThatThrownBy(() -> new VimFitter().fit(HIDDEN, squared))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("ViM needs logits that are an affine function W h + b of the hidden layer read")
        .hasMessageContaining("relative residual of 0.")
        .hasMessageContaining("(accepted: 0.001)")
        .hasMessageEndingWith("read the layer that feeds the model's final linear layer");
    VimModel anyHead = new VimFitter(VimFitter.AUTOMATIC, Double.POSITIVE_INFINITY).fit(HIDDEN, squared);
    assertThat(anyHead.headResidual()).isGreaterThan(0.1);
  }

  @Test
  void fallsBackToAlphaOneWhenTheFittingDataHasNoResidual() {
    double[][] flat = Arrays.copyOf(HIDDEN, 4); // every h₃ = 0: nothing outside the principal plane
    VimModel model = new VimFitter().fit(flat, logits(flat));

    assertThat(model.alpha()).isEqualTo(1);
    assertThat(new VimScore(model).score(new double[] {1, 2, 4}, new double[] {0, 0})).isCloseTo(Math.log(2) - 4, within(1e-6));
  }

  @Test
  void staysFiniteForTheLargestFiniteInputs() {
    VimScore score = new VimScore(new VimFitter().fit(HIDDEN, logits(HIDDEN)));
    double[] huge = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE};

    assertThat(score.residualNorm(huge)).isFinite();
    assertThat(score.score(huge, new double[] {-Double.MAX_VALUE, -Double.MAX_VALUE})).isEqualTo(-Double.MAX_VALUE);
    assertThat(score.score(new double[] {1, 2, 0}, new double[] {Double.MAX_VALUE, 0})).isFinite();
  }

  @Test
  void rejectsInvalidSettingsInputsAndModels() {
    VimScore score = new VimScore(new VimFitter().fit(HIDDEN, logits(HIDDEN)));

    assertThatThrownBy(() -> new VimFitter(-2, 1e-3)).hasMessage("dimension must be >= 0 or -1 (automatic), found -2");
    assertThatThrownBy(() -> new VimFitter(-1, Double.NaN)).hasMessage("maxHeadResidual must be >= 0, found NaN");
    assertThatThrownBy(() -> new VimFitter(3, 1e-3).fit(HIDDEN, logits(HIDDEN))).hasMessage("dimension must be below the width 3, found 3");
    assertThatThrownBy(() -> new VimFitter().fit(HIDDEN, new double[5][2]))
        .hasMessage("need one logit vector per hidden vector, found hidden=6 logits=5");
    assertThatThrownBy(() -> score.residualNorm(new double[2])).hasMessage("h has length 2, expected 3");
    assertThatThrownBy(() -> score.score(new double[3], new double[] {0, Double.NaN})).hasMessage("logits[1] must be finite, found NaN");
    assertThatThrownBy(() -> new VimModel(new double[] {0, 0}, new double[][] {{1, 0}, {1, 0}}, 1, 0))
        .hasMessage("residualBasis rows must be orthonormal, found rows 0 and 1 with inner product 1.0, expected 0.0");
    assertThatThrownBy(() -> new VimModel(new double[] {0, 0}, new double[][] {{1, 0}}, 0, 0))
        .hasMessage("alpha must be finite and > 0, found 0.0");
    assertThatThrownBy(() -> new VimModel(new double[] {0, 0}, new double[0][], 1, 0))
        .hasMessage("residualBasis must have 1 to 2 rows, found 0");
  }
}
