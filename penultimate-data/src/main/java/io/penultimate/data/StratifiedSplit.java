package io.penultimate.data;

import java.util.Arrays;
import java.util.Random;

/**
 * A seeded, stratified split of labelled items into train, validation and test indices.
 *
 * <p>Each class c with n_c of the N items gives round(n_c · V / N) items to validation and
 * round(n_c · T / N) to test (V, T the requested sizes; rounding half up in exact integer
 * arithmetic), the rest to train. So every class keeps its proportion in every part, and the
 * totals equal V and T whenever the per-class shares are whole, as for all data sets here. Which
 * items go where is a Fisher–Yates shuffle of each class's indices (ascending, classes in label
 * order) driven by one {@link Random}: its algorithm is fixed by the Java specification, so a
 * seed gives the same split on every JDK and machine. The output indices are sorted.
 */
public final class StratifiedSplit {

  /** Sorted, disjoint index sets that together cover every item once. */
  public record Indices(int[] train, int[] validation, int[] test) {}

  private StratifiedSplit() {}

  public static Indices split(int[] labels, int numClasses, int validationSize, int testSize, long seed) {
    int n = labels.length;
    if (validationSize < 0 || testSize < 0 || validationSize + testSize > n) {
      throw new IllegalArgumentException(
          "validation " + validationSize + " + test " + testSize + " must be non-negative and at most " + n);
    }
    int[][] byClass = indicesByClass(labels, numClasses);
    Random random = new Random(seed);
    int[] train = new int[n];
    int[] validation = new int[n];
    int[] test = new int[n];
    int trainCount = 0;
    int validationCount = 0;
    int testCount = 0;
    for (int[] members : byClass) {
      shuffle(members, random);
      int toValidation = share(members.length, validationSize, n);
      int toTest = share(members.length, testSize, n);
      for (int k = 0; k < members.length; k++) {
        if (k < toValidation) {
          validation[validationCount++] = members[k];
        } else if (k < toValidation + toTest) {
          test[testCount++] = members[k];
        } else {
          train[trainCount++] = members[k];
        }
      }
    }
    return new Indices(sorted(train, trainCount), sorted(validation, validationCount), sorted(test, testCount));
  }

  private static int[][] indicesByClass(int[] labels, int numClasses) {
    int[] counts = new int[numClasses];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new IllegalArgumentException("label " + labels[i] + " at " + i + " is outside [0, " + numClasses + ")");
      }
      counts[labels[i]]++;
    }
    int[][] byClass = new int[numClasses][];
    for (int c = 0; c < numClasses; c++) {
      byClass[c] = new int[counts[c]];
    }
    int[] filled = new int[numClasses];
    for (int i = 0; i < labels.length; i++) {
      byClass[labels[i]][filled[labels[i]]++] = i;
    }
    return byClass;
  }

  /** round(classSize · size / total), half up, without floating point. */
  private static int share(int classSize, int size, int total) {
    return (int) ((2L * classSize * size + total) / (2L * total));
  }

  /** Fisher–Yates (Durstenfeld): swap each position from the end with a uniform earlier one. */
  private static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static int[] sorted(int[] a, int length) {
    int[] out = Arrays.copyOf(a, length);
    Arrays.sort(out);
    return out;
  }
}
