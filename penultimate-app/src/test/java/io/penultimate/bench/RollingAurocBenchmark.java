package io.penultimate.bench;

import io.penultimate.evaluation.RollingAuroc;
import java.util.ArrayDeque;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of one labelled observation entering a full rolling-AUROC window (the oldest leaves), the
 * monitor's per-outcome work for each score and window, and of reading the window's AUROC, which
 * the monitor does not do per outcome. Scores are seeded Gaussians, one in ten negative; windows
 * of 10,000 (the count window's default) and 100,000 (the time window's capacity). The baseline
 * keeps the same window as a multiset in {@link TreeMap} (insert and remove): the cost of a
 * standard balanced tree, measured in the same run.
 *
 * <p>Run: {@code bench/jmh RollingAuroc -f 1 -wi 3 -i 5 -w 1s -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RollingAurocBenchmark {
  private static final int STREAM = 1 << 18;

  @Param({"10000", "100000"})
  int window;

  private double[] scores;
  private boolean[] positive;
  private RollingAuroc auroc;
  private TreeMap<Double, Integer> multiset;
  private ArrayDeque<Double> order;
  private int next;

  @Setup
  public void fill() {
    Random random = new Random(42);
    scores = new double[STREAM];
    positive = new boolean[STREAM];
    for (int i = 0; i < STREAM; i++) {
      positive[i] = random.nextDouble() < 0.9;
      scores[i] = random.nextGaussian() + (positive[i] ? 1 : 0);
    }
    auroc = new RollingAuroc(window);
    multiset = new TreeMap<>();
    order = new ArrayDeque<>();
    for (int i = 0; i < window; i++) {
      auroc.add(scores[i], positive[i]);
      multiset.merge(scores[i], 1, Integer::sum);
      order.addLast(scores[i]);
    }
    next = window;
  }

  private int nextIndex() {
    next = (next + 1) % STREAM;
    return next;
  }

  @Benchmark
  public int addToAFullWindow() {
    int i = nextIndex();
    auroc.add(scores[i], positive[i]);
    return auroc.size();
  }

  @Benchmark
  public double aurocOfAFullWindow() {
    return auroc.auroc();
  }

  @Benchmark
  public int baselineTreeMapMultiset() {
    int i = nextIndex();
    double oldest = order.removeFirst();
    multiset.computeIfPresent(oldest, (k, n) -> n == 1 ? null : n - 1);
    multiset.merge(scores[i], 1, Integer::sum);
    order.addLast(scores[i]);
    return multiset.size();
  }
}
