package io.penultimate.bench;

import io.penultimate.encoder.BetaEncoder;
import io.penultimate.encoder.BetaFitter;
import io.penultimate.encoder.BetaGeneralEncoder;
import io.penultimate.encoder.BetaGeneralFitter;
import io.penultimate.encoder.GaussianMixtureEncoder;
import io.penultimate.encoder.GaussianMixtureFitter;
import io.penultimate.encoder.HiddenSamples;
import io.penultimate.encoder.PooledMixtureEncoder;
import io.penultimate.encoder.PooledMixtureFitter;
import io.penultimate.encoder.SyntheticHidden;
import io.penultimate.encoder.TrinomialEncoder;
import io.penultimate.encoder.TrinomialFitter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to score one event: the log-likelihood of one hidden vector under one class (paper eq. 5).
 * Targets: under 1 µs for 32 trinomial nodes, under 20 µs for 512 nodes of 3-component mixtures.
 * Each call takes the next of 64 held-out vectors so that the JIT cannot fold the input away.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class EncoderScoringBenchmark {

  private static final int INPUTS = 64;

  private TrinomialEncoder trinomial;
  private BetaEncoder beta;
  private BetaGeneralEncoder betaGeneral;
  private GaussianMixtureEncoder gmm;
  private PooledMixtureEncoder pooled;
  private double[][] sigmoidInputs;
  private double[][] reluInputs;
  private int next;

  @Setup
  public void fit() {
    HiddenSamples sigmoid = SyntheticHidden.sigmoidLike(10_000, 32, 10, 1);
    HiddenSamples relu = SyntheticHidden.reluLike(10_000, 512, 10, 2);
    trinomial = TrinomialFitter.defaults().fit(sigmoid);
    beta = BetaFitter.defaults().fit(sigmoid);
    betaGeneral = BetaGeneralFitter.defaults().fit(sigmoid);
    gmm = GaussianMixtureFitter.defaults().fit(relu);
    pooled = PooledMixtureFitter.defaults().fit(relu);
    sigmoidInputs = SyntheticHidden.sigmoidLike(INPUTS, 32, 10, 3).hidden();
    reluInputs = SyntheticHidden.reluLike(INPUTS, 512, 10, 4).hidden();
  }

  private int nextInput() {
    next = (next + 1) % INPUTS;
    return next;
  }

  /**
   * Baselines measured in the same run: Σ_i log(h_i) over the same vectors, the cheapest
   * per-node likelihood there can be; results are read as ratios to these.
   */
  @Benchmark
  public double baselineSumOfLogs32Nodes() {
    return sumOfLogs(sigmoidInputs[nextInput()]);
  }

  @Benchmark
  public double baselineSumOfLogs512Nodes() {
    return sumOfLogs(reluInputs[nextInput()]);
  }

  private static double sumOfLogs(double[] hidden) {
    double sum = 0;
    for (double h : hidden) {
      sum += Math.log(h + 1e-12);
    }
    return sum;
  }

  @Benchmark
  public double trinomial32Nodes() {
    int k = nextInput();
    return trinomial.logLikelihood(sigmoidInputs[k], k % 10);
  }

  @Benchmark
  public double beta32Nodes() {
    int k = nextInput();
    return beta.logLikelihood(sigmoidInputs[k], k % 10);
  }

  @Benchmark
  public double betaGeneral32Nodes() {
    int k = nextInput();
    return betaGeneral.logLikelihood(sigmoidInputs[k], k % 10);
  }

  @Benchmark
  public double gmm512NodesThreeComponents() {
    int k = nextInput();
    return gmm.logLikelihood(reluInputs[k], k % 10);
  }

  @Benchmark
  public double pooledGmm512NodesTenComponents() {
    return pooled.logLikelihood(reluInputs[nextInput()]);
  }
}
