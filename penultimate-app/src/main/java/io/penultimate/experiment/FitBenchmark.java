package io.penultimate.experiment;

import io.penultimate.encoder.BetaFitter;
import io.penultimate.encoder.BetaGeneralFitter;
import io.penultimate.encoder.BinomialFitter;
import io.penultimate.encoder.GaussianMixtureFitter;
import io.penultimate.encoder.HiddenSamples;
import io.penultimate.encoder.PooledMixtureFitter;
import io.penultimate.encoder.TrinomialFitter;
import io.penultimate.measure.NodeStatistics;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.score.ClassGaussianFitter;
import io.penultimate.score.MahalanobisFitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the fit of every encoder family on a model's real hidden outputs. The baseline, measured
 * in the same run, is one pass over the same matrix computing per-node mean, variance and
 * saturation; results are reported as wall time and as a ratio to it, since absolute times on a
 * shared 2-core machine are noisy. Each step runs {@code repeats} times; the fastest is kept.
 */
public final class FitBenchmark {
  private FitBenchmark() {}

  /** Fastest wall time of each step, in seconds, in the order run. */
  public record Result(int samples, int width, int classes, Map<String, Double> seconds) {
    public double total() {
      return seconds.entrySet().stream().filter(e -> !e.getKey().equals(BASELINE)).mapToDouble(Map.Entry::getValue).sum();
    }
  }

  public static final String BASELINE = "baseline: one pass (node statistics)";

  public static Result run(LabeledOutputs train, int classes, int repeats) {
    LabeledOutputs correct = train.correctOnly();
    HiddenSamples samples = new HiddenSamples(correct.outputs().hidden(), correct.labels(), classes);
    Map<String, Runnable> steps = new LinkedHashMap<>();
    steps.put(BASELINE, () -> NodeStatistics.of(samples.hidden(), NodeStatistics.PAPER_LOW, NodeStatistics.PAPER_HIGH));
    steps.put("binomial", () -> BinomialFitter.defaults().fit(samples));
    steps.put("trinomial", () -> TrinomialFitter.defaults().fit(samples));
    steps.put("beta B(a, 1-a)", () -> BetaFitter.defaults().fit(samples));
    steps.put("beta (a, b)", () -> BetaGeneralFitter.defaults().fit(samples));
    steps.put("gmm, 3 per node per class", () -> GaussianMixtureFitter.defaults().fit(samples));
    steps.put("gmm, 10 per node pooled", () -> PooledMixtureFitter.defaults().fit(samples));
    steps.put("mahalanobis (tied covariance)", () -> new MahalanobisFitter().fit(samples.hidden(), samples.classes(), classes));
    steps.put("gaussian (per-class covariance)", () -> new ClassGaussianFitter().fit(samples.hidden(), samples.classes(), classes));
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (Map.Entry<String, Runnable> step : steps.entrySet()) {
      List<Double> times = new ArrayList<>();
      for (int r = 0; r < repeats; r++) {
        long start = System.nanoTime();
        step.getValue().run();
        times.add((System.nanoTime() - start) / 1e9);
      }
      seconds.put(step.getKey(), times.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
    }
    return new Result(samples.size(), samples.width(), classes, seconds);
  }
}
