package io.penultimate.onnx;

import io.penultimate.model.ModelMetadata;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What an ONNX file says of its own training, in the model's {@code metadata_props} (ModelProto
 * field 14; in Python {@code onnx.helper.set_model_props}), laid over what the graph tells. A model
 * trained elsewhere can so carry what a {@code penultimate train} file carries: the data set and
 * seed that reports name, and for the open-set protocol which of the data set's classes it knows.
 * Every key is optional and other keys are ignored:
 * <ul>
 *   <li>{@value #ARCH}: the architecture, recorded as "ARCH (onnx)";
 *   <li>{@value #DATASET}: the data set's name, as {@code --dataset} takes it;
 *   <li>{@value #SEED}: the training seed, an integer;
 *   <li>{@value #TEST_ACCURACY}: the accuracy on the data set's test split, in [0, 1];
 *   <li>{@value #CLASS_NAMES}: one name per output, comma-separated;
 *   <li>{@value #DATASET_CLASSES}: for a model of some of the data set's classes, their indices,
 *       increasing, comma-separated, one per output.
 * </ul>
 */
final class DeclaredMetadata {
  static final String ARCH = "penultimate.arch";
  static final String DATASET = "penultimate.dataset";
  static final String SEED = "penultimate.seed";
  static final String TEST_ACCURACY = "penultimate.test_accuracy";
  static final String CLASS_NAMES = "penultimate.class_names";
  static final String DATASET_CLASSES = "penultimate.dataset_classes";

  private DeclaredMetadata() {}

  /**
   * @param graph the metadata the graph tells (see {@link ModelMetadata#ofNetwork})
   * @throws IllegalArgumentException naming the key whose value cannot be read, or disagrees with the graph
   */
  static ModelMetadata over(ModelMetadata graph, Map<String, String> props) {
    List<String> classNames = Optional.ofNullable(props.get(CLASS_NAMES)).map(v -> list(v, CLASS_NAMES)).orElse(graph.classNames());
    if (classNames.size() != graph.classNames().size()) {
      throw new IllegalArgumentException(CLASS_NAMES + " names " + classNames.size() + " classes, but the graph has "
          + graph.classNames().size() + " outputs: give one name per output");
    }
    Optional<List<Integer>> datasetClasses = Optional.ofNullable(props.get(DATASET_CLASSES))
        .map(v -> list(v, DATASET_CLASSES).stream().map(DeclaredMetadata::classIndex).toList());
    OptionalLong seed = props.containsKey(SEED) ? OptionalLong.of(number(props.get(SEED), SEED)) : OptionalLong.empty();
    OptionalDouble accuracy = props.containsKey(TEST_ACCURACY) ? OptionalDouble.of(accuracy(props.get(TEST_ACCURACY))) : OptionalDouble.empty();
    String arch = props.containsKey(ARCH) ? props.get(ARCH).strip() + " (" + graph.arch() + ")" : graph.arch();
    try {
      return new ModelMetadata(ModelMetadata.FORMAT_VERSION, Optional.ofNullable(props.get(DATASET)).map(String::strip), arch, seed,
          accuracy, graph.validationAccuracy(), graph.epochs(), graph.hiddenLayer(), graph.hiddenWidth(), graph.inputSize(),
          classNames, datasetClasses);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("metadata_props " + DATASET_CLASSES + ": " + e.getMessage(), e);
    }
  }

  private static List<String> list(String value, String key) {
    List<String> items = Arrays.stream(value.split(",", -1)).map(String::strip).toList();
    if (items.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException(key + " '" + value + "' has an empty item: expected comma-separated values");
    }
    return items;
  }

  private static int classIndex(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(DATASET_CLASSES + " item '" + value + "' is not a class index", e);
    }
  }

  private static long number(String value, String key) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " '" + value + "' is not an integer", e);
    }
  }

  private static double accuracy(String value) {
    double accuracy;
    try {
      accuracy = Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(TEST_ACCURACY + " '" + value + "' is not a number", e);
    }
    if (!(accuracy >= 0 && accuracy <= 1)) {
      throw new IllegalArgumentException(TEST_ACCURACY + " '" + value + "' is not in [0, 1]");
    }
    return accuracy;
  }
}
