package io.penultimate.data;

import java.util.List;
import java.util.Optional;

/**
 * How the labels of a data file become class indices.
 *
 * @param column the CSV column that holds the labels; every other column is a feature
 * @param classNames the classes in the model's order, as the user names them: a CSV label may be
 *     one of these names or an index into them, an NPZ or IDX label an index into them, and a
 *     class folder's name must be one of them (its position is the label)
 * @param defaultClassNames the classes when {@code classNames} is empty, for the formats that do
 *     not name classes themselves (all but image folders), e.g. the names the model or bundle
 *     carries; with neither, labels are class indices and the classes are named "0" to the
 *     largest label found
 */
public record LabelOptions(String column, Optional<List<String>> classNames, Optional<List<String>> defaultClassNames) {
  public static final String DEFAULT_COLUMN = "label";
  public static final LabelOptions DEFAULT = new LabelOptions(DEFAULT_COLUMN, Optional.empty(), Optional.empty());

  public LabelOptions {
    classNames = classNames.map(LabelOptions::checked);
    defaultClassNames = defaultClassNames.map(LabelOptions::checked);
    if (column.isBlank()) {
      throw new IllegalArgumentException("the label column needs a name, found '" + column + "'");
    }
  }

  public LabelOptions withColumn(String name) {
    return new LabelOptions(name, classNames, defaultClassNames);
  }

  public LabelOptions withClassNames(List<String> names) {
    return new LabelOptions(column, Optional.of(names), defaultClassNames);
  }

  public LabelOptions withDefaultClassNames(List<String> names) {
    return new LabelOptions(column, classNames, Optional.of(names));
  }

  private static List<String> checked(List<String> names) {
    List<String> copy = List.copyOf(names);
    if (copy.isEmpty() || copy.stream().anyMatch(String::isBlank) || copy.stream().distinct().count() < copy.size()) {
      throw new IllegalArgumentException("class names must be distinct and not blank, found " + copy);
    }
    return copy;
  }
}
