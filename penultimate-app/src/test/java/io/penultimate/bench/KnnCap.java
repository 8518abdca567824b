package io.penultimate.bench;

import io.penultimate.evaluation.Auroc;
import io.penultimate.score.KnnFitter;
import io.penultimate.score.KnnScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the k-NN score (k = 50) loses when it stores a sample of the training vectors: its
 * misclassification AUROC on the test split and its OOD AUROC against another data set, for caps
 * from 500 to all of the training split's correct predictions, three sample seeds each. Reads the
 * CSV files {@code penultimate export} writes ({@code label,predicted,logit_..,h_..}).
 *
 * <p>Run: {@code penultimate export --model M --dataset mnist --split train --out train.csv} (and
 * {@code --split test}, and {@code --dataset fashion-mnist --split test} for the OOD set), then
 * {@code bench/run KnnCap train.csv test.csv ood.csv}.
 */
public final class KnnCap {
  private static final int[] CAPS = {500, 1000, 2000, 3000, 5000, Integer.MAX_VALUE};
  private static final long[] SEEDS = {42, 1, 2};

  private record Exported(double[][] hidden, int[] labels, int[] predicted) {}

  private KnnCap() {}

  private static Exported read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    int firstHidden = Arrays.asList(lines.get(0).split(",")).indexOf("h_0");
    int n = lines.size() - 1;
    double[][] hidden = new double[n][];
    int[] labels = new int[n];
    int[] predicted = new int[n];
    for (int i = 0; i < n; i++) {
      String[] cells = lines.get(i + 1).split(",");
      labels[i] = Integer.parseInt(cells[0]);
      predicted[i] = Integer.parseInt(cells[1]);
      hidden[i] = Arrays.stream(cells, firstHidden, cells.length).mapToDouble(Double::parseDouble).toArray();
    }
    return new Exported(hidden, labels, predicted);
  }

  public static void main(String[] args) throws IOException {
    Exported train = read(Path.of(args[0]));
    Exported test = read(Path.of(args[1]));
    Exported ood = read(Path.of(args[2]));
    List<double[]> correct = new ArrayList<>();
    for (int i = 0; i < train.hidden().length; i++) {
      if (train.labels()[i] == train.predicted()[i]) {
        correct.add(train.hidden()[i]);
      }
    }
    double[][] fitting = correct.toArray(double[][]::new);
    boolean[] right = new boolean[test.hidden().length];
    for (int i = 0; i < right.length; i++) {
      right[i] = test.labels()[i] == test.predicted()[i];
    }
    boolean[] inDistribution = new boolean[test.hidden().length + ood.hidden().length];
    Arrays.fill(inDistribution, 0, test.hidden().length, true);
    System.out.println(fitting.length + " correct training predictions, k = " + KnnFitter.DEFAULT_K);
    for (int cap : CAPS) {
      for (long seed : SEEDS) {
        KnnScore score = new KnnScore(new KnnFitter(KnnFitter.DEFAULT_K, cap, seed).fit(fitting));
        double[] testScores = Arrays.stream(test.hidden()).mapToDouble(score::score).toArray();
        double[] both = new double[inDistribution.length];
        System.arraycopy(testScores, 0, both, 0, testScores.length);
        for (int i = 0; i < ood.hidden().length; i++) {
          both[testScores.length + i] = score.score(ood.hidden()[i]);
        }
        System.out.printf("cap %s, seed %d: misclassification AUROC %.4f, OOD AUROC %.4f%n",
            cap >= fitting.length ? "all" : String.valueOf(cap), seed, Auroc.of(testScores, right), Auroc.of(both, inDistribution));
        if (cap >= fitting.length) {
          break; // every vector stored: the seed changes nothing
        }
      }
    }
  }
}
