package io.penultimate.data;

/**
 * A data set divided into train (fit the model), validation (fit encoders, choose settings) and
 * test (report results); all three share class names and image size.
 */
public record DataSplit(LabeledImages train, LabeledImages validation, LabeledImages test) {

  public DataSplit {
    for (LabeledImages part : new LabeledImages[] {validation, test}) {
      if (!part.classNames().equals(train.classNames())) {
        throw new IllegalArgumentException(
            "class names differ: " + train.classNames() + " in " + train.source() + ", " + part.classNames() + " in "
                + part.source());
      }
      if (part.size() > 0 && train.size() > 0 && part.inputSize() != train.inputSize()) {
        throw new IllegalArgumentException(
            "image sizes differ: " + train.inputSize() + " in " + train.source() + ", " + part.inputSize() + " in "
                + part.source());
      }
    }
  }

  /** Train, validation and test together. */
  public int size() {
    return train.size() + validation.size() + test.size();
  }
}
