package io.penultimate.data;

/**
 * A data set divided into train (fit the model), validation (fit encoders, choose settings) and
 * test (report results); all three share class names and input size. A part may be empty, as the
 * test part of a split cut from one training file is.
 */
public record DataSplit(LabeledSamples train, LabeledSamples validation, LabeledSamples test) {

  public DataSplit {
    for (LabeledSamples part : new LabeledSamples[] {validation, test}) {
      if (!part.classNames().equals(train.classNames())) {
        throw new IllegalArgumentException(
            "class names differ: " + train.classNames() + " in " + train.source() + ", " + part.classNames() + " in "
                + part.source());
      }
      if (part.inputSize() != train.inputSize()) {
        throw new IllegalArgumentException(
            "input sizes differ: " + train.inputSize() + " in " + train.source() + ", " + part.inputSize() + " in "
                + part.source());
      }
    }
  }

  /** Train, validation and test together. */
  public int size() {
    return train.size() + validation.size() + test.size();
  }
}
