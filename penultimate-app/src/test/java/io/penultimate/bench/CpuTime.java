package io.penultimate.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.DoubleSupplier;

/**
 * The per-call cost of {@link ScoreBenchmark}'s and {@link KnnBenchmark}'s methods as the calling
 * thread's CPU time rather than JMH's wall-clock time: on a machine that other processes share, the
 * wall clock also counts the time the thread waited for a core. Each method is warmed up for 2 s of
 * CPU time, then run five times for at least 1 s of CPU time each; the median run is printed.
 *
 * <p>Run: {@code bench/run CpuTime score 32,100,512} and {@code bench/run CpuTime knn 32,100,512
 * 1000,2000,5000,10000} (widths, then k-NN caps; with OMP_NUM_THREADS=1 BLAS works on the calling
 * thread, so its CPU time is counted).
 */
public final class CpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long RUN_NANOS = 1_000_000_000L;
  private static double sink;

  private CpuTime() {}

  /** Median over five runs of the CPU microseconds per call. */
  static double microsPerCall(DoubleSupplier call) {
    long warmUp = THREADS.getCurrentThreadCpuTime();
    while (THREADS.getCurrentThreadCpuTime() - warmUp < 2 * RUN_NANOS) {
      sink += call.getAsDouble();
    }
    double[] runs = new double[5];
    for (int r = 0; r < runs.length; r++) {
      long calls = 0;
      long start = THREADS.getCurrentThreadCpuTime();
      long now;
      do {
        for (int i = 0; i < 16; i++) {
          sink += call.getAsDouble();
        }
        calls += 16;
        now = THREADS.getCurrentThreadCpuTime();
      } while (now - start < RUN_NANOS);
      runs[r] = (now - start) / 1e3 / calls;
    }
    Arrays.sort(runs);
    return runs[2];
  }

  public static void main(String[] args) throws IOException {
    for (String width : args[1].split(",")) {
      if (args[0].equals("score")) {
        ScoreBenchmark b = new ScoreBenchmark();
        b.dimension = Integer.parseInt(width);
        b.fit();
        System.out.printf(
            "width %s, µs per call (CPU): mahalanobis %.3f, classGaussian %.3f, maxLogit %.3f, doctor %.3f, relativeMahalanobis %.3f,"
                + " knn %.3f, vim %.3f, sirc %.3f, mahalanobisNormalised %.3f%n",
            width, microsPerCall(b::mahalanobisScore), microsPerCall(b::classGaussianScore), microsPerCall(b::maxLogitScore),
            microsPerCall(b::doctorScore), microsPerCall(b::relativeMahalanobisScore), microsPerCall(b::knnScore),
            microsPerCall(b::vimScore), microsPerCall(b::sircScore), microsPerCall(b::mahalanobisNormalisedScore));
      } else {
        for (String cap : args[2].split(",")) {
          for (String products : new String[] {"plain", "blas"}) {
            KnnBenchmark b = new KnnBenchmark();
            b.dimension = Integer.parseInt(width);
            b.cap = Integer.parseInt(cap);
            b.products = products;
            b.data = "relu";
            b.fit();
            System.out.printf("width %s, cap %s, %s: knn %.3f µs per sample alone, %.3f in a batch of 64 (CPU)%n", width, cap, products,
                microsPerCall(b::alone), microsPerCall(() -> b.batchOf64()[0]) / 64);
          }
        }
      }
    }
    if (sink == 42) {
      System.out.println();
    }
  }
}
