package io.penultimate.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Turns the labels of a file without class folders into class indices: by name or index when
 * the classes are known ({@link LabelOptions}), else as indices whose largest names the last class.
 */
final class ClassLabels {
  /** More classes than this without names is taken for a mistake (a feature read as the label). */
  static final int MAX_UNNAMED_CLASSES = 1 << 16;
  private static final int NAMES_SHOWN = 10;
  private static final Pattern INDEX = Pattern.compile("[0-9]{1,9}");

  private final Optional<List<String>> names;
  private final Map<String, Integer> byName = new HashMap<>();
  private int largest = -1;

  ClassLabels(LabelOptions options) {
    this.names = options.classNames().or(options::defaultClassNames);
    names.ifPresent(list -> IntStream.range(0, list.size()).forEach(i -> byName.put(list.get(i), i)));
  }

  /**
   * The class index of a textual label: a class name, else a decimal index.
   *
   * @return the index, or -1 when the label is neither (see {@link #expected})
   */
  int index(String label) {
    Integer named = byName.get(label);
    if (named != null) {
      return named;
    }
    return INDEX.matcher(label).matches() ? index(Integer.parseInt(label)) : -1;
  }

  /** {@code label} itself when it is a valid class index, else -1. */
  int index(long label) {
    long limit = names.map(list -> (long) list.size()).orElse((long) MAX_UNNAMED_CLASSES);
    if (label < 0 || label >= limit) {
      return -1;
    }
    largest = Math.max(largest, (int) label);
    return (int) label;
  }

  /** What a label must be, for messages: "a class index 0..2 or a class name (a, b, c)". */
  String expected() {
    return names
        .map(list -> "a class index 0.." + (list.size() - 1) + " or a class name (" + shown(list) + ")")
        .orElse("a class index 0.." + (MAX_UNNAMED_CLASSES - 1) + " (to use names, list the classes with --class-names)");
  }

  /** What an index label must be, for messages: "a class index 0..2". */
  String expectedIndex() {
    return "a class index 0.." + (names.map(List::size).orElse(MAX_UNNAMED_CLASSES) - 1);
  }

  /** The classes: the known names, else "0" to the largest index seen. */
  List<String> classNames() {
    return names.orElseGet(() -> IntStream.rangeClosed(0, Math.max(largest, 0)).mapToObj(Integer::toString).toList());
  }

  private static String shown(List<String> list) {
    String head = list.stream().limit(NAMES_SHOWN).collect(Collectors.joining(", "));
    return list.size() > NAMES_SHOWN ? head + ", … " + list.size() + " in all" : head;
  }
}
