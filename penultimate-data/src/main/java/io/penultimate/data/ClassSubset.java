package io.penultimate.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The classes of a data set a classifier is trained on, the rest held out: the open-set protocol,
 * whose held-out classes are near out-of-distribution inputs (the same kind of image, a class the
 * model never saw), beside far ones (another data set).
 *
 * <p>Kept samples are relabelled 0..K'−1 in increasing order of their original class index, and
 * the kept classes keep their names (MNIST digits 0..5 stay "0".."5", so a kept label k names
 * the digit {@code kept.get(k)}). Held-out samples keep their original labels and names: they are
 * scored as inputs of no known class, and their labels are not read. Rows are shared, not copied.
 *
 * @param kept the original indices of the kept classes, strictly increasing, at least two
 * @param classNames every class of the data set, indexed by the original labels
 */
public record ClassSubset(List<Integer> kept, List<String> classNames) {
  /** A classifier needs two classes to tell apart. */
  public static final int MIN_KEPT = 2;

  public ClassSubset {
    kept = List.copyOf(kept);
    classNames = List.copyOf(classNames);
    for (int i = 0; i < kept.size(); i++) {
      if (kept.get(i) < 0 || kept.get(i) >= classNames.size()) {
        throw new IllegalArgumentException(
            "class " + kept.get(i) + " is not a class of the data set, whose classes are 0.." + (classNames.size() - 1));
      }
      if (i > 0 && kept.get(i) <= kept.get(i - 1)) {
        throw new IllegalArgumentException("kept classes must be strictly increasing, found " + kept);
      }
    }
    if (kept.size() < MIN_KEPT) {
      throw new IllegalArgumentException("a subset keeps at least " + MIN_KEPT + " classes, found " + kept.size() + " " + kept
          + " (a classifier needs two classes to tell apart)");
    }
  }

  /**
   * The subset keeping {@code classes}, in any order.
   *
   * @throws IllegalArgumentException naming an unknown or repeated class, or a subset of fewer than two
   */
  public static ClassSubset keeping(Collection<Integer> classes, List<String> classNames) {
    if (classes.isEmpty()) {
      throw new IllegalArgumentException("no class is kept; list at least " + MIN_KEPT + " of 0.." + (classNames.size() - 1));
    }
    return new ClassSubset(distinctKnown(classes, classNames), classNames);
  }

  /**
   * The subset keeping every class but {@code heldOut}, in any order.
   *
   * @throws IllegalArgumentException naming an unknown or repeated class, when none is held out, or
   *     when fewer than two are left
   */
  public static ClassSubset holdingOut(Collection<Integer> heldOut, List<String> classNames) {
    if (heldOut.isEmpty()) {
      throw new IllegalArgumentException("no class is held out; list at least one of 0.." + (classNames.size() - 1));
    }
    List<Integer> out = distinctKnown(heldOut, classNames);
    List<Integer> kept = IntStream.range(0, classNames.size()).filter(c -> !out.contains(c)).boxed().toList();
    if (kept.size() < MIN_KEPT) {
      throw new IllegalArgumentException("holding out " + joined(out) + " of the " + classNames.size() + " classes leaves "
          + (kept.isEmpty() ? "none" : "only " + joined(kept)) + "; keep at least " + MIN_KEPT + " to train on");
    }
    return new ClassSubset(kept, classNames);
  }

  /** The original indices of the classes not kept, increasing. */
  public List<Integer> heldOut() {
    return IntStream.range(0, classNames.size()).filter(c -> !kept.contains(c)).boxed().toList();
  }

  /** The kept classes' names, in their new order: the subset's class names. */
  public List<String> keptNames() {
    return kept.stream().map(classNames::get).toList();
  }

  /** "classes 0,1,2,3,4,5", for data set descriptions. */
  public String describeKept() {
    return "classes " + joined(kept);
  }

  /** "held-out classes 6,7,8,9", for the near-OOD set's name. */
  public String describeHeldOut() {
    return "held-out classes " + joined(heldOut());
  }

  /** The samples of the kept classes, in their order, relabelled 0..K'−1 and named as the kept classes. */
  public LabeledSamples keep(LabeledSamples samples) {
    requireSameClasses(samples);
    int[] newLabel = new int[classNames.size()];
    Arrays.fill(newLabel, -1);
    for (int k = 0; k < kept.size(); k++) {
      newLabel[kept.get(k)] = k;
    }
    int[] indices = IntStream.range(0, samples.size()).filter(i -> newLabel[samples.labels()[i]] >= 0).toArray();
    float[][] rows = new float[indices.length][];
    int[] labels = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      rows[i] = samples.features()[indices[i]];
      labels[i] = newLabel[samples.labels()[indices[i]]];
    }
    return new LabeledSamples(rows, samples.inputShape(), labels, keptNames(), samples.source() + ", " + describeKept());
  }

  /** Every part of the split kept as {@link #keep(LabeledSamples)} keeps it: validation holds kept classes only. */
  public DataSplit keep(DataSplit split) {
    return new DataSplit(keep(split.train()), keep(split.validation()), keep(split.test()));
  }

  /** The samples of the held-out classes, in their order, with their original labels and class names. */
  public LabeledSamples heldOutOf(LabeledSamples samples) {
    requireSameClasses(samples);
    int[] indices = IntStream.range(0, samples.size()).filter(i -> !kept.contains(samples.labels()[i])).toArray();
    LabeledSamples out = samples.subset(indices);
    return new LabeledSamples(out.features(), out.inputShape(), out.labels(), out.classNames(),
        samples.source() + ", " + describeHeldOut());
  }

  private void requireSameClasses(LabeledSamples samples) {
    if (!samples.classNames().equals(classNames)) {
      throw new IllegalArgumentException("the subset was made for the classes " + classNames + ", " + samples.source()
          + " has " + samples.classNames());
    }
  }

  private static List<Integer> distinctKnown(Collection<Integer> classes, List<String> classNames) {
    TreeSet<Integer> seen = new TreeSet<>();
    List<Integer> unknown = new ArrayList<>();
    for (int c : classes) {
      if (c < 0 || c >= classNames.size()) {
        unknown.add(c);
      } else if (!seen.add(c)) {
        throw new IllegalArgumentException("class " + c + " is listed twice");
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown class" + (unknown.size() > 1 ? "es " : " ") + joined(unknown) + ": the data set's classes are 0.."
          + (classNames.size() - 1) + " (" + String.join(", ", classNames) + ")");
    }
    return List.copyOf(seen);
  }

  private static String joined(List<Integer> classes) {
    return classes.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
