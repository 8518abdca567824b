package io.penultimate.bench;

import io.penultimate.encoder.BetaFitter;
import io.penultimate.encoder.BetaGeneralFitter;
import io.penultimate.encoder.BinomialFitter;
import io.penultimate.encoder.GaussianMixtureFitter;
import io.penultimate.encoder.HiddenSamples;
import io.penultimate.encoder.PooledMixtureFitter;
import io.penultimate.encoder.SyntheticHidden;
import io.penultimate.encoder.TrinomialFitter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to fit one family on 60,000 samples × 512 nodes × 10 classes, the size of the paper's
 * CIFAR-100 setting cut to 10 classes. Target: all families together under a minute on 2 cores.
 * The sigmoid families fit saturated sigmoid-like outputs, the mixtures ReLU-like ones (both
 * seeded, see {@link SyntheticHidden}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@State(Scope.Benchmark)
public class EncoderFittingBenchmark {

  @Param({"binomial", "trinomial", "beta", "betaGeneral", "gmm", "pooledGmm"})
  public String family;

  private HiddenSamples samples;

  @Setup
  public void generate() {
    samples = family.endsWith("mm")
        ? SyntheticHidden.reluLike(60_000, 512, 10, 2)
        : SyntheticHidden.sigmoidLike(60_000, 512, 10, 1);
  }

  @Benchmark
  public Object fit() {
    return switch (family) {
      case "binomial" -> BinomialFitter.defaults().fit(samples);
      case "trinomial" -> TrinomialFitter.defaults().fit(samples);
      case "beta" -> BetaFitter.defaults().fit(samples);
      case "betaGeneral" -> BetaGeneralFitter.defaults().fit(samples);
      case "gmm" -> GaussianMixtureFitter.defaults().fit(samples);
      case "pooledGmm" -> PooledMixtureFitter.defaults().fit(samples);
      default -> throw new IllegalArgumentException("unknown family " + family);
    };
  }
}
